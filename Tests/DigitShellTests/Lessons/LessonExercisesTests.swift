import Foundation
import LessonKit
import XCTest

/// Issue 17: every lesson asks the learner something (an exercise, with hints that build up),
/// and states its numbers through templates or checked claims.
final class LessonExercisesTests: XCTestCase {
  func lessons() throws -> [Lesson] {
    let folder = Binary.repository.appendingPathComponent("Lessons")
    return try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
      .map { try Lesson(contentsOf: folder.appendingPathComponent($0)) }
  }

  func testEveryLessonHasAnExerciseWithAtLeastTwoHints() throws {
    let all = try lessons()
    XCTAssertGreaterThanOrEqual(all.count, 11)
    for lesson in all {
      let exercises = lesson.steps.compactMap { step -> Exercise? in
        if case .exercise(let exercise) = step { return exercise }
        return nil
      }
      XCTAssertFalse(exercises.isEmpty, "\(lesson.fileName) has no exercise")
      for exercise in exercises {
        XCTAssertGreaterThanOrEqual(exercise.hints.count, 2, "\(lesson.fileName): \(exercise.ask)")
      }
    }
  }

  func testEveryLessonChecksItsNumbers() throws {
    for lesson in try lessons() {
      let claims = lesson.steps.reduce(0) {
        if case .cell(let cell) = $1 { return $0 + cell.claims.count }
        return $0
      }
      let templates = lesson.steps.reduce(0) {
        if case .prose(let text) = $1 { return $0 + LessonTemplate.facts(in: text).count }
        return $0
      }
      XCTAssertGreaterThan(claims + templates, 0, "\(lesson.fileName) checks none of its numbers")
    }
  }

  /// An answer typed in lesson 1 is not judged by lesson 2's exercise: pressing Enter there
  /// before answering says to answer first, instead of "that is not the number of sixes".
  func testEnterBeforeAnsweringAsksForAnAnswer() throws {
    let keys = "lesson 1\n\n\n\n\nanswer 7\nquit\nlesson 2\n\n\n\n\n"
    let run = try Binary.run([], input: keys)
    XCTAssertTrue(run.output.contains("Your answer: 7."), run.output)
    XCTAssertTrue(run.output.contains("how many sixes are there"), run.output)
    XCTAssertTrue(
      run.output.contains("not yet: type answer and yours first, then press Enter"), run.output)
    XCTAssertFalse(run.output.contains("that is not the number of sixes"), run.output)
  }
}

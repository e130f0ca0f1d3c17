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
}

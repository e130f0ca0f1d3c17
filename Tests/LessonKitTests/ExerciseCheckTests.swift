import LessonKit
import XCTest

final class ExerciseCheckTests: XCTestCase {
  private func check(_ text: String, _ actual: String?) throws -> CheckOutcome {
    try ExerciseCheck(parsing: text).evaluate(with: FakeFacts(actual.map { ["f": $0] } ?? [:]))
  }

  func testNumbersCompareAsNumbers() throws {
    XCTAssertTrue(try check("f == 3", "3.0").passed)
    XCTAssertTrue(try check("f >= 0.95", "0.97").passed)
    XCTAssertFalse(try check("f > 10", "9").passed)
    XCTAssertTrue(try check("f < 10", "9").passed, "as strings \"9\" > \"10\"")
    XCTAssertTrue(try check("f <= 784", "784").passed)
    XCTAssertTrue(try check("f != 3", "4").passed)
    XCTAssertFalse(try check("f != 3", "3.00").passed)
  }

  func testOtherValuesCompareAsStrings() throws {
    XCTAssertTrue(try check("f == relu", "relu").passed)
    XCTAssertFalse(try check("f == relu", "ReLU").passed)
    XCTAssertTrue(try check("f < abd", "abc").passed)
    XCTAssertTrue(try check("f == 3 layers", "3 layers").passed)
    XCTAssertFalse(try check("f == 3", "three").passed)
    XCTAssertTrue(try check("f == \"\"", "").passed)
  }

  func testExists() throws {
    XCTAssertTrue(try check("f exists", "anything").passed)
    XCTAssertFalse(try check("f exists", nil).passed)
    XCTAssertFalse(try check("f == 3", nil).passed, "an unknown fact fails every comparison")
    XCTAssertFalse(try check("f != 3", nil).passed)
  }

  func testParsesFreeTextFacts() throws {
    let check = try ExerciseCheck(parsing: "model  mine layers   ==  3")
    XCTAssertEqual(check, ExerciseCheck(fact: "model mine layers", op: .equal, value: "3"))
    XCTAssertEqual(
      try ExerciseCheck(parsing: "model mine exists"),
      ExerciseCheck(fact: "model mine", op: .exists, value: nil))
    XCTAssertThrowsError(try ExerciseCheck(parsing: "exists"))
    XCTAssertThrowsError(try ExerciseCheck(parsing: "== 3"))
    XCTAssertThrowsError(try ExerciseCheck(parsing: "f => 3"))
  }

  func testSentences() throws {
    XCTAssertEqual(try check("f == 3", "2").sentence, "f is 2, expected 3")
    XCTAssertEqual(try check("f == 3", "3").sentence, "f is 3")
    XCTAssertEqual(try check("f >= 0.9", "0.8").sentence, "f is 0.8, expected at least 0.9")
    XCTAssertEqual(try check("f >= 0.9", "0.95").sentence, "f is 0.95, at least 0.9")
    XCTAssertEqual(try check("f != 3", "3").sentence, "f is 3, expected anything but 3")
    XCTAssertEqual(try check("f < 2", "5").sentence, "f is 5, expected less than 2")
    XCTAssertEqual(try check("f > 2", nil).sentence, "f is unknown, expected more than 2")
    XCTAssertEqual(try check("f exists", nil).sentence, "f does not exist")
    XCTAssertEqual(try check("f exists", "1").sentence, "f exists")
  }

  func testExerciseResultListsEachCheck() throws {
    let exercise = Exercise(
      ask: "Build mine.",
      checks: [
        try ExerciseCheck(parsing: "model mine exists"),
        try ExerciseCheck(parsing: "model mine layers == 3"),
      ],
      hints: ["new mine"], solution: ["new mine"])
    let facts = FakeFacts(["model mine": "yes", "model mine layers": "2"])
    let result = exercise.evaluate(with: facts)
    XCTAssertFalse(result.passed)
    XCTAssertEqual(result.outcomes.map(\.passed), [true, false])
    XCTAssertEqual(result.failures.map(\.sentence), ["model mine layers is 2, expected 3"])
    XCTAssertEqual(result.summary, "1 of 2 checks failed: model mine layers is 2, expected 3.")
    facts.values["model mine layers"] = "3"
    XCTAssertEqual(exercise.evaluate(with: facts).summary, "All 2 checks passed.")
  }
}

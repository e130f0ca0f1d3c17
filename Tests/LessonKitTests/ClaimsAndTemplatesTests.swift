import LessonKit
import XCTest

/// A lesson's numbers come from the output: `expect:` claims under cells and `{{FACT}}`
/// templates in prose, checked by the headless run that CI does.
final class ClaimsAndTemplatesTests: XCTestCase {
  private let markdown = """
    # Claims

    ```digitlab
    predict --index 0
    expect: prediction == 7
    expect: probability >= 90
    ```

    Net3 reads it as {{prediction}} ({{probability}}%).
    """

  func testClaimsAreReadWithTheirLines() throws {
    let lesson = try Lesson(markdown: markdown, id: "01-claims")
    guard case .cell(let cell) = lesson.steps[0] else { return XCTFail("\(lesson.steps)") }
    XCTAssertEqual(cell.commands, ["predict --index 0"])
    XCTAssertEqual(cell.claims.map(\.description), ["prediction == 7", "probability >= 90"])
    XCTAssertEqual(cell.claims.map(\.line), [5, 6])
  }

  func testACommandAfterAClaimIsAnError() {
    let bad = "# x\n\n```digitlab\nshow\nexpect: prediction == 7\nshow\n```\n"
    XCTAssertEqual(
      lessonError(try Lesson(markdown: bad, id: "x"))?.description,
      "x.md:6: command `show` after an `expect:` line: claims go under the cell's commands")
  }

  func testTemplatesAreFilledFromFacts() throws {
    let facts = FakeFacts(["prediction": "7", "probability": "99.9"])
    let executor = FakeExecutor()
    var prose: [String] = []
    let result = HeadlessRun.run(
      lesson: try Lesson(markdown: markdown, id: "01-claims"), executor: executor, facts: facts
    ) {
      if case .prose(let text) = $0 { prose.append(text) }
    }
    XCTAssertTrue(result.succeeded, "\(String(describing: result.failure))")
    XCTAssertEqual(prose, ["Net3 reads it as 7 (99.9%)."])
  }

  func testRunFailsOnAFalseClaimNamingTheLessonLineAndClaim() throws {
    let facts = FakeFacts(["prediction": "9", "probability": "99.9"])
    let result = HeadlessRun.run(
      lesson: try Lesson(markdown: markdown, id: "01-claims"), executor: FakeExecutor(),
      facts: facts
    ) { _ in }
    XCTAssertEqual(
      result.failure?.description,
      "01-claims.md:5: step 1: claim `prediction == 7` does not hold: prediction is 9, expected 7")
  }

  func testRunFailsOnATemplateWithoutAValue() throws {
    let text = "# T\n\nIt reads {{prediction}}.\n"
    let result = HeadlessRun.run(
      lesson: try Lesson(markdown: text, id: "t"), executor: FakeExecutor(), facts: FakeFacts()
    ) { _ in }
    XCTAssertEqual(
      result.failure?.description, "t.md:3: step 1: template {{prediction}} has no value here")
  }

  func testInteractiveClaimThatFailsSaysSoAndTheLessonGoesOn() throws {
    let store = try temporaryFolder(self).appendingPathComponent("progress.json")
    let runner = LessonRunner(
      lesson: try Lesson(markdown: markdown, id: "01-claims"), progress: ProgressStore(url: store),
      executor: FakeExecutor(), facts: FakeFacts(["prediction": "9", "probability": "95"]))
    let shown = runner.start()
    XCTAssertTrue(
      shown.contains(
        .info(
          "The lesson's text expects prediction == 7, but here prediction is 9: what follows may not match your screen."
        )), "\(shown)")
    XCTAssertEqual(runner.next().first, .prose("Net3 reads it as 9 (95%)."))
  }

  func testACheckMayCompareWithAnotherFact() throws {
    let check = try ExerciseCheck(parsing: "answer == {{prediction}}")
    XCTAssertTrue(check.evaluate(with: FakeFacts(["answer": "7", "prediction": "7"])).passed)
    let wrong = check.evaluate(with: FakeFacts(["answer": "9", "prediction": "7"]))
    XCTAssertFalse(wrong.passed)
    XCTAssertEqual(wrong.sentence, "answer is 9, expected 7")
    XCTAssertFalse(check.evaluate(with: FakeFacts(["answer": "7"])).passed)
  }

  /// `FACT exists` asks whether a fact has a value; a fact whose own name ends in `exists`
  /// (`model tiny exists`) is compared like any other: `model tiny exists == yes`.
  func testExistsAsAnOperatorAndAsPartOfAFactName() throws {
    let bare = try ExerciseCheck(parsing: "model tiny exists")
    XCTAssertEqual(bare.fact, "model tiny")
    XCTAssertEqual(bare.op, .exists)
    let compared = try ExerciseCheck(parsing: "model tiny exists == yes")
    XCTAssertEqual(compared.fact, "model tiny exists")
    XCTAssertTrue(compared.evaluate(with: FakeFacts(["model tiny exists": "yes"])).passed)
    XCTAssertFalse(compared.evaluate(with: FakeFacts()).passed)
  }

  /// An exercise's hint and solution may name the learner's own number.
  func testExerciseHintsAndSolutionAreFilledFromFacts() throws {
    let exercise = Exercise(
      ask: "Which digit is missed most?",
      checks: [ExerciseCheck(fact: "answer", op: .equal, value: "{{most missed}}")],
      hints: ["Count the captions.", "Most misses are {{most missed}}s."],
      solution: ["answer {{most missed}}"])
    let filled = exercise.filled(from: FakeFacts(["most missed": "4"]))
    XCTAssertEqual(filled.hints, ["Count the captions.", "Most misses are 4s."])
    XCTAssertEqual(filled.solution, ["answer 4"])
    XCTAssertEqual(exercise.filled(from: FakeFacts()).solution, ["answer {{most missed}}"])
  }
}

import LessonKit
import XCTest

final class HeadlessRunTests: XCTestCase {
  private let lesson = try! Lesson(markdown: sampleMarkdown, id: "03-net1")

  func testRunsEverythingAndChecksExercisesAfterTheirSolution() {
    let executor = FakeExecutor()
    let facts = FakeFacts()
    executor.effects["add relu"] = { facts.values["model mine layers"] = "2" }
    var emitted: [LessonOutput] = []
    let result = HeadlessRun.run(lesson: lesson, executor: executor, facts: facts) {
      emitted.append($0)
    }
    XCTAssertTrue(result.succeeded)
    XCTAssertEqual(result.stepsCompleted, 5)
    XCTAssertEqual(executor.ran, ["new mine", "add linear 784 10", "add relu"])
    let passed = ExerciseResult(outcomes: [
      CheckOutcome(
        check: ExerciseCheck(fact: "model mine layers", op: .equal, value: "2"), actual: "2",
        passed: true)
    ])
    XCTAssertEqual(
      emitted,
      [
        .heading("Test lesson"),
        .prose("Intro paragraph."),
        .command("new mine"),
        .command("add linear 784 10"),
        .prose("## Exercise time"),
        .exerciseAsk("Add a second layer."),
        .command("add relu"),
        .checkResult(passed),
        .prose("Last words."),
        .finished("You finished Lesson 3: Test lesson."),
      ])
  }

  func testStopsAtTheFirstFailedCell() {
    let executor = FakeExecutor()
    executor.failing = ["new mine", "add relu"]
    var emitted: [LessonOutput] = []
    let result = HeadlessRun.run(lesson: lesson, executor: executor, facts: FakeFacts()) {
      emitted.append($0)
    }
    XCTAssertFalse(result.succeeded)
    XCTAssertEqual(result.stepsCompleted, 1)
    XCTAssertEqual(
      result.failure,
      HeadlessFailure(
        file: "03-net1.md", step: 2, line: 5, command: "new mine", reason: "`new mine` failed"))
    XCTAssertEqual(result.failure?.description, "03-net1.md:5: step 2: `new mine` failed")
    XCTAssertEqual(
      emitted, [.heading("Test lesson"), .prose("Intro paragraph."), .command("new mine")])
    XCTAssertEqual(executor.ran, ["new mine"])
  }

  func testFailsWhenAnExerciseStillFailsAfterItsSolution() {
    let facts = FakeFacts(["model mine layers": "1"])
    let result = HeadlessRun.run(lesson: lesson, executor: FakeExecutor(), facts: facts) { _ in }
    XCTAssertEqual(
      result.failure?.description,
      "03-net1.md:12: step 4: exercise check failed after its solution: model mine layers is 1, expected 2"
    )
    XCTAssertNil(result.failure?.command)
  }

  func testFailedSolutionCommand() {
    let executor = FakeExecutor()
    executor.failing = ["add relu"]
    let result = HeadlessRun.run(lesson: lesson, executor: executor, facts: FakeFacts()) { _ in }
    XCTAssertEqual(result.failure?.command, "add relu")
    XCTAssertEqual(result.failure?.step, 4)
  }
}

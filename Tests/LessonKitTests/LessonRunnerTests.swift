import Foundation
import LessonKit
import XCTest

final class LessonRunnerTests: XCTestCase {
  private var store: ProgressStore!
  private var storeURL: URL!
  private let executor = FakeExecutor()
  private let facts = FakeFacts()

  override func setUpWithError() throws {
    storeURL = try temporaryFolder(self).appendingPathComponent("progress.json")
    store = ProgressStore(url: storeURL)
  }

  private func runner() throws -> LessonRunner {
    LessonRunner(
      lesson: try Lesson(markdown: sampleMarkdown, id: "03-net1"), progress: store,
      executor: executor, facts: facts)
  }

  private func savedStep() -> LessonProgress {
    ProgressStore(url: storeURL).progress(for: "03-net1")
  }

  func testEnterWalksThroughAndExerciseWaitsForItsCheck() throws {
    let runner = try runner()
    XCTAssertEqual(runner.start(), [.heading("Test lesson"), .prose("Intro paragraph.")])
    XCTAssertEqual(savedStep().step, 1)
    XCTAssertEqual(runner.next(), [.command("new mine"), .command("add linear 784 10")])
    XCTAssertEqual(executor.ran, ["new mine", "add linear 784 10"])
    XCTAssertEqual(runner.next(), [.prose("## Exercise time")])
    XCTAssertEqual(runner.next(), [.exerciseAsk("Add a second layer.")])
    XCTAssertTrue(runner.isExercisePending)

    facts.values["model mine layers"] = "1"
    let failed = runner.next()
    XCTAssertEqual(failed.count, 3)
    guard case .checkResult(let result) = failed[0] else { return XCTFail("\(failed)") }
    XCTAssertEqual(result.failures.map(\.sentence), ["model mine layers is 1, expected 2"])
    XCTAssertEqual(failed[1], .hint("Use add."))
    XCTAssertEqual(
      failed[2], .info("That was the last hint. Type solution to see one way to do it."))
    XCTAssertEqual(runner.position, 3, "the exercise stays current")
    XCTAssertEqual(runner.next().count, 3, "still failing, still current")
    XCTAssertEqual(runner.position, 3)

    facts.values["model mine layers"] = "2"
    let passed = runner.next()
    guard case .checkResult(let good)? = passed.first else { return XCTFail("\(passed)") }
    XCTAssertTrue(good.passed)
    XCTAssertEqual(
      Array(passed.dropFirst()),
      [.prose("Last words."), .finished("You finished Lesson 3: Test lesson.")])
    XCTAssertTrue(runner.isFinished)
    XCTAssertEqual(savedStep(), LessonProgress(step: 5, completed: true))
    XCTAssertEqual(
      runner.next(), [.info("This lesson is finished. Type restart to take it again.")])
    XCTAssertEqual(executor.ran.count, 2, "checks never run commands")
  }

  func testCellEchoComesBeforeItsCommandRuns() throws {
    let runner = try runner()
    runner.onOutput = { [executor] output in
      if case .command(let command) = output { executor.log.append("show \(command)") }
    }
    runner.start()
    let returned = runner.next()
    XCTAssertEqual(
      executor.log,
      ["show new mine", "run new mine", "show add linear 784 10", "run add linear 784 10"])
    XCTAssertEqual(returned.count, 2, "outputs are also returned")
  }

  func testFailingCommandStopsTheCellButNotTheLesson() throws {
    executor.failing = ["new mine"]
    let runner = try runner()
    runner.start()
    XCTAssertEqual(
      runner.next(),
      [
        .command("new mine"),
        .info(
          "`new mine` failed, so `add linear 784 10` did not run. Type again to run the cell from its start, or press Enter to go on."
        ),
      ])
    executor.failing = []
    XCTAssertEqual(runner.again(), [.command("new mine"), .command("add linear 784 10")])
    XCTAssertEqual(runner.next(), [.prose("## Exercise time")])
  }

  func testSkipRunsTheSolutionAndMovesOn() throws {
    let runner = try runner()
    runner.start()
    runner.next()
    runner.next()
    XCTAssertEqual(runner.next(), [.exerciseAsk("Add a second layer.")])
    XCTAssertEqual(
      runner.skip(),
      [
        .info("Skipped. One way to do it, run for you so the lesson can go on:"),
        .command("add relu"),
        .prose("Last words."),
        .finished("You finished Lesson 3: Test lesson."),
      ])
    XCTAssertEqual(executor.ran.last, "add relu")
    XCTAssertEqual(savedStep(), LessonProgress(step: 5, completed: true))
  }

  func testSkipAsksAndSolvesAnExerciseNotYetAsked() throws {
    let runner = try runner()
    runner.start()
    runner.next()
    runner.next()
    XCTAssertEqual(
      runner.skip().prefix(3),
      [
        .exerciseAsk("Add a second layer."),
        .info("Skipped. One way to do it, run for you so the lesson can go on:"),
        .command("add relu"),
      ])
  }

  func testSkipMovesOnEvenWhenTheSolutionFails() throws {
    executor.failing = ["add relu"]
    let runner = try runner()
    runner.start()
    runner.next()
    runner.next()
    runner.next()
    XCTAssertEqual(
      runner.skip(),
      [
        .info("Skipped. One way to do it, run for you so the lesson can go on:"),
        .command("add relu"),
        .info("`add relu` failed; later steps may need what it makes."),
        .prose("Last words."),
        .finished("You finished Lesson 3: Test lesson."),
      ])
  }

  func testSkipPassesOverACellWithoutRunningIt() throws {
    let runner = try runner()
    runner.start()
    XCTAssertEqual(
      runner.skip(),
      [.info("Skipped step 2: `new mine`, `add linear 784 10` did not run.")])
    XCTAssertEqual(executor.ran, [], "a skipped cell runs nothing")
    XCTAssertEqual(runner.next(), [.prose("## Exercise time")])
  }

  func testCtrlCStopsTheWholeCellAndAgainRerunsItFromTheStart() throws {
    executor.interrupting = ["new mine"]
    let runner = try runner()
    runner.start()
    XCTAssertEqual(
      runner.next(),
      [
        .command("new mine"),
        .info(
          "You stopped `new mine`, so `add linear 784 10` did not run. Type again to run the cell from its start, or press Enter to go on."
        ),
      ])
    XCTAssertEqual(executor.ran, ["new mine"], "nothing after the stopped command runs")
    executor.interrupting = []
    XCTAssertEqual(runner.again(), [.command("new mine"), .command("add linear 784 10")])
  }

  func testSolutionShowsWithoutRunningAndHintsBuildUp() throws {
    let markdown = """
      # Hints

      ```digitlab-exercise
      ask: Build tiny.
      check: model tiny layers == 3
      else: tiny should have three layers: flatten, linear 10 and logsoftmax
      hint: Start with new tiny.
      hint: Then add tiny flatten, add tiny linear 10, add tiny logsoftmax.
      solution: new tiny
      ```
      """
    let lesson = try Lesson(markdown: markdown, id: "03-net1")
    let runner = LessonRunner(
      lesson: lesson, progress: ProgressStore(url: storeURL), executor: executor, facts: facts)
    runner.start()
    XCTAssertEqual(runner.solution(), [.solution(["new tiny"])])
    XCTAssertEqual(executor.ran, [], "solution only shows")
    let first = runner.next()
    guard case .checkResult(let result) = first.first else { return XCTFail("\(first)") }
    XCTAssertEqual(
      result.failures.map(\.sentence),
      ["tiny should have three layers: flatten, linear 10 and logsoftmax"])
    XCTAssertEqual(first[1], .hint("Start with new tiny."))
    XCTAssertEqual(
      runner.next()[1], .hint("Then add tiny flatten, add tiny linear 10, add tiny logsoftmax."))
  }

  func testBackShowsWithoutRerunningCells() throws {
    let runner = try runner()
    XCTAssertEqual(runner.back(), [.info("Not started yet: press Enter to begin.")])
    runner.start()
    XCTAssertEqual(runner.back(), [.info("Already at the first step.")])
    runner.next()
    runner.next()
    XCTAssertEqual(
      runner.back(),
      [
        .info("Back to step 2 of 5."),
        .info("This cell runs `new mine`, `add linear 784 10`; type again to run it."),
      ])
    XCTAssertEqual(executor.ran.count, 2, "back does not rerun")
    XCTAssertEqual(runner.back(), [.info("Back to step 1 of 5."), .prose("Intro paragraph.")])
    XCTAssertEqual(savedStep().step, 1)
    XCTAssertEqual(
      runner.next(), [.command("new mine"), .command("add linear 784 10")],
      "Enter runs the cell again")
  }

  func testBackFromAfterAnExerciseAsksItAgain() throws {
    facts.values["model mine layers"] = "2"
    let runner = try runner()
    runner.start()
    for _ in 0..<4 { runner.next() }
    XCTAssertTrue(runner.isFinished)
    XCTAssertEqual(
      runner.back(), [.info("Back to step 4 of 5."), .exerciseAsk("Add a second layer.")])
    XCTAssertTrue(runner.isExercisePending)
    XCTAssertEqual(
      Array(runner.next().dropFirst()),
      [.prose("Last words."), .finished("You finished Lesson 3: Test lesson.")])
  }

  func testAgainRepeatsTheCurrentStep() throws {
    let runner = try runner()
    XCTAssertEqual(runner.again(), [.info("Nothing to repeat yet: press Enter to begin.")])
    runner.start()
    XCTAssertEqual(runner.again(), [.prose("Intro paragraph.")])
    runner.next()
    XCTAssertEqual(runner.again(), [.command("new mine"), .command("add linear 784 10")])
    XCTAssertEqual(executor.ran.count, 4)
    runner.next()
    runner.next()
    XCTAssertEqual(runner.again(), [.exerciseAsk("Add a second layer.")])
    XCTAssertEqual(runner.position, 3)
  }

  func testWhereAmI() throws {
    let runner = try runner()
    XCTAssertEqual(runner.whereAmI(), [.info("Lesson 3: Test lesson: not started, 5 steps.")])
    runner.start()
    runner.next()
    XCTAssertEqual(runner.whereAmI(), [.info("Lesson 3: Test lesson: step 2 of 5.")])
    runner.next()
    runner.next()
    XCTAssertEqual(
      runner.whereAmI(),
      [
        .info(
          "Lesson 3: Test lesson: step 4 of 5, an exercise waiting for its checks (Enter checks, hint helps, skip solves it)."
        )
      ])
    runner.skip()
    XCTAssertEqual(runner.whereAmI(), [.info("Lesson 3: Test lesson: finished, all 5 steps.")])
  }

  func testRestartKeepsTheCompletedMark() throws {
    let runner = try runner()
    runner.start()
    for _ in 0..<3 { runner.next() }
    runner.skip()
    XCTAssertEqual(runner.restart(), [.heading("Test lesson"), .prose("Intro paragraph.")])
    XCTAssertEqual(runner.position, 1)
    XCTAssertEqual(savedStep(), LessonProgress(step: 1, completed: true))
  }

  func testResumesFromStoredProgress() throws {
    let first = try runner()
    first.start()
    first.next()
    first.next()
    let again = LessonRunner(
      lesson: first.lesson, progress: ProgressStore(url: storeURL), executor: executor, facts: facts
    )
    XCTAssertEqual(again.position, 3)
    // The next step is an exercise: resuming asks it at once, under its own number.
    XCTAssertEqual(
      again.start(),
      [
        .heading("Test lesson"), .info("Resuming at step 4 of 5."),
        .exerciseAsk("Add a second layer."),
      ])
    XCTAssertTrue(again.isExercisePending)
    // A crash while the exercise waits: on resume the exercise is asked again.
    let third = LessonRunner(
      lesson: first.lesson, progress: ProgressStore(url: storeURL), executor: executor, facts: facts
    )
    XCTAssertFalse(third.isExercisePending)
    XCTAssertEqual(
      third.start(),
      [
        .heading("Test lesson"), .info("Resuming at step 4 of 5."),
        .exerciseAsk("Add a second layer."),
      ], "the prompt said step 4, and resuming says and asks step 4")
    XCTAssertTrue(third.isExercisePending)
  }

  /// Resuming without records (they were deleted, or a cell was stopped) reruns the earlier
  /// cells quietly; each says so as it starts, so a long one is not a silent wait.
  func testARebuildNamesEachCellAsItReruns() throws {
    store.update("03-net1") { $0.step = 3 }
    let runner = try runner()
    runner.world = WorldKeeper(
      folder: try temporaryFolder(self).appendingPathComponent("world"), world: FakeWorld())
    var shown: [String] = []
    runner.onOutput = { [executor] output in
      if case .info(let line) = output { shown.append("\(line) (\(executor.ran.count) ran)") }
    }
    runner.start()
    XCTAssertEqual(
      shown,
      [
        "Resuming at step 4 of 5. (0 ran)",
        "Rebuilding what steps 1–3 made: rerunning 1 earlier cell quietly… (0 ran)",
        "Step 2: `new mine`, `add linear 784 10`… (0 ran)",
      ], "each line is on screen before its commands run")
    XCTAssertEqual(executor.ran, ["new mine", "add linear 784 10"])
  }

  func testResumeAfterACellNamesItAndAFinishedLessonSaysSo() throws {
    store.update("03-net1") { $0.step = 2 }
    let lesson = try Lesson(markdown: sampleMarkdown, id: "03-net1")
    let runner = LessonRunner(lesson: lesson, progress: store, executor: executor, facts: facts)
    XCTAssertEqual(
      runner.start(),
      [
        .heading("Test lesson"),
        .info("Resuming at step 2 of 5."),
        .info("This cell runs `new mine`, `add linear 784 10`; type again to run it."),
      ])
    XCTAssertEqual(executor.ran, [])
    store.update("03-net1") { $0.step = 99 }
    let done = LessonRunner(lesson: lesson, progress: store, executor: executor, facts: facts)
    XCTAssertEqual(done.position, 5, "clamped to the lesson")
    XCTAssertEqual(
      done.start(),
      [
        .heading("Test lesson"),
        .info(
          "You have finished this lesson. Type restart to take it again, or back to review it."),
      ])
  }

  func testEmptyLesson() throws {
    let lesson = try Lesson(markdown: "# Nothing here", id: "x")
    let runner = LessonRunner(lesson: lesson, progress: store, executor: executor, facts: facts)
    XCTAssertEqual(runner.start(), [.heading("Nothing here"), .info("This lesson has no steps.")])
    XCTAssertEqual(
      runner.next(), [.info("This lesson is finished. Type restart to take it again.")])
    XCTAssertEqual(runner.back(), [.info("Not started yet: press Enter to begin.")])
    XCTAssertEqual(runner.again(), [.info("Nothing to repeat yet: press Enter to begin.")])
    XCTAssertEqual(runner.skip().count, 1)
    XCTAssertEqual(runner.restart(), [.heading("Nothing here")])
  }
}

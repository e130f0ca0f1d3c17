/// Walks a learner through a lesson, one step per Enter, saving progress after every move.
///
/// Terminal-free: each operation returns what to show, in order. Cells run through the
/// `executor` while an operation runs, so to print a cell's echo before the command's own
/// output, set `onOutput`: it receives each output the moment it is produced.
///
/// A cell is one unit: when a command fails or the learner stops it, the cell's later commands
/// do not run, and `again` reruns the cell from its start. An exercise stays current until its
/// checks pass: each `next()` re-checks it, giving one more hint after each failure; `solution`
/// shows one way to do it and `skip` runs that way and moves on.
public final class LessonRunner {
  /// The lesson being taken.
  public let lesson: Lesson
  /// Where progress is saved.
  public let progress: ProgressStore
  /// Runs cell commands and exercise solutions.
  public var executor: any CommandExecutor
  /// Answers exercise checks, claims and templates.
  public var facts: any FactSource
  /// Records what each step changed, so `back`, `again` and `restart` never apply a step
  /// twice and a resumed lesson gets its world back; nil keeps no record.
  public var world: WorldKeeper?
  /// Receives each output as it is produced (also returned by the operation).
  public var onOutput: ((LessonOutput) -> Void)?

  /// How many steps are behind the learner: the index of the step Enter acts on next.
  public internal(set) var position: Int
  /// Whether the exercise at `position` has been asked and awaits its checks.
  public internal(set) var isExercisePending = false
  /// Failed checks of the pending exercise so far (each brings one more hint).
  var failedChecks = 0

  var produced: [LessonOutput] = []

  /// Resumes `lesson` where `progress` left it.
  public init(
    lesson: Lesson, progress: ProgressStore, executor: any CommandExecutor, facts: any FactSource
  ) {
    self.lesson = lesson
    self.progress = progress
    self.executor = executor
    self.facts = facts
    self.position = progress.progress(for: lesson.id, stepCount: lesson.steps.count).step
  }

  /// The number of steps.
  public var stepCount: Int { lesson.steps.count }

  /// Whether every step is behind the learner.
  public var isFinished: Bool { position >= stepCount }

  /// The 0-based index of the step on screen: the pending exercise, else the last step shown.
  public var currentStep: Int? {
    isExercisePending ? position : (position > 0 ? position - 1 : nil)
  }

  // MARK: Operations

  /// Opens the lesson: the title, then the first step on a fresh start, or the last step
  /// seen when resuming, after bringing back what the steps before it built.
  @discardableResult
  public func start() -> [LessonOutput] {
    perform {
      emit(.heading(lesson.title))
      if stepCount == 0 {
        emit(.info("This lesson has no steps."))
      } else if position == 0 {
        present(0)
      } else if isFinished {
        emit(
          .info(
            "You have finished this lesson. Type restart to take it again, or back to review it."))
      } else if case .exercise = step(at: position) {
        // Left while an exercise waited: it is asked again, at its own number.
        emit(.info("Resuming at step \(position + 1) of \(stepCount)."))
        rebuildWorld()
        present(position)
      } else {
        emit(.info("Resuming at step \(position) of \(stepCount)."))
        rebuildWorld()
        review(position - 1)
      }
    }
  }

  /// Enter: checks a pending exercise (moving on when it passes, else naming the failed check
  /// and giving the next hint), or shows the next prose step, runs the next cell, or asks the
  /// next exercise.
  @discardableResult
  public func next() -> [LessonOutput] {
    perform {
      if isExercisePending, case .exercise(let exercise) = step(at: position) {
        check(exercise)
      } else if isFinished {
        emit(.info("This lesson is finished. Type restart to take it again."))
      } else {
        present(position)
      }
    }
  }

  /// Goes past the next step without running it: a cell is named, not run; a pending or
  /// next exercise shows one way to do it and runs that, so later steps have what they need;
  /// prose is shown, as Enter would.
  @discardableResult
  public func skip() -> [LessonOutput] {
    perform {
      guard !isFinished else {
        emit(.info("This lesson is finished. Type restart to take it again."))
        return
      }
      switch step(at: position) {
      case .prose:
        present(position)
      case .cell(let cell):
        skipCell(cell, at: position)
      case .exercise(let exercise):
        if !isExercisePending { emit(.exerciseAsk(exercise.ask)) }
        solve(exercise, at: position)
      }
    }
  }

  /// Shows one way to do the pending exercise, without running it.
  @discardableResult
  public func solution() -> [LessonOutput] {
    perform {
      guard isExercisePending, case .exercise(let exercise) = step(at: position) else {
        emit(.info("No exercise is waiting: solution shows one way to do an exercise."))
        return
      }
      emit(.solution(exercise.solution))
    }
  }

  /// Shows the pending exercise's next hint.
  @discardableResult
  public func hint() -> [LessonOutput] {
    perform {
      guard isExercisePending, case .exercise(let exercise) = step(at: position) else {
        emit(.info("No exercise is waiting: hint helps with an exercise."))
        return
      }
      failedChecks = min(failedChecks + 1, exercise.hints.count)
      emit(.hint(exercise.hint(afterFailures: failedChecks)))
    }
  }

  /// Goes back one step and shows it; a cell is named, not rerun (`again` reruns it);
  /// an exercise is asked again.
  @discardableResult
  public func back() -> [LessonOutput] {
    perform {
      guard let current = currentStep else {
        emit(.info("Not started yet: press Enter to begin."))
        return
      }
      guard current > 0 else {
        emit(.info("Already at the first step."))
        return
      }
      let target = current - 1
      emit(.info("Back to step \(target + 1) of \(stepCount)."))
      if case .exercise(let exercise) = step(at: target) {
        ask(exercise, at: target)
      } else {
        position = target + 1
        isExercisePending = false
        review(target)
        save()
      }
    }
  }

  /// Repeats the current step: shows prose again, reruns a cell from its start (first undoing
  /// what it did last time), asks an exercise again.
  @discardableResult
  public func again() -> [LessonOutput] {
    perform {
      guard let current = currentStep else {
        emit(.info("Nothing to repeat yet: press Enter to begin."))
        return
      }
      switch step(at: current) {
      case .prose(let text):
        emitProse(text)
      case .cell(let cell):
        runCell(cell, at: current)
      case .exercise(let exercise):
        ask(exercise, at: current)
      }
    }
  }

  /// Says which lesson this is and which step is on screen.
  @discardableResult
  public func whereAmI() -> [LessonOutput] {
    perform {
      let name = lesson.displayName
      if isExercisePending {
        emit(
          .info(
            "\(name): step \(position + 1) of \(stepCount), an exercise waiting for its checks (Enter checks, hint helps, skip solves it)."
          ))
      } else if stepCount > 0 && isFinished {
        emit(.info("\(name): finished, all \(stepCount) steps."))
      } else if position == 0 {
        emit(.info("\(name): not started, \(stepCount) steps."))
      } else {
        emit(.info("\(name): step \(position) of \(stepCount)."))
      }
    }
  }

  /// Starts again from the top (a completed lesson stays marked completed).
  @discardableResult
  public func restart() -> [LessonOutput] {
    perform {
      position = 0
      isExercisePending = false
      save()
      emit(.heading(lesson.title))
      if stepCount > 0 { present(0) }
    }
  }
}

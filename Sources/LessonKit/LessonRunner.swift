/// Walks a learner through a lesson, one step per Enter, saving progress after every move.
///
/// Terminal-free: each operation returns what to show, in order. Cells run through the
/// `executor` while an operation runs, so to print a cell's echo before the command's own
/// output, set `onOutput`: it receives each output the moment it is produced.
///
/// An exercise stays current until its checks pass: each `next()` re-checks it and, on
/// success, moves on; `skip()` runs its solution instead.
public final class LessonRunner {
  /// The lesson being taken.
  public let lesson: Lesson
  /// Where progress is saved.
  public let progress: ProgressStore
  /// Runs cell commands and exercise solutions.
  public var executor: any CommandExecutor
  /// Answers exercise checks.
  public var facts: any FactSource
  /// Receives each output as it is produced (also returned by the operation).
  public var onOutput: ((LessonOutput) -> Void)?

  /// How many steps are behind the learner: the index of the step Enter acts on next.
  public private(set) var position: Int
  /// Whether the exercise at `position` has been asked and awaits its checks.
  public private(set) var isExercisePending = false

  private var produced: [LessonOutput] = []

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
  /// seen when resuming (a cell is named, not rerun).
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
      } else {
        emit(.info("Resuming at step \(position) of \(stepCount)."))
        review(position - 1)
      }
    }
  }

  /// Enter: checks a pending exercise (moving on when it passes, else naming the failed check
  /// and giving the hint), or shows the next prose step, runs the next cell, or asks the next exercise.
  @discardableResult
  public func next() -> [LessonOutput] {
    perform { advance(solving: false) }
  }

  /// Like Enter, but a pending exercise is not checked: its solution runs and the lesson moves on.
  @discardableResult
  public func skip() -> [LessonOutput] {
    perform { advance(solving: true) }
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
      if case .exercise(let exercise) = lesson.steps[target] {
        position = target
        isExercisePending = true
        emit(.exerciseAsk(exercise.ask))
      } else {
        position = target + 1
        isExercisePending = false
        review(target)
      }
      save()
    }
  }

  /// Repeats the current step: shows prose again, reruns a cell, asks an exercise again.
  @discardableResult
  public func again() -> [LessonOutput] {
    perform {
      guard let current = currentStep else {
        emit(.info("Nothing to repeat yet: press Enter to begin."))
        return
      }
      switch lesson.steps[current] {
      case .prose(let text):
        emit(.prose(text))
      case .cell(let commands):
        run(commands)
      case .exercise(let exercise):
        position = current
        isExercisePending = true
        save()
        emit(.exerciseAsk(exercise.ask))
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
            "\(name): step \(position + 1) of \(stepCount), an exercise waiting for its checks (Enter checks, skip solves it)."
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

  // MARK: Moving

  private func advance(solving: Bool) {
    if isExercisePending, case .exercise(let exercise) = lesson.steps[position] {
      if solving {
        solve(exercise)
      } else {
        let result = exercise.evaluate(with: facts)
        emit(.checkResult(result))
        guard result.passed else {
          emit(.hint(exercise.hint))
          return
        }
      }
      isExercisePending = false
      position += 1
      save()
      if isFinished {
        finish()
        return
      }
    } else if isFinished {
      emit(.info("This lesson is finished. Type restart to take it again."))
      return
    }
    present(position)
  }

  /// Shows, runs or asks step `index`, moving there and saving.
  private func present(_ index: Int) {
    switch lesson.steps[index] {
    case .prose(let text):
      position = index + 1
      isExercisePending = false
      save()
      emit(.prose(text))
    case .cell(let commands):
      // Saved before running, so a command that brings the program down is not rerun on resume.
      position = index + 1
      isExercisePending = false
      save()
      run(commands)
    case .exercise(let exercise):
      position = index
      isExercisePending = true
      save()
      emit(.exerciseAsk(exercise.ask))
      return
    }
    if isFinished { finish() }
  }

  /// Shows step `index` without side effects.
  private func review(_ index: Int) {
    switch lesson.steps[index] {
    case .prose(let text):
      emit(.prose(text))
    case .cell(let commands):
      emit(.info("This cell runs \(LessonRunner.quoted(commands)); type again to run it."))
    case .exercise(let exercise):
      emit(.info("Exercise (done): \(exercise.ask)"))
    }
  }

  /// Runs cell commands in order, stopping at the first failure.
  @discardableResult
  private func run(_ commands: [String]) -> Bool {
    for command in commands {
      emit(.command(command))
      if !executor.execute(command) {
        emit(.info("`\(command)` failed. Type again to rerun the cell, or press Enter to go on."))
        return false
      }
    }
    return true
  }

  private func solve(_ exercise: Exercise) {
    var ran: [String] = []
    for command in exercise.solution {
      emit(.command(command))
      guard executor.execute(command) else {
        let before = ran.isEmpty ? "" : " after running \(LessonRunner.quoted(ran))"
        emit(.info("Skipped: `\(command)` failed\(before)."))
        return
      }
      ran.append(command)
    }
    emit(.info("Skipped: ran \(LessonRunner.quoted(ran))."))
  }

  private func finish() {
    progress.update(lesson.id) {
      $0.step = stepCount
      $0.completed = true
    }
    emit(.finished("You finished \(lesson.displayName)."))
  }

  private func save() {
    let step = position
    progress.update(lesson.id) { $0.step = step }
  }

  // MARK: Output

  private func emit(_ output: LessonOutput) {
    produced.append(output)
    onOutput?(output)
  }

  private func perform(_ body: () -> Void) -> [LessonOutput] {
    let outer = produced
    produced = []
    body()
    let result = produced
    produced = outer
    return result
  }

  static func quoted(_ commands: [String]) -> String {
    commands.map { "`\($0)`" }.joined(separator: ", ")
  }
}

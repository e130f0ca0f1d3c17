/// Where a headless run stopped.
public struct HeadlessFailure: Equatable, CustomStringConvertible {
  /// The lesson file name.
  public let file: String
  /// The 1-based step number.
  public let step: Int
  /// The 1-based file line where the step starts.
  public let line: Int
  /// The command that failed, when a command did.
  public let command: String?
  /// What went wrong.
  public let reason: String

  /// Records a failure.
  public init(file: String, step: Int, line: Int, command: String?, reason: String) {
    self.file = file
    self.step = step
    self.line = line
    self.command = command
    self.reason = reason
  }

  /// One line: `03-net1.md:42: step 7: `train --net net1` failed`.
  public var description: String {
    "\(file):\(line): step \(step): \(reason)"
  }
}

/// The outcome of a headless run.
public struct HeadlessResult: Equatable {
  /// How many steps completed.
  public let stepsCompleted: Int
  /// The first failure; nil when every step succeeded.
  public let failure: HeadlessFailure?

  /// Records an outcome.
  public init(stepsCompleted: Int, failure: HeadlessFailure?) {
    self.stepsCompleted = stepsCompleted
    self.failure = failure
  }

  /// Whether every step succeeded.
  public var succeeded: Bool { failure == nil }
}

/// Runs a lesson top to bottom without pausing, for projection and CI.
public enum HeadlessRun {
  /// Emits the title and each prose step, runs every cell, and for each exercise runs its
  /// solution and then its checks, which must pass. Stops at the first failure.
  public static func run(
    lesson: Lesson, executor: any CommandExecutor, facts: any FactSource,
    emit: (LessonOutput) -> Void
  ) -> HeadlessResult {
    emit(.heading(lesson.title))
    for (index, step) in lesson.steps.enumerated() {
      func failure(_ reason: String, command: String? = nil) -> HeadlessResult {
        let line = index < lesson.stepLines.count ? lesson.stepLines[index] : 0
        let failure = HeadlessFailure(
          file: lesson.fileName, step: index + 1, line: line, command: command, reason: reason)
        return HeadlessResult(stepsCompleted: index, failure: failure)
      }
      switch step {
      case .prose(let text):
        emit(.prose(text))
      case .cell(let commands):
        if let failed = runAll(commands, executor: executor, emit: emit) {
          return failure("`\(failed)` failed", command: failed)
        }
      case .exercise(let exercise):
        emit(.exerciseAsk(exercise.ask))
        if let failed = runAll(exercise.solution, executor: executor, emit: emit) {
          return failure("exercise solution `\(failed)` failed", command: failed)
        }
        let result = exercise.evaluate(with: facts)
        emit(.checkResult(result))
        if !result.passed {
          let sentences = result.failures.map(\.sentence).joined(separator: "; ")
          return failure("exercise check failed after its solution: \(sentences)")
        }
      }
    }
    emit(.finished("You finished \(lesson.displayName)."))
    return HeadlessResult(stepsCompleted: lesson.steps.count, failure: nil)
  }

  /// Runs commands in order; returns the first that fails.
  private static func runAll(
    _ commands: [String], executor: any CommandExecutor, emit: (LessonOutput) -> Void
  ) -> String? {
    for command in commands {
      emit(.command(command))
      if !executor.execute(command) { return command }
    }
    return nil
  }
}

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
  /// Emits the title and each prose step (templates filled in), runs every cell and checks
  /// its claims, and for each exercise runs its solution and then its checks, which must pass.
  /// Stops at the first failure: a command that fails, a claim that does not hold, or a
  /// template whose fact has no value.
  public static func run(
    lesson: Lesson, executor: any CommandExecutor, facts: any FactSource,
    emit: (LessonOutput) -> Void
  ) -> HeadlessResult {
    emit(.heading(lesson.title))
    for (index, step) in lesson.steps.enumerated() {
      let stepLine = index < lesson.stepLines.count ? lesson.stepLines[index] : 0
      func failure(_ reason: String, command: String? = nil, line: Int? = nil) -> HeadlessResult {
        let failure = HeadlessFailure(
          file: lesson.fileName, step: index + 1, line: line ?? stepLine, command: command,
          reason: reason)
        return HeadlessResult(stepsCompleted: index, failure: failure)
      }
      switch step {
      case .prose(let text):
        let (filled, missing) = LessonTemplate.fill(text, from: facts)
        emit(.prose(filled))
        if let name = missing.first {
          return failure("template {{\(name)}} has no value here")
        }
      case .cell(let cell):
        if let failed = runAll(cell.commands, executor: executor, emit: emit) {
          return failure("`\(failed)` failed", command: failed)
        }
        for claim in cell.claims {
          let outcome = claim.check.evaluate(with: facts)
          if !outcome.passed {
            return failure(
              "claim `\(claim)` does not hold: \(outcome.plainSentence)", line: claim.line)
          }
        }
      case .exercise(let unfilled):
        let exercise = unfilled.filled(from: facts)
        emit(.exerciseAsk(exercise.ask))
        if let failed = runAll(exercise.solution, executor: executor, emit: emit) {
          return failure("exercise solution `\(failed)` failed", command: failed)
        }
        let result = exercise.evaluate(with: facts)
        emit(.checkResult(result))
        if !result.passed {
          let sentences = result.failures.map(\.plainSentence).joined(separator: "; ")
          return failure("exercise check failed after its solution: \(sentences)")
        }
      }
    }
    emit(.finished("You finished \(lesson.displayName)."))
    return HeadlessResult(stepsCompleted: lesson.steps.count, failure: nil)
  }

  /// Runs commands in order; returns the first that does not succeed.
  private static func runAll(
    _ commands: [String], executor: any CommandExecutor, emit: (LessonOutput) -> Void
  ) -> String? {
    for command in commands {
      emit(.command(command))
      if executor.execute(command) != .succeeded { return command }
    }
    return nil
  }
}

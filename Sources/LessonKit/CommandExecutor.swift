/// How one command of a lesson cell ended.
public enum CommandOutcome: Equatable, Sendable {
  /// It did what it was asked.
  case succeeded
  /// It failed (its error is already on screen).
  case failed
  /// The learner stopped it (Ctrl-C, or Esc in the editor): the rest of its cell must not run.
  case interrupted
}

/// Runs one shell command for a lesson cell.
///
/// The shell prints the command's output itself; LessonKit only needs to know how it ended.
public protocol CommandExecutor {
  /// Runs `command` as if the learner had typed it.
  func execute(_ command: String) -> CommandOutcome
  /// Runs `command` without showing its output and without waiting for the learner (the
  /// editor loads its drawing and leaves): used to rebuild a resumed lesson's world.
  func executeQuietly(_ command: String) -> CommandOutcome
}

extension CommandExecutor {
  /// By default, quietly is the same as `execute`.
  public func executeQuietly(_ command: String) -> CommandOutcome { execute(command) }
}

/// A `CommandExecutor` made from a closure.
public struct ClosureExecutor: CommandExecutor {
  private let body: (String) -> CommandOutcome

  /// Runs each command with `body`.
  public init(_ body: @escaping (String) -> CommandOutcome) {
    self.body = body
  }

  /// Runs each command with `body`, which says whether it succeeded.
  public init(succeeding body: @escaping (String) -> Bool) {
    self.body = { body($0) ? .succeeded : .failed }
  }

  /// The closure's verdict on `command`.
  public func execute(_ command: String) -> CommandOutcome { body(command) }
}

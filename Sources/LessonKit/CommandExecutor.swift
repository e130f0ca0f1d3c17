/// Runs one shell command for a lesson cell.
///
/// The shell prints the command's output itself; LessonKit only needs to know whether it worked.
public protocol CommandExecutor {
  /// Runs `command` as if the learner had typed it; returns whether it succeeded.
  func execute(_ command: String) -> Bool
}

/// A `CommandExecutor` made from a closure.
public struct ClosureExecutor: CommandExecutor {
  private let body: (String) -> Bool

  /// Runs each command with `body`.
  public init(_ body: @escaping (String) -> Bool) {
    self.body = body
  }

  /// The closure's verdict on `command`.
  public func execute(_ command: String) -> Bool { body(command) }
}

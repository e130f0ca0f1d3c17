import ArgumentParser

/// A command that runs in a session: the shell's, or a fresh one for a command line.
///
/// `CommandRunner` calls `run(in:)` with the session the line was typed in, so every model,
/// drawing and page a command reads or changes belongs to that session and no other.
protocol SessionCommand: ParsableCommand {
  func run(in session: Session) throws
}

extension SessionCommand {
  /// ArgumentParser's entry point, for a command run on its own: a fresh session.
  func run() throws { try run(in: Session()) }
}

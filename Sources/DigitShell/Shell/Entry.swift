import ArgumentParser
import DigitKit
import Foundation

/// What `digitlab` does when started: the shell with no arguments, else one command.
public enum Entry {
  public static func main(_ arguments: [String]) -> Int32 {
    FastKernel.reexecIfNeeded()
    if arguments.isEmpty {
      return Shell(session: Session.shared).run()
    }
    return CommandRunner.run(arguments, session: Session.shared)
  }
}

/// Parses words with the one grammar and runs the command, turning every error into one line.
public enum CommandRunner {
  /// Runs one command line; returns its exit status (0 on success).
  public static func run(_ words: [String], session: Session) -> Int32 {
    if let first = words.first, !first.hasPrefix("-"), first != "help",
       !DigitLabCommand.commandTypes.contains(where: { $0.configuration.commandName == first }) {
      let names = DigitLabCommand.commandTypes.compactMap { $0.configuration.commandName } + Shell.builtins
      let hint = Suggest.closest(to: first, in: names).map { " (did you mean \($0)?)" } ?? ""
      Console.error("unknown command '\(first)'\(hint); type help for the list")
      return 2
    }
    do {
      var command = try DigitLabCommand.parseAsRoot(words)
      try command.run()
      return 0
    } catch let error as DigitKitError {
      Console.error(error.message)
      return 1
    } catch {
      let code = DigitLabCommand.exitCode(for: error)
      if code == .success {
        // Help requested: ArgumentParser's full help text.
        Console.line(DigitLabCommand.fullMessage(for: error))
        return 0
      }
      if let exit = error as? ExitCode { return exit.rawValue }
      let message = DigitLabCommand.message(for: error)
        .split(separator: "\n").first.map(String.init) ?? "\(error)"
      Console.error(message.replacingOccurrences(of: "Error: ", with: "") + helpHint(words))
      return code.rawValue == 0 ? 1 : code.rawValue
    }
  }

  private static func helpHint(_ words: [String]) -> String {
    guard let first = words.first, !first.hasPrefix("-") else { return "" }
    return " (see: help \(first))"
  }
}

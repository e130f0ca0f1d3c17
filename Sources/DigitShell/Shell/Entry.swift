import ArgumentParser
import DigitKit
import Foundation

/// What `digitlab` does when started: the shell with no arguments, else one command.
public enum Entry {
  public static func main(_ arguments: [String]) -> Int32 {
    FastKernel.reexecIfNeeded()
    let session = Session()
    if arguments.isEmpty {
      return Shell(session: session).run()
    }
    // `digitlab help train` says what `help train` at the prompt says, with its status.
    if arguments.first == "help", arguments.count <= 2 {
      return Help.print(arguments.dropFirst().first, to: session.console) ? 0 : 2
    }
    return CommandRunner.run(arguments, session: session)
  }
}

/// Parses words with the one grammar and runs the command, turning every error into one line.
public enum CommandRunner {
  /// What a command line means, decided before anything runs.
  public enum Parsed {
    /// A command ready to run.
    case command(ParsableCommand)
    /// Help text to print instead (`--help`); the status is 0.
    case help(String)
    /// A one-line error (already worded for the learner) and the exit status.
    case failure(String, status: Int32)
    /// Stop quietly with this status (a command's `ExitCode`).
    case exit(Int32)
  }

  /// Runs one command line; returns its exit status (0 on success, 1 when its output could
  /// not be written).
  public static func run(_ words: [String], session: Session) -> Int32 {
    // `--no-pager` anywhere on the line: print as usual, however tall.
    let pages = !words.contains("--no-pager") && Pager.pagedCommands.contains(words.first ?? "")
    let words = words.filter { $0 != "--no-pager" }
    let status = Pager.run(session.console, pages: pages) {
      runReportingErrors(words, session: session)
    }
    guard let failure = session.console.takeWriteFailure() else { return status }
    // One line on whichever stream still works; if neither does, the status still says so.
    session.console.error(failure)
    if session.console.takeWriteFailure() != nil { session.console.line("error: " + failure) }
    _ = session.console.takeWriteFailure()
    return 1
  }

  private static func runReportingErrors(_ words: [String], session: Session) -> Int32 {
    var outcome = parse(words)
    if case .command(var command) = outcome {
      do {
        if let command = command as? SessionCommand {
          try command.run(in: session)
        } else {
          try command.run()
        }
        return 0
      } catch {
        outcome = describe(error, words: words)
      }
    }
    switch outcome {
    case .command: return 0
    case .help(let text):
      session.console.line(text)
      return 0
    case .failure(let message, let status):
      session.console.error(message)
      return status
    case .exit(let status): return status
    }
  }

  /// Parses and validates one command line without running it: the unknown-command hint,
  /// ArgumentParser's grammar and each command's `validate()`.
  public static func parse(_ words: [String]) -> Parsed {
    let words = fillingBareWatch(words)
    if let first = words.first, Shell.builtins.contains(first), first != "help" {
      return .failure(
        "\(first) is a word for the digitlab> prompt, not a command to run here", status: 2)
    }
    if let first = words.first, !first.hasPrefix("-"), first != "help",
      !DigitLabCommand.commandTypes.contains(where: { $0.configuration.commandName == first })
    {
      let names =
        DigitLabCommand.commandTypes.compactMap { $0.configuration.commandName } + Shell.builtins
      let hint = Suggest.command(for: first, in: names).map { " (did you mean \($0)?)" } ?? ""
      return .failure("unknown command '\(first)'\(hint); type help for the list", status: 2)
    }
    if let unknown = unknownOption(in: words) { return unknown }
    do {
      return .command(try DigitLabCommand.parseAsRoot(words))
    } catch {
      return describe(error, words: words)
    }
  }

  /// `train … --watch` with no folder after it watches people's handwriting: the bare
  /// flag gets the name `handwriting` (Data/drawings/handwriting).
  static func fillingBareWatch(_ words: [String]) -> [String] {
    guard words.first == "train", let at = words.firstIndex(of: "--watch") else { return words }
    let next = words.index(after: at)
    if next < words.endIndex && !words[next].hasPrefix("-") { return words }
    var filled = words
    filled.insert("handwriting", at: next)
    return filled
  }

  /// Words an error from parsing or running as one line.
  static func describe(_ error: Error, words: [String]) -> Parsed {
    if let error = error as? DigitKitError { return .failure(error.messageInFlags, status: 1) }
    let code = DigitLabCommand.exitCode(for: error)
    // Help requested: ArgumentParser's full help text.
    if code == .success {
      let width = Terminal.width
      return .help(
        HelpText.fitted(DigitLabCommand.fullMessage(for: error, columns: width), width: width))
    }
    if let exit = error as? ExitCode { return .exit(exit.rawValue) }
    var message =
      DigitLabCommand.message(for: error)
      .split(separator: "\n").first.map(String.init) ?? "\(error)"
    if let negative = negativeValue(behind: message, in: words) { message = negative }
    return .failure(
      message.replacingOccurrences(of: "Error: ", with: "") + helpHint(words),
      status: code.rawValue == 0 ? 1 : code.rawValue)
  }

  /// ArgumentParser reads `--digit -1` as an option with its value missing; say what was
  /// typed instead: "--digit takes no negative numbers, not -1".
  private static func negativeValue(behind message: String, in words: [String]) -> String? {
    guard message.contains("Missing value for '--") else { return nil }
    for (option, value) in zip(words, words.dropFirst())
    where option.hasPrefix("--") && value.hasPrefix("-") && Double(value) != nil {
      if message.contains("'\(option) ") || message.contains("'\(option)'") {
        return "\(option) takes no negative numbers, not \(value)"
      }
    }
    return nil
  }

  /// A `--word` the command does not take, named with the closest one it does, before
  /// ArgumentParser would report something else first (a missing argument, say).
  private static func unknownOption(in words: [String]) -> Parsed? {
    guard let command = words.first, !command.hasPrefix("-") else { return nil }
    let known = Completion.optionNames(for: command)
    guard !known.isEmpty else { return nil }
    for word in words.dropFirst() {
      if word == "--" { break }
      let name = String(word.prefix { $0 != "=" })
      guard name.hasPrefix("--"), name.count > 2, !known.contains(name) else { continue }
      guard Double(name) == nil else { continue }  // a negative number is a value
      let hint = Suggest.closest(to: name, in: known).map { " (did you mean \($0)?)" } ?? ""
      return .failure("unknown option '\(name)'\(hint)" + helpHint(words), status: 64)
    }
    return nil
  }

  private static func helpHint(_ words: [String]) -> String {
    guard let first = words.first, !first.hasPrefix("-") else { return "" }
    return " (see: help \(first))"
  }
}

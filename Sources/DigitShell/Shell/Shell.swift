import DigitKit
import Foundation

/// The interactive `digitlab>` shell. Every line goes through the same grammar as the command line.
public final class Shell {
  /// Words the shell handles itself.
  public static let builtins = ["help", "quit", "exit"]

  let session: Session

  public init(session: Session) { self.session = session }

  /// Reads and runs commands until `quit` or end of input. Returns 1 if any command failed
  /// (so `digitlab < script.txt` fails in CI when a line fails), else 0.
  public func run() -> Int32 {
    let interactive = Terminal.inputIsTerminal
    session.interactive = interactive
    let reader = LineReader(interactive: interactive, historyURL: Session.homeDirectory.appendingPathComponent("history"))
    if interactive {
      Console.line("DigitLab: learn how neural networks read handwriting. Type help, or lessons to begin. Ctrl-D leaves.")
    }
    var failed = false
    while let line = reader.next(prompt: "digitlab> ") {
      let words: [String]
      do { words = try ShellWords.split(line) } catch {
        Console.error("\(error)")
        failed = true
        continue
      }
      guard let first = words.first, !first.hasPrefix("#") else { continue }
      if first == "quit" || first == "exit" { break }
      if first == "help" {
        Help.print(words.dropFirst().first)
        continue
      }
      if CommandRunner.run(words, session: session) != 0 { failed = true }
    }
    if interactive {
      Console.line("")
      if FileManager.default.fileExists(atPath: Session.lastModelURL.path) {
        Console.line("Bye. Your last trained model is in \(Session.lastModelURL.path).")
      } else {
        Console.line("Bye.")
      }
    }
    return failed ? 1 : 0
  }
}

/// `help` and `help CMD`.
enum Help {
  static func print(_ command: String?) {
    if let command {
      guard let type = DigitLabCommand.commandTypes.first(where: { $0.configuration.commandName == command }) else {
        let hint = Suggest.closest(to: command, in: Completion.commandNames()).map { " (did you mean \($0)?)" } ?? ""
        Console.error("no command '\(command)'\(hint)")
        return
      }
      Console.line(type.helpMessage(columns: Terminal.width).replacingOccurrences(of: "USAGE: digitlab ", with: "USAGE: "))
      return
    }
    Console.line("Commands (help CMD for details):")
    for type in DigitLabCommand.commandTypes {
      let name = type.configuration.commandName ?? ""
      Console.line("  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) + type.configuration.abstract)
    }
    Console.line("  " + "quit".padding(toLength: 12, withPad: " ", startingAt: 0) + "Leave (or Ctrl-D).")
  }
}

/// Splits a shell line into words: spaces separate, quotes group, backslash escapes.
enum ShellWords {
  struct UnbalancedQuote: Error, CustomStringConvertible {
    var description: String { "a quote is not closed" }
  }

  static func split(_ line: String) throws -> [String] {
    var words: [String] = [], current = "", inWord = false
    var quote: Character? = nil, escape = false
    for ch in line {
      if escape { current.append(ch); escape = false; inWord = true; continue }
      if ch == "\\" && quote != "'" { escape = true; continue }
      if let q = quote {
        if ch == q { quote = nil } else { current.append(ch) }
        continue
      }
      if ch == "\"" || ch == "'" { quote = ch; inWord = true; continue }
      if ch == " " || ch == "\t" {
        if inWord { words.append(current); current = ""; inWord = false }
        continue
      }
      current.append(ch); inWord = true
    }
    if quote != nil { throw UnbalancedQuote() }
    if inWord { words.append(current) }
    return words
  }
}

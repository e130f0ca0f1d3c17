import DigitKit
import Foundation
import LessonKit
import TextArt

/// The interactive `digitlab>` shell. Every line goes through the same grammar as the command line.
public final class Shell {
  /// Words the shell handles itself.
  public static let builtins = [
    "help", "quit", "exit", "clear", "back", "again", "where", "skip", "restart", "hint",
    "solution",
  ]

  let session: Session

  public init(session: Session) { self.session = session }

  /// Reads and runs commands until `quit` or end of input. A script returns 1 if any command
  /// failed (so `digitlab < script.txt` fails in CI when a line fails); an interactive
  /// session returns 0, as python and psql do: a typo along the way is not a failure.
  public func run() -> Int32 {
    let interactive = Terminal.inputIsTerminal
    session.interactive = interactive
    let reader = LineReader(
      interactive: interactive, historyURL: Session.homeDirectory.appendingPathComponent("history"),
      session: session)
    session.rememberCommand = { [weak reader] in reader?.remember($0) }
    defer { session.rememberCommand = nil }
    if interactive {
      session.console.line("DigitLab: learn how neural networks read handwriting.")
      session.console.line("Type lessons to begin, help for the commands; Ctrl-D leaves.")
    }
    var failed = false
    reading: while let line = reader.next(prompt: prompt) {
      if let runner = session.lesson {
        // A lesson step may run cells: Ctrl-C stops the cell, never the shell.
        let handled =
          interactive
          ? Interrupts.whileRunning(session.cancel) { lessonStep(line, runner) }
          : lessonStep(line, runner)
        if let handled {
          if !handled { failed = true }
          continue
        }
      }
      switch Shell.interpret(line) {
      case .nothing: continue
      case .quit: break reading
      case .clear:
        if Terminal.outputIsTerminal { session.console.write("\u{1B}[H\u{1B}[2J") }
      case .help(let topic):
        let shown = Pager.run(session.console, pages: true) {
          Help.print(topic, to: session.console)
        }
        if !shown { failed = true }
      case .failure(let message):
        session.console.error(message)
        failed = true
      case .command(let words):
        // Ctrl-C during any command stops that command, never the shell.
        let status =
          interactive
          ? Interrupts.whileRunning(session.cancel) { CommandRunner.run(words, session: session) }
          : CommandRunner.run(words, session: session)
        if status != 0 { failed = true }
      }
    }
    if interactive {
      session.console.line("")
      for line in keepSessionModels() {
        session.console.line(wrapText(line, width: Terminal.width).joined(separator: "\n"))
      }
      if FileManager.default.fileExists(atPath: Session.lastModelURL.path) {
        session.console.line("Bye. Your last trained model is in \(Session.lastModelURL.path).")
      } else {
        session.console.line("Bye.")
      }
    }
    return failed && !interactive ? 1 : 0
  }
}

/// What one line typed at the prompt (outside a lesson step) asks for, before anything runs.
public enum ShellLine: Equatable {
  /// A blank line or a `#` comment.
  case nothing
  /// `quit` or `exit`.
  case quit
  /// `clear`.
  case clear
  /// `help`, or `help CMD`.
  case help(String?)
  /// A command, split into words for `CommandRunner`.
  case command([String])
  /// A one-line error: an unclosed quote, or a lesson word outside a lesson.
  case failure(String)
}

extension Shell {
  /// Splits `line` into words and decides what it asks for; runs nothing.
  public static func interpret(_ line: String) -> ShellLine {
    let words: [String]
    do { words = try ShellWords.split(line) } catch { return .failure("\(error)") }
    guard let first = words.first, !first.hasPrefix("#") else { return .nothing }
    switch first {
    case "quit", "exit": return .quit
    case "clear": return .clear
    case "back", "again", "where", "skip", "restart", "hint", "solution":
      return .failure(
        "\(first) works inside a lesson; start one with: lesson N (lessons lists them)")
    case "help", "?": return .help(words.dropFirst().first)
    default:
      // A heading of `help` that is not itself a command (build, test, shell).
      if let topic = Help.topics.first(where: { $0.topic == first && !$0.commands.contains(first) })
      {
        return .failure(
          "\(first) is a heading in help, not a command; its commands: "
            + topic.commands.joined(separator: ", ")
            + " (help \(topic.commands.first { $0 != "help" } ?? first) tells what one does)")
      }
      return .command(words)
    }
  }
}

extension Shell {
  /// The prompt shows the lesson and step while a lesson is open.
  var prompt: String {
    guard let runner = session.lesson else { return "digitlab> " }
    let number = runner.lesson.number.map(String.init) ?? runner.lesson.id
    // The step last shown, as `where` counts it.
    return
      "digitlab [lesson \(number) \(min((runner.currentStep ?? 0) + 1, runner.stepCount))/\(runner.stepCount)]> "
  }

  /// Lesson words while a lesson is open: Enter, back, again, where, skip, restart, quit.
  /// Returns nil when the line is an ordinary command, else whether the step succeeded.
  func lessonStep(_ line: String, _ runner: LessonRunner) -> Bool? {
    let word = line.trimmingCharacters(in: .whitespaces)
    switch word {
    case "": runner.next()
    case "back": runner.back()
    case "again": runner.again()
    case "where": runner.whereAmI()
    case "skip": runner.skip()
    case "hint": runner.hint()
    case "solution": runner.solution()
    case "restart": runner.restart()
    case "quit", "exit":
      session.console.line(
        "Left \(runner.lesson.displayName) at step \(min((runner.currentStep ?? 0) + 1, runner.stepCount)); lesson \(runner.lesson.number.map(String.init) ?? runner.lesson.id) resumes there."
      )
      session.lesson = nil
      return true
    default: return nil
    }
    for notice in [runner.progress.takeNotice(), runner.world?.takeNotice()].compactMap({ $0 }) {
      session.console.line(LessonView.remark(notice, width: Terminal.width))
    }
    if runner.isFinished { session.lesson = nil }
    return true
  }
}

/// `help` and `help CMD`.
public enum Help {
  /// Prints the command list, or one command's help (an error naming the closest command if
  /// unknown). Returns false when there is no such command.
  @discardableResult
  public static func print(_ command: String?, to console: Console) -> Bool {
    if let command, command != "all" {
      guard
        let type = DigitLabCommand.commandTypes.first(where: {
          $0.configuration.commandName == command
        })
      else {
        let hint =
          Suggest.command(for: command, in: Completion.commandNames()).map {
            " (did you mean \($0)?)"
          } ?? ""
        console.error("no command '\(command)'\(hint)")
        return false
      }
      let width = Terminal.width
      console.line(HelpText.fitted(type.helpMessage(columns: width), width: width))
      return true
    }
    if command == nil {
      printTopics(to: console)
      return true
    }
    console.line("All commands (help CMD for details):")
    var rows = DigitLabCommand.commandTypes.map {
      ($0.configuration.commandName ?? "", $0.configuration.abstract)
    }
    rows.append(("clear", "Clear the screen."))
    rows.append(("quit", "Leave (or Ctrl-D). Inside a lesson: leave the lesson."))
    let width = max(40, min(Terminal.width, 100))
    for (name, abstract) in rows { console.line(helpRow(name, abstract, width: width)) }
    console.line(lessonWords)
    return true
  }

  /// The commands by topic, as `help` lists them (every command is in one topic).
  static let topics: [(topic: String, commands: [String])] = [
    ("data", ["data", "show", "next", "prev", "random"]),
    ("build", ["new", "add", "pop", "summary", "peek", "models", "save", "load", "about"]),
    ("train", ["train", "runs", "plot", "bench"]),
    ("test", ["eval", "predict", "confusion", "filters", "activations"]),
    ("draw", ["draw", "save-drawing", "why", "familiar", "keep", "finetune"]),
    ("lessons", ["lessons", "lesson", "run", "answer"]),
    ("shell", ["help", "clear", "quit"]),
  ]

  static let lessonWords =
    "Inside a lesson: Enter goes on; back, again, where, skip, hint, solution, restart, quit."

  /// `help`: a short list that fits a 24-row screen; `help all` has a line on each command.
  static func printTopics(to console: Console) {
    let width = max(40, min(Terminal.width, 100))
    console.line("Commands (help CMD for details):")
    for (topic, commands) in topics {
      console.line(helpRow(topic, commands.joined(separator: "  "), width: width))
    }
    for line in [
      "help all lists every command with what it does.",
      "New here? Type lessons, then lesson 1.", lessonWords,
    ] {
      console.line(wrapText(line, width: width).joined(separator: "\n"))
    }
  }
}

/// "  name         abstract…", the abstract wrapped with a hanging indent to `width`.
func helpRow(_ name: String, _ abstract: String, width: Int) -> String {
  let indent = 15
  let lines = wrapText(abstract, width: max(10, width - indent))
  let first =
    "  " + name.padding(toLength: indent - 3, withPad: " ", startingAt: 0) + " "
    + (lines.first ?? "")
  return ([first] + lines.dropFirst().map { String(repeating: " ", count: indent) + $0 }).joined(
    separator: "\n")
}

/// Splits a shell line into words: spaces separate, quotes group, backslash escapes.
enum ShellWords {
  struct UnbalancedQuote: Error, CustomStringConvertible {
    var description: String { "a quote is not closed" }
  }

  static func split(_ line: String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character? = nil
    var escape = false
    for ch in line {
      if escape {
        current.append(ch)
        escape = false
        inWord = true
        continue
      }
      if ch == "\\" && quote != "'" {
        escape = true
        continue
      }
      if let q = quote {
        if ch == q { quote = nil } else { current.append(ch) }
        continue
      }
      if ch == "\"" || ch == "'" {
        quote = ch
        inWord = true
        continue
      }
      if ch == " " || ch == "\t" {
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
        continue
      }
      current.append(ch)
      inWord = true
    }
    if quote != nil { throw UnbalancedQuote() }
    if inWord { words.append(current) }
    return words
  }
}

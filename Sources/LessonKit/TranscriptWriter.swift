/// Builds a Markdown transcript of a lesson run: prose as written, each command as a
/// ```` ```digitlab ```` block followed by its captured output in a plain ```` ``` ```` block.
///
/// Feed it every `LessonOutput` with `add(_:)`, and give each command's output with
/// `addOutput(_:)` once the command has run (or use `add(command:output:)` for both at once).
public struct TranscriptWriter {
  private enum Entry {
    case text(String)
    case command(String, output: String)
  }

  private var entries: [Entry] = []

  /// An empty transcript.
  public init() {}

  /// Records an output. A `.command` starts a command block whose output `addOutput(_:)` fills in.
  public mutating func add(_ output: LessonOutput) {
    switch output {
    case .heading(let title): entries.append(.text("# \(title)"))
    case .prose(let text): entries.append(.text(text))
    case .command(let command): entries.append(.command(command, output: ""))
    case .exerciseAsk(let ask): entries.append(.text("**Exercise:** \(ask)"))
    case .hint(let hint): entries.append(.text("**Hint:** \(hint)"))
    case .solution(let commands):
      entries.append(.text("**One way:** " + commands.map { "`\($0)`" }.joined(separator: ", ")))
    case .checkResult(let result):
      let lines = result.outcomes.map { "- \($0.passed ? "passed" : "failed"): \($0.sentence)" }
      entries.append(.text(lines.joined(separator: "\n")))
    case .info(let text): entries.append(.text("> \(text)"))
    case .finished(let text): entries.append(.text("**\(text)**"))
    }
  }

  /// Appends captured output to the latest command (ANSI escapes are removed).
  public mutating func addOutput(_ output: String) {
    guard case .command(let command, let previous)? = entries.last else {
      entries.append(.command("", output: output))
      return
    }
    entries[entries.count - 1] = .command(command, output: previous + output)
  }

  /// Records a command and its captured output.
  public mutating func add(command: String, output: String) {
    add(.command(command))
    addOutput(output)
  }

  /// The transcript: blocks separated by blank lines, ending with a newline ("" when empty).
  public var markdown: String {
    let blocks = entries.map { entry -> String in
      switch entry {
      case .text(let text):
        return text
      case .command(let command, let output):
        var block = "```digitlab\n\(command)\n```"
        let shown = TranscriptWriter.trimmedOutput(output)
        if !shown.isEmpty {
          let fence = TranscriptWriter.fence(for: shown)
          block += "\n\n\(fence)\n\(shown)\n\(fence)"
        }
        return block
      }
    }
    return blocks.isEmpty ? "" : blocks.joined(separator: "\n\n") + "\n"
  }

  /// Output without escape sequences, carriage-return line ends or trailing blank lines.
  static func trimmedOutput(_ output: String) -> String {
    var lines = markdownLines(stripEscapes(output))
    while let last = lines.last, last.allSatisfy({ $0 == " " || $0 == "\t" }) { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  /// A backtick fence longer than any backtick run in `text`, at least three.
  static func fence(for text: String) -> String {
    var longest = 0
    var run = 0
    for character in text {
      run = character == "`" ? run + 1 : 0
      longest = max(longest, run)
    }
    return String(repeating: "`", count: max(3, longest + 1))
  }

  /// `text` without ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL`, `ESC x`).
  static func stripEscapes(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var state = 0  // 0 text, 1 after ESC, 2 CSI, 3 OSC
    for scalar in text.unicodeScalars {
      switch state {
      case 1: state = scalar == "[" ? 2 : scalar == "]" ? 3 : 0
      case 2: if (0x40...0x7E).contains(scalar.value) { state = 0 }
      case 3: if scalar.value == 0x07 { state = 0 } else if scalar.value == 0x1B { state = 1 }
      default:
        if scalar.value == 0x1B { state = 1 } else { result.append(scalar) }
      }
    }
    return String(result)
  }
}

import AtomicFiles
import Foundation
import TextArt

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// What the terminal can show. Colour and Unicode only go to a real terminal, and never
/// with `NO_COLOR` set or `TERM=dumb`.
public enum Terminal {
  /// Whether standard output is a terminal.
  public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  /// Whether standard input is a terminal.
  public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

  /// Rich output (colour, half blocks) is allowed.
  public static var allowsRichOutput: Bool {
    let env = ProcessInfo.processInfo.environment
    if env["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
    if env["TERM"] == "dumb" { return false }
    return outputIsTerminal
  }

  /// Columns of the terminal (80 when not a terminal; `COLUMNS` overrides), at least 40.
  public static var width: Int {
    if let columns = columns(of: STDOUT_FILENO) { return max(40, columns) }
    if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 {
      return max(40, n)
    }
    return 80
  }

  /// Columns of the terminal standard error goes to, at least 40; nil when it is not one.
  static var errorWidth: Int? { columns(of: STDERR_FILENO).map { max(40, $0) } }

  /// The width of the terminal `descriptor` writes to, or nil when it is not a terminal.
  private static func columns(of descriptor: Int32) -> Int? {
    var size = winsize()
    guard isatty(descriptor) == 1, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0,
      size.ws_col > 0
    else { return nil }
    return Int(size.ws_col)
  }

  /// Rows of the terminal (24 when unknown).
  public static var height: Int {
    var size = winsize()
    if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 {
      return Int(size.ws_row)
    }
    return 24
  }
}

/// Where one session's text goes: standard output and error, written at once (progress
/// lines need it), and optionally a tee that sees everything (lesson transcripts).
///
/// A write that fails (a full disk, a closed stream) never traps: the first failure is kept,
/// the rest of the command's output is dropped, and `CommandRunner` ends the command with
/// one line on whichever stream still works and status 1.
public final class Console {
  /// When set, everything written to standard output is also handed here.
  public var tee: ((String) -> Void)?
  /// When set, nothing reaches standard output or error (the shell fuzzer); `tee` still sees all.
  public var isMuted = false
  /// The first failed write since the last `takeWriteFailure()`, e.g. "standard output: No
  /// space left on device".
  private(set) var writeFailure: String?

  public init() {}

  /// While set, standard output is collected here instead of written (the pager's input).
  var captured: String?

  public func write(_ s: String) { write(s, teeing: s) }

  /// Writes a line. On a terminal, a line wider than the screen is word-wrapped to it first
  /// (`fitted`), so the terminal never cuts a word in two; elsewhere (a pipe, a file, a
  /// transcript's tee) lines are kept as they are.
  public func line(_ s: String = "") {
    let width = Terminal.outputIsTerminal ? Terminal.width : nil
    write((width.map { Console.fitted(s, width: $0) } ?? s) + "\n", teeing: s + "\n")
  }

  /// Writes `error: s` to standard error, word-wrapped to the terminal as `line` does, later
  /// lines under the message.
  public func error(_ s: String) {
    let text = "error: " + s
    let shown = Terminal.errorWidth.map { Console.fitted(text, width: $0, indent: 7) } ?? text
    if !isMuted { send(shown + "\n", to: STDERR_FILENO, named: "standard error") }
    tee?(text + "\n")
  }

  /// A transient progress line (with `\r`): straight to the terminal even while the pager's
  /// input is being collected, so long work shows its progress before the pager opens; never
  /// teed into a transcript.
  public func live(_ s: String) {
    if !isMuted { send(s, to: STDOUT_FILENO, named: "standard output") }
  }

  private func write(_ s: String, teeing original: String) {
    if captured != nil {
      captured! += s
    } else if !isMuted {
      send(s, to: STDOUT_FILENO, named: "standard output")
    }
    tee?(original)
  }

  /// Each line of `text` that is wider than `width` columns, word-wrapped by `wrapText` with
  /// later lines `indent` columns further in than its own indent; narrower lines (pictures,
  /// tables) are left exactly as they are. A line holding a word too long for a line (a
  /// path, a JSON record) or a carriage return (a progress line) is left for the terminal to
  /// fold, rather than have a word cut in two.
  static func fitted(_ text: String, width: Int, indent: Int = 2) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { piece -> String in
      let line = String(piece)
      guard visibleWidth(line) > width, !line.contains("\r") else { return line }
      let leading = line.prefix { $0 == " " }.count
      let room = width - leading - indent
      guard room >= 10, line.split(separator: " ").allSatisfy({ visibleWidth($0) <= room })
      else { return line }
      return wrapText(line, width: width, restIndent: String(repeating: " ", count: indent))
        .joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// The write failure to report, if any; clears it.
  func takeWriteFailure() -> String? {
    defer { writeFailure = nil }
    return writeFailure
  }

  /// Writes all of `text` to `descriptor`, or notes why it could not.
  private func send(_ text: String, to descriptor: Int32, named stream: String) {
    guard writeFailure == nil else { return }
    let code = Array(text.utf8).withUnsafeBytes { writeAll($0, to: descriptor) }
    if code != 0 { writeFailure = "cannot write to \(stream): \(String(cString: strerror(code)))" }
  }
}

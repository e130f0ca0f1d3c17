import AtomicFiles
import Foundation

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
    var size = winsize()
    if outputIsTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return max(40, Int(size.ws_col))
    }
    if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 {
      return max(40, n)
    }
    return 80
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

  public func write(_ s: String) {
    if captured != nil {
      captured! += s
    } else if !isMuted {
      send(s, to: STDOUT_FILENO, named: "standard output")
    }
    tee?(s)
  }
  public func line(_ s: String = "") { write(s + "\n") }
  public func error(_ s: String) {
    if !isMuted { send("error: " + s + "\n", to: STDERR_FILENO, named: "standard error") }
    tee?("error: " + s + "\n")
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

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
    if let c = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(c), n > 0 { return max(40, n) }
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

/// Where one session's text goes: standard output and error, flushed at once (progress
/// lines need it), and optionally a tee that sees everything (lesson transcripts).
public final class Console {
  /// When set, everything written to standard output is also handed here.
  public var tee: ((String) -> Void)?
  /// When set, nothing reaches standard output or error (the shell fuzzer); `tee` still sees all.
  public var isMuted = false

  public init() {}

  public func write(_ s: String) {
    if !isMuted { FileHandle.standardOutput.write(Data(s.utf8)) }
    tee?(s)
  }
  public func line(_ s: String = "") { write(s + "\n") }
  public func error(_ s: String) {
    if !isMuted { FileHandle.standardError.write(Data(("error: " + s + "\n").utf8)) }
    tee?("error: " + s + "\n")
  }
}

import Foundation

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// The terminal as a full-screen editor wants it: raw keys (no echo, no line buffering, no
/// signals from Ctrl-C), the alternate screen, a hidden cursor and SGR mouse reports.
/// `restore()` undoes all of it and is safe to call more than once; a crash while raw
/// (a Swift trap, a bad access) restores the terminal too, through `CrashRestore`.
final class RawTerminal {
  /// Alternate screen, hidden cursor, mouse buttons and drags, SGR coordinates.
  static let enterSequence =
    "\u{1B}[?1049h\u{1B}[?25l\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h\u{1B}[H\u{1B}[2J"
  /// The same switched off in reverse order.
  static let leaveSequence =
    "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

  private var original = termios()
  private(set) var isRaw = false

  /// Switches the terminal; throws (leaving it as it was) when standard input is no terminal.
  init() throws {
    guard tcgetattr(STDIN_FILENO, &original) == 0 else {
      throw userError("cannot read the terminal's settings: \(String(cString: strerror(errno)))")
    }
    var raw = original
    raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
    raw.c_cflag |= tcflag_t(CS8)
    // ISIG off: Ctrl-C and Ctrl-Z arrive as bytes 3 and 26 instead of signals.
    raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 0
      cc[Int(VTIME)] = 0
    }
    CrashRestore.install(original, leaving: Self.leaveSequence)
    guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else {
      CrashRestore.uninstall()
      throw userError("cannot switch the terminal to raw mode: \(String(cString: strerror(errno)))")
    }
    isRaw = true
    write(Self.enterSequence)
  }

  deinit { restore() }

  /// Back to the shell's terminal: main screen, cursor, no mouse, line mode.
  func restore() {
    guard isRaw else { return }
    isRaw = false
    write(Self.leaveSequence)
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
    CrashRestore.uninstall()
  }

  /// Writes all of `text` to standard output at once.
  func write(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let n = bytes.withUnsafeBytes { systemWrite(STDOUT_FILENO, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      bytes = bytes.dropFirst(n)
    }
  }

  /// Bytes typed within `milliseconds`, or none.
  func read(waiting milliseconds: Int32) -> [UInt8] {
    var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
    guard poll(&fds, 1, milliseconds) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 512)
    let n = buffer.withUnsafeMutableBytes { systemRead(STDIN_FILENO, $0.baseAddress, $0.count) }
    if n == 0 { return [4] }  // end of input (the terminal went away): as Ctrl-D
    return n > 0 ? Array(buffer.prefix(n)) : []
  }

  /// The window's columns and rows, as the kernel knows them now.
  static func size() -> (width: Int, height: Int) {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
      return (Int(size.ws_col), Int(size.ws_row))
    }
    return (80, 24)
  }
}

/// Restores the terminal if the process crashes while it is raw, then lets the crash go on
/// as before (to the Swift backtracer or the default action). Only async-signal-safe calls.
enum CrashRestore {
  static let signals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT]
  // Signal-handler state, the one kind of global the shell keeps: a crash handler is a C
  // function pointer with no context, and it may read only memory set up before it runs (no
  // locks, no allocation), so these are plain statics written once by `install` on the main
  // thread, before the handlers that read them are in place.
  nonisolated(unsafe) static var saved = termios()
  nonisolated(unsafe) static var leaveBytes: [UInt8] = []
  nonisolated(unsafe) static var previous: [sigaction] = Array(repeating: sigaction(), count: 64)
  nonisolated(unsafe) static var installed = false

  static func install(_ settings: termios, leaving sequence: String) {
    guard !installed else { return }
    saved = settings
    leaveBytes = Array(sequence.utf8)
    for sig in signals { previous[Int(sig)] = installSignalHandler(sig, crashHandler) }
    installed = true
  }

  static func uninstall() {
    guard installed else { return }
    for sig in signals { sigaction(sig, &previous[Int(sig)], nil) }
    installed = false
  }
}

/// Restores the terminal, puts the previous handler back and raises the signal again: it
/// is delivered to that handler as soon as this one returns.
private func crashHandler(_ sig: Int32) {
  CrashRestore.leaveBytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
  tcsetattr(STDIN_FILENO, TCSANOW, &CrashRestore.saved)
  sigaction(sig, &CrashRestore.previous[Int(sig)], nil)
  raise(sig)
}

/// The system calls under names a method called `write` or `read` does not hide.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, buffer, count)
}
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, buffer, count)
}

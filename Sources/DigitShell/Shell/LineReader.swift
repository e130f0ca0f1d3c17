import CReadline
import Foundation

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Reads command lines: GNU readline (history, completion, Ctrl-C clears the line) on a
/// terminal; plain lines with no prompt or escape codes otherwise.
final class LineReader {
  let interactive: Bool
  let historyURL: URL

  private let console: Console

  init(interactive: Bool, historyURL: URL, session: Session) {
    self.interactive = interactive
    self.historyURL = historyURL
    self.console = session.console
    if interactive {
      Completion.readline.bind(session)
      digitlab_rl_set_name(UnsafePointer(strdup("digitlab")))
      digitlab_rl_set_completion_function { text, start, _ in
        Completion.complete(text: text.map { String(cString: $0) } ?? "", start: Int(start))
      }
      loadHistory()
    }
  }

  /// Lines already read but not yet handed out: a script with old Mac line endings (CR
  /// only) arrives as one long "line" and is split here.
  private var pending: [String] = []

  /// The next line, or nil at end of input (Ctrl-D). A piped script may end its lines with
  /// LF, CRLF or CR alone.
  func next(prompt: String) -> String? {
    guard interactive else {
      if pending.isEmpty {
        guard let line = Swift.readLine(strippingNewline: true) else { return nil }
        pending = line.split(separator: "\r", omittingEmptySubsequences: false).map(String.init)
        if pending.count > 1 && pending.last == "" { pending.removeLast() }
      }
      return pending.removeFirst()
    }
    signal(SIGINT) { _ in
      // Ctrl-C at the prompt: abandon the line, start a fresh one.
      Glibc_write("\n")
      rl_on_new_line()
      rl_replace_line("", 0)
      rl_redisplay()
    }
    defer { signal(SIGINT, SIG_DFL) }
    guard let raw = readline(prompt) else { return nil }
    defer { free(raw) }
    let line = String(cString: raw)
    remember(line)
    return line
  }

  /// Adds `line` to the Up-arrow history and the history file (a blank line is not kept).
  func remember(_ line: String) {
    guard interactive, !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
    add_history(line)
    appendHistory()
  }

  private func loadHistory() {
    guard FileManager.default.fileExists(atPath: historyURL.path) else { return }
    if read_history(historyURL.path) != 0 {
      let aside = historyURL.appendingPathExtension("corrupt")
      try? FileManager.default.removeItem(at: aside)
      try? FileManager.default.moveItem(at: historyURL, to: aside)
      console.line("(history could not be read; set aside as \(aside.lastPathComponent))")
    }
  }

  private func appendHistory() {
    if !FileManager.default.fileExists(atPath: historyURL.path) {
      _ = FileManager.default.createFile(atPath: historyURL.path, contents: nil)
    }
    append_history(1, historyURL.path)
    history_truncate_file(historyURL.path, 1000)
  }
}

@inline(__always)
private func Glibc_write(_ s: StaticString) {
  _ = write(STDOUT_FILENO, s.utf8Start, s.utf8CodeUnitCount)
}

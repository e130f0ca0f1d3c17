import AtomicFiles
import Foundation

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Output taller than the screen goes through a pager, as git does: `$DIGITLAB_PAGER`, else
/// `$PAGER`, else `less -FRX` (which prints short output as usual and keeps colour). Only on a
/// terminal, only for commands that print a still picture (not training's live lines), and
/// never with `--no-pager` or `DIGITLAB_PAGER=` (empty).
enum Pager {
  /// Commands whose output is a finished picture or list, worth paging when tall.
  static let pagedCommands: Set<String> = [
    "help", "show", "next", "prev", "confusion", "activations", "filters", "about", "why",
    "random", "summary", "data", "runs", "plot", "models", "predict", "eval",
  ]

  /// The pager command line, or nil when paging is off.
  static var command: String? {
    let env = ProcessInfo.processInfo.environment
    if let chosen = env["DIGITLAB_PAGER"] { return chosen.isEmpty ? nil : chosen }
    if let pager = env["PAGER"], !pager.isEmpty { return pager }
    return "less -FRX"
  }

  /// Runs `body`; when `pages` and standard output is a terminal, its output is collected and
  /// shown through the pager if it is taller than the screen (less one row for the prompt).
  static func run<T>(_ console: Console, pages: Bool, _ body: () throws -> T) rethrows -> T {
    guard pages, Terminal.outputIsTerminal, !console.isMuted, console.captured == nil,
      let pager = command
    else { return try body() }
    console.captured = ""
    defer {
      let text = console.captured ?? ""
      console.captured = nil
      let rows = text.split(separator: "\n", omittingEmptySubsequences: false).count
      if rows < Terminal.height || !show(text, through: pager) { console.write(text) }
    }
    return try body()
  }

  /// Hands `text` to `pager` (through /bin/sh, so `less -FRX` works as typed) and waits;
  /// false when the pager could not start. Spawned directly rather than with Foundation's
  /// `Process`, which starts its child in a new session, away from the terminal, where
  /// `less` cannot read keys and prints everything at once.
  private static func show(_ text: String, through pager: String) -> Bool {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return false }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, fds[1])
    var pid = pid_t()
    let arguments: [UnsafeMutablePointer<CChar>?] =
      ["/bin/sh", "-c", pager].map { word in word.withCString { strdup($0) } } + [nil]
    defer { arguments.forEach { free($0) } }
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, arguments, environ)
    close(fds[0])
    guard spawned == 0 else {
      close(fds[1])
      return false
    }
    // The pager may quit before reading everything (q on the first page): no SIGPIPE then.
    let previous = signal(SIGPIPE, SIG_IGN)
    _ = Array(text.utf8).withUnsafeBytes { writeAll($0, to: fds[1]) }
    close(fds[1])
    signal(SIGPIPE, previous)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // 127: the shell found no such pager.
    return !(status & 0x7f == 0 && (status >> 8) & 0xff == 127)
  }
}

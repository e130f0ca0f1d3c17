import CFuzzer
import DigitShell
import Foundation

// libFuzzer target: the shell's command lines, parsed and validated exactly as the shell does
// (ShellWords, the unknown-command hint, ArgumentParser and each command's validate(), the
// one-line error, help, tab completion), but never run: no training, no files written.
// Built by Fuzz/run.sh as a small package beside the root one.

@main
enum FuzzShell {
  /// SwiftPM gives an executable its own entry point, so libFuzzer is started from here.
  static func main() {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzShell))
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShell(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
  // As typed at the prompt or piped in a script: one line at a time, split as readLine does.
  let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).prefix(16)
    .map { String(decoding: $0, as: UTF8.self) }
  for line in lines { checkLine(line) }
  // Tab completion of the last word of the last line, as readline asks for it.
  if let line = lines.last {
    let bytes = Array(line.utf8)
    let start = bytes.lastIndex(of: UInt8(ascii: " ")).map { $0 + 1 } ?? 0
    _ = Completion.matches(
      for: String(decoding: bytes[start...], as: UTF8.self), in: line, at: start)
  }
  // As `digitlab WORD…` from the system shell: NUL separates the arguments.
  let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).map {
    String(decoding: $0, as: UTF8.self)
  }
  if arguments.count > 1 { _ = parse(arguments, oneLine: false) }
  return 0
}

func checkLine(_ line: String) {
  switch Shell.interpret(line) {
  case .help(let topic): Help.print(topic, to: mutedConsole())
  case .command(let words): _ = parse(words, oneLine: true)
  case .failure(let message): precondition(isOneLine(message), "error not one line: \(message)")
  case .nothing, .quit, .clear: break
  }
}

/// A console that prints nothing: the fuzzer checks help's wording, not the screen.
func mutedConsole() -> Console {
  let console = Console()
  console.isMuted = true
  return console
}

/// Parses and validates; never runs the command.
func parse(_ words: [String], oneLine: Bool) -> CommandRunner.Parsed {
  let parsed = CommandRunner.parse(words)
  if oneLine, case .failure(let message, _) = parsed {
    precondition(isOneLine(message), "error not one line: \(message)")
  }
  return parsed
}

/// The shell promises one-line errors: not empty, no line break.
func isOneLine(_ message: String) -> Bool { !message.isEmpty && !message.utf8.contains(10) }

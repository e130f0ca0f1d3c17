import DigitKit
import Foundation
import LessonKit

/// How lesson steps look on screen: prose wrapped to the terminal, commands as typed at the prompt.
enum LessonView {
  static func render(_ output: LessonOutput, width: Int, rich: Bool) -> String {
    let w = max(20, min(width, 100))
    switch output {
    case .heading(let title):
      return "\n" + ProseFormatter.format("# " + title, width: w, rich: rich)
    case .prose(let text):
      return "\n" + ProseFormatter.format(text, width: w, rich: rich)
    case .command(let command):
      return rich ? "\u{1B}[1mdigitlab> \(command)\u{1B}[22m" : "digitlab> \(command)"
    case .exerciseAsk(let ask):
      return "\n" + ProseFormatter.format("**Exercise:** \(ask)", width: w, rich: rich)
        + "\n(Type the commands yourself, then press Enter to check. skip shows one way.)"
    case .hint(let hint):
      return ProseFormatter.format("**Hint:** \(hint)", width: w, rich: rich)
    case .checkResult(let result):
      return result.outcomes.map { ($0.passed ? "  ok: " : "  not yet: ") + $0.sentence }.joined(separator: "\n")
        + (result.passed ? "\nWell done." : "")
    case .info(let info):
      return "(\(info))"
    case .finished(let text):
      return "\n" + text
    }
  }
}

/// Where lesson progress is kept, and how a lesson started in the shell shows its steps.
enum LessonSessionState {
  static var progressStore: ProgressStore {
    ProgressStore(url: Session.homeDirectory.appendingPathComponent("progress.json"))
  }

  /// Makes `runner` the session's lesson in progress; its steps print to the session's console.
  static func attach(_ runner: LessonRunner, to session: Session) {
    let console = session.console
    runner.onOutput = { output in
      console.line(LessonView.render(output, width: Terminal.width, rich: Terminal.allowsRichOutput))
    }
    session.lesson = runner
  }
}

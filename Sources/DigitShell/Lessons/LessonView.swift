import DigitKit
import Foundation
import LessonKit
import TextArt

/// How lesson steps look on screen: prose wrapped to the terminal, commands as typed at the prompt.
/// Every other line is wrapped too, with a hanging indent under its text, so nothing runs
/// past the terminal's edge (issue 18).
public enum LessonView {
  /// One lesson output as the shell prints it, every line wrapped to `width` columns.
  public static func render(_ output: LessonOutput, width: Int, rich: Bool) -> String {
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
        + "\n"
        + remark(
          "Type the commands yourself (or answer N), then press Enter to check; hint helps, solution shows one way, skip runs it.",
          width: w)
    case .hint(let hint):
      return ProseFormatter.format("**Hint:** \(hint)", width: w, rich: rich)
    case .solution(let commands):
      return wrap("One way to do it:", width: w) + "\n"
        + commands.map { render(.command($0), width: w, rich: rich) }.joined(separator: "\n")
        + "\n" + remark("Type these yourself, then press Enter to check.", width: w)
    case .checkResult(let result):
      return result.outcomes.map { outcome in
        let label = outcome.passed ? "  ok: " : "  not yet: "
        return wrap(
          outcome.sentence, width: w, firstIndent: label,
          restIndent: String(repeating: " ", count: label.count))
      }.joined(separator: "\n") + (result.passed ? "\nWell done." : "")
    case .info(let info):
      return remark(info, width: w)
    case .finished(let text):
      return "\n" + wrap(text, width: w)
    }
  }

  /// `(text)` in lines of `width`, later lines one space in, under the text.
  static func remark(_ text: String, width: Int) -> String {
    wrap("(\(text))", width: width, restIndent: " ")
  }

  private static func wrap(
    _ text: String, width: Int, firstIndent: String = "", restIndent: String = ""
  ) -> String {
    wrapText(text, width: width, firstIndent: firstIndent, restIndent: restIndent).joined(
      separator: "\n")
  }
}

/// Where lesson progress is kept, and how a lesson started in the shell shows its steps.
enum LessonSessionState {
  static var progressStore: ProgressStore {
    ProgressStore(url: Session.homeDirectory.appendingPathComponent("progress.json"))
  }

  /// Makes `runner` the session's lesson in progress; its steps print to the session's console.
  /// An exercise starts with no answer: one typed for an earlier exercise (another lesson's,
  /// or before a `back`) is forgotten, so Enter never judges it.
  static func attach(_ runner: LessonRunner, to session: Session) {
    let console = session.console
    runner.onOutput = { [weak session] output in
      if case .exerciseAsk = output { session?.results["answer"] = nil }
      console.line(
        LessonView.render(output, width: Terminal.width, rich: Terminal.allowsRichOutput))
    }
    session.lesson = runner
  }
}

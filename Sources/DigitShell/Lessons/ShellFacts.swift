import DigitKit
import LessonKit

/// Answers exercise checks from the session's state, e.g. `model mine layers` → "3".
///
/// Facts: `model NAME exists|layers|parameters|output|classifier|epochs|accuracy`,
/// `runs`, `drawing`, `drawing ink`.
struct ShellFacts: FactSource {
  let session: Session

  func fact(_ name: String) -> String? {
    let words = name.split(separator: " ").map(String.init)
    if words.count == 3, words[0] == "model" {
      guard let m = session.models[words[1]] else { return nil }
      switch words[2] {
      case "exists": return "yes"
      case "layers": return String(m.model.layers.count)
      case "parameters": return String(m.model.parameterCount)
      case "output": return describeShape(m.model.outputShape)
      case "classifier": return m.model.isClassifier ? "yes" : "no"
      case "epochs": return String(m.info.history.count)
      case "accuracy": return m.info.history.last.map { String(format: "%.2f", $0.testAccuracy) }
      default: return nil
      }
    }
    switch name {
    case "runs": return String(session.runs.count)
    case "drawing": return session.drawing == nil ? nil : "yes"
    case "drawing ink": return session.drawing.map { String($0.ink.filter { $0 > 0 }.count) }
    default: return nil
    }
  }
}

/// Runs lesson cells through the one command grammar, printing their output as usual.
struct ShellExecutor: CommandExecutor {
  let session: Session
  func execute(_ command: String) -> Bool {
    let words: [String]
    do { words = try ShellWords.split(command) } catch {
      session.console.error("\(error)")
      return false
    }
    guard !words.isEmpty else { return false }
    session.rememberCommand?(command)
    session.cellDepth += 1
    defer { session.cellDepth -= 1 }
    return CommandRunner.run(words, session: session) == 0
  }
}

/// Refuses to start a lesson from inside a lesson's cell: a lesson that runs itself would
/// recurse until the stack ran out, and one lesson inside another cannot be steered.
func refuseInsideACell(_ session: Session, command: String) throws {
  guard session.cellDepth == 0 else {
    throw userError(
      "\(command) cannot start a lesson from inside a lesson's cell; run it at the prompt")
  }
}

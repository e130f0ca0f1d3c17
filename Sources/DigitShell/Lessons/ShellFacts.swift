import DigitKit
import Foundation
import LessonKit

/// Answers exercise checks from the session's state, e.g. `model mine layers` → "3".
///
/// Facts (listed for lesson authors in Lessons/README.md):
/// `model NAME exists|layers|parameters|output|classifier|epochs|seconds|accuracy|dropout|batch|images|
/// optimizer`,
/// `model NAME layer K kind|parameters|output`, a model's training history
/// (`model NAME [epoch K] METRIC`, `model NAME lowest|highest METRIC [from epoch K]`,
/// `model NAME epoch of lowest|highest METRIC`, METRIC one of `accuracy`, `train accuracy`,
/// `train loss`, `test loss`, `drawings`), `runs`, `drawing`, `drawing ink`, `kept`,
/// and whatever the last commands measured (`session.results`, MeasuredResults.swift:
/// `prediction`, `accuracy`, …, and the learner's `answer`).
struct ShellFacts: FactSource {
  let session: Session

  func fact(_ name: String) -> String? {
    let words = name.split(separator: " ").map(String.init)
    if words.count > 3, words[0] == "model", words[2] != "layer" {
      return session.models[words[1]].flatMap {
        ModelHistoryFacts(history: $0.info.history).fact(Array(words[2...]))
      }
    }
    // `check: model tiny exists` reads as the fact `model tiny` and the operator `exists`.
    if words.count == 2, words[0] == "model" {
      return session.models[words[1]] == nil ? nil : "yes"
    }
    if words.count == 3, words[0] == "model" {
      guard let m = session.models[words[1]] else { return nil }
      switch words[2] {
      case "batch": return m.info.training.map { String($0.batchSize) }
      case "optimizer": return m.info.training.map { $0.optimizer.kind.rawValue }
      case "images":
        // Images per epoch: the --limit, else the whole training set.
        guard let training = m.info.training else { return nil }
        return (training.limit ?? (try? session.mnist(.train).count)).map(String.init)
      case "exists": return "yes"
      case "layers": return String(m.model.layers.count)
      case "parameters": return String(m.model.parameterCount)
      case "output": return describeShape(m.model.outputShape)
      case "classifier": return m.model.isClassifier ? "yes" : "no"
      case "epochs": return String(m.info.history.count)
      case "seconds":  // training time of all its epochs, without the tests after each
        return String(Int(m.info.history.reduce(0) { $0 + $1.seconds }.rounded()))
      case "dropout":
        let dropout = m.model.specs.first { $0.kind == .dropout || $0.kind == .dropout2d }
        return dropout.flatMap(\.p).map { "\($0)" } ?? "none"
      default: return ModelHistoryFacts(history: m.info.history).fact([words[2]])
      }
    }
    if words.count == 5, words[0] == "model", words[2] == "layer", let k = Int(words[3]) {
      return layerFact(model: words[1], layer: k, fact: words[4])
    }
    switch name {
    case "runs": return String(session.runs.count)
    case "drawing": return session.drawing == nil ? nil : "yes"
    case "drawing ink": return session.drawing.map { String($0.ink.filter { $0 > 0 }.count) }
    case "kept": return String(OwnDrawings.files(in: OwnDrawings.directory).count)
    default: return session.results[name]
    }
  }

  /// `model NAME layer K kind|parameters|output`, K counted from 1 as `summary` shows it.
  private func layerFact(model name: String, layer k: Int, fact: String) -> String? {
    guard let m = session.models[name], k >= 1, k <= m.model.layers.count else { return nil }
    let layer = m.model.layers[k - 1]
    switch fact {
    case "kind": return m.model.specs[k - 1].kind.rawValue
    case "parameters": return String(layer.parameterCount)
    case "output": return describeShape(m.model.shapes[k - 1])
    default: return nil
    }
  }
}

/// Facts about a model's training history, one `EpochResult` per epoch:
/// `[epoch K] METRIC` (the last epoch without `epoch K`), `lowest|highest METRIC [from epoch K]`
/// and `epoch of lowest|highest METRIC`. METRIC: `accuracy` and `train accuracy` (percent,
/// 2 decimals), `train loss` and `test loss` (4 decimals), `drawings` (watched drawings right).
struct ModelHistoryFacts {
  let history: [EpochResult]

  func fact(_ words: [String]) -> String? {
    if words.count > 2, words[0] == "epoch", words[1] == "of" {
      guard let (best, _) = extreme(words[2], metric: words[3...].joined(separator: " "), from: 1)
      else { return nil }
      return String(best.epoch)
    }
    if words.count > 2, words[0] == "epoch", let k = Int(words[1]) {
      guard let r = history.first(where: { $0.epoch == k }) else { return nil }
      return value(of: words[2...].joined(separator: " "), in: r)
    }
    if let which = words.first, which == "lowest" || which == "highest" {
      var rest = Array(words.dropFirst())
      var from = 1
      if rest.count > 3, rest[rest.count - 3] == "from", rest[rest.count - 2] == "epoch",
        let k = Int(rest[rest.count - 1])
      {
        from = k
        rest.removeLast(3)
      }
      return extreme(which, metric: rest.joined(separator: " "), from: from).map(\.text)
    }
    return history.last.flatMap { value(of: words.joined(separator: " "), in: $0) }
  }

  /// The epoch (from epoch `from` on) with the lowest or highest `metric`, and its value.
  private func extreme(_ which: String, metric: String, from: Int) -> (
    EpochResult, text: String
  )? {
    let scored = history.filter { $0.epoch >= from }.compactMap { r in
      number(of: metric, in: r).map { (r, $0) }
    }
    let best =
      which == "lowest"
      ? scored.min { $0.1 < $1.1 } : which == "highest" ? scored.max { $0.1 < $1.1 } : nil
    guard let best, let text = value(of: metric, in: best.0) else { return nil }
    return (best.0, text)
  }

  private func number(of metric: String, in r: EpochResult) -> Double? {
    switch metric {
    case "accuracy": return r.testAccuracy
    case "train accuracy": return 100 * Double(r.trainCorrect) / Double(max(r.trainTotal, 1))
    case "train loss": return r.trainLoss
    case "test loss": return r.testLoss
    case "drawings": return r.watchCorrect.map(Double.init)
    default: return nil
    }
  }

  /// The metric as `train` prints it.
  private func value(of metric: String, in r: EpochResult) -> String? {
    guard let x = number(of: metric, in: r) else { return nil }
    switch metric {
    case "drawings": return String(Int(x))
    case "train loss", "test loss": return String(format: "%.4f", x)
    default: return String(format: "%.2f", x)
    }
  }
}

/// Runs lesson cells through the one command grammar, printing their output as usual.
struct ShellExecutor: CommandExecutor {
  let session: Session

  func execute(_ command: String) -> CommandOutcome {
    let words: [String]
    do { words = try ShellWords.split(command) } catch {
      session.console.error("\(error)")
      return .failed
    }
    guard !words.isEmpty else { return .failed }
    session.rememberCommand?(command)
    session.cellDepth += 1
    defer { session.cellDepth -= 1 }
    // Ctrl-C sets the flag (the lesson step runs under `Interrupts.whileRunning`); a command
    // that catches it (train keeps its weights) still succeeds, but the cell must stop there.
    Interrupts.requested.pointee = 0
    session.stopCellRequested = false
    let status = CommandRunner.run(words, session: session)
    if Interrupts.requested.pointee != 0 || session.stopCellRequested { return .interrupted }
    return status == 0 ? .succeeded : .failed
  }

  /// Runs with output muted and the editor left out (it loads its drawing and returns).
  func executeQuietly(_ command: String) -> CommandOutcome {
    let (wasMuted, wasReplaying) = (session.console.isMuted, session.isReplaying)
    session.console.isMuted = true
    session.isReplaying = true
    defer {
      session.console.isMuted = wasMuted
      session.isReplaying = wasReplaying
    }
    return execute(command)
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

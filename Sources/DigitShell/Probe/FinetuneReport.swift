import DigitKit
import Foundation
import TextArt

/// How a model does on the learner's drawings and on the first MNIST test images.
struct Score {
  let own: (correct: Int, total: Int, predictions: [Int])
  let test: Evaluation?

  init(_ model: Model, drawings: LabelledDrawings, test: MNISTSet) {
    own = Evaluator.evaluate(model, on: drawings)
    self.test = Evaluator.evaluate(model, on: test)
  }

  /// A before/after table, then the drawings whose reading changed (or all, when few).
  static func comparison(_ before: Score, _ after: Score, drawings: LabelledDrawings) -> [String] {
    func row(_ name: String, _ a: String, _ b: String) -> String {
      TextColumns.trimmed(TextColumns.padded(name, to: 26) + TextColumns.padded(a, to: 20) + b)
    }
    func ownText(_ s: Score) -> String { "\(s.own.correct)/\(s.own.total) right" }
    func testText(_ s: Score) -> String {
      guard let t = s.test else { return "-" }
      return "\(t.correct)/\(t.total) (" + String(format: "%.2f%%", t.accuracy) + ")"
    }
    var lines = [
      row("", "before", "after"),
      row("your drawings", ownText(before), ownText(after)),
      row("MNIST test (first \(after.test?.total ?? 0))", testText(before), testText(after)),
    ]
    let changed = drawings.names.indices.filter {
      before.own.predictions[$0] != after.own.predictions[$0]
    }
    let shown = drawings.count <= 10 ? Array(drawings.names.indices) : changed
    for i in shown {
      let mark = after.own.predictions[i] == drawings.labels[i] ? "right" : "wrong"
      lines.append(
        row(
          "  " + drawings.names[i], "read as \(before.own.predictions[i])",
          "read as \(after.own.predictions[i]) (\(mark))"))
    }
    if drawings.count > 10 {
      lines.append(
        "  (\(changed.count) of your \(drawings.count) drawings are read differently now)")
    }
    return lines
      + wrapText(
        "Your drawings were in the mix, so this shows that it learnt them; "
          + "keep new ones and finetune again to see whether it generalises.",
        width: min(Terminal.width, 80))
  }
}

extension Score {
  /// When MNIST test accuracy fell by at least half a point: how many test images went from
  /// right to wrong, and the commonest new confusion (true digit read as another).
  static func forgetting(_ before: Score, _ after: Score, labels: [UInt8]) -> String? {
    guard let b = before.test, let a = after.test, b.correct - a.correct >= max(1, b.total / 200)
    else { return nil }
    var pairs = [Int: Int]()  // 10 · truth + answer
    var lost = 0
    for i in 0..<min(labels.count, b.predictions.count, a.predictions.count) {
      let truth = Int(labels[i])
      guard b.predictions[i] == truth, a.predictions[i] != truth else { continue }
      lost += 1
      pairs[10 * truth + a.predictions[i], default: 0] += 1
    }
    guard
      let top = pairs.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
    else { return nil }
    let points = String(format: "%.1f", b.accuracy - a.accuracy)
    return
      "MNIST test accuracy fell \(points) points: \(lost) test images it read right before are wrong now, "
      + "most often \(top.key / 10)s read as \(top.key % 10)s (\(top.value)). A drawing that looks like another digit "
      + "teaches the net to read that digit wrong; more --mnist, fewer --epochs or a lower --lr trade less."
  }
}

/// Training progress for finetune: a progress line on a terminal, one line per epoch.
final class FinetuneProgress {
  private let live = Terminal.outputIsTerminal
  private var lastDraw = Date.distantPast
  private var shown = false
  private let console: Console

  init(console: Console) { self.console = console }

  func handle(_ event: TrainingEvent) {
    switch event {
    case .batch(let p):
      guard live, Date().timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else { return }
      lastDraw = Date()
      console.write(ProgressText.redraw(p))
      shown = true
    case .testing(let epoch, let images):
      guard live else { return }
      console.write("\r" + EpochText.testing(epoch: epoch, images: images) + "\u{1B}[K")
      shown = true
    case .epoch(let r):
      finish()
      console.line(EpochText.line(r))
    }
  }

  func finish() {
    if shown {
      console.write("\r\u{1B}[K")
      shown = false
    }
  }
}

import DigitKit
import Foundation

/// Shows training as it happens: a progress line redrawn in place on a terminal, one line
/// per epoch, and JSON lines with `--json`.
final class TrainingView {
  let json: Bool
  let label: String
  private let live = Terminal.outputIsTerminal
  private var lastDraw = Date.distantPast
  private var progressShown = false
  private(set) var history: [EpochResult] = []

  init(json: Bool, label: String) {
    self.json = json
    self.label = label
  }

  func handle(_ event: TrainingEvent) {
    switch event {
    case .batch(let p):
      guard live, !json, Date().timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else { return }
      lastDraw = Date()
      Console.write("\r" + ProgressText.line(p, width: Terminal.width - 1) + "\u{1B}[K")
      progressShown = true
    case .epoch(let r):
      history.append(r)
      if progressShown { Console.write("\r\u{1B}[K"); progressShown = false }
      if json {
        Console.line(JSONLine.encode(r))
      } else {
        Console.line(EpochText.line(r, epochs: nil))
      }
    }
  }

  func finish(cancelled: Bool) {
    if progressShown { Console.write("\r\u{1B}[K"); progressShown = false }
    if cancelled && !json { Console.line("Ctrl-C: training stopped after \(history.count) full epoch\(history.count == 1 ? "" : "s").") }
  }
}

/// Plain-text lines for training, shared by the live view and transcripts.
enum EpochText {
  static func line(_ r: EpochResult, epochs: Int?) -> String {
    String(format: "epoch %2d  train loss %.4f  test loss %.4f  test %d/%d (%.2f%%)  %.1f s",
           r.epoch, r.trainLoss, r.testLoss, r.testCorrect, r.testTotal, r.testAccuracy, r.seconds)
  }
}

enum ProgressText {
  static func line(_ p: BatchProgress, width: Int) -> String {
    let eta = p.imagesPerSecond > 0 ? Double(p.total - p.done) / p.imagesPerSecond : 0
    let barWidth = max(10, min(30, width - 60))
    let filled = p.total > 0 ? barWidth * p.done / p.total : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
    let s = String(format: "epoch %d/%d [%@] %d/%d  %.0f img/s  ETA %d:%02d  loss %.3f",
                   p.epoch, p.epochs, bar, p.done, p.total, p.imagesPerSecond, Int(eta) / 60, Int(eta) % 60, p.runningLoss)
    return String(s.prefix(width))
  }
}

/// One JSON object on one line, keys sorted, for scripts.
enum JSONLine {
  static func encode<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}

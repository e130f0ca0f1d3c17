import DigitKit
import Foundation
import TextArt

/// Shows training as it happens. On a terminal: a progress line redrawn in place, and after
/// every epoch a line per epoch with the chart of all epochs so far redrawn below it.
/// Otherwise: one plain line per epoch and the chart at the end. `--json`: JSON lines only.
final class TrainingView {
  let json: Bool
  let label: String
  /// Epochs trained before this run (continuing a model), shown on the chart too.
  private var history: [EpochResult]
  private let live = Terminal.outputIsTerminal
  private var lastDraw = Date.distantPast
  private var progressShown = false
  private var chartLines = 0
  private(set) var epochsThisRun = 0
  private let console: Console

  init(json: Bool, label: String, previous: [EpochResult] = [], console: Console) {
    self.console = console
    self.json = json
    self.label = label
    self.history = previous
  }

  func handle(_ event: TrainingEvent) {
    switch event {
    case .batch(let p):
      guard live, !json, Date().timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else {
        return
      }
      lastDraw = Date()
      console.write(ProgressText.redraw(p))
      progressShown = true
    case .testing(let epoch, let images):
      guard live, !json else { return }
      console.write("\r" + EpochText.testing(epoch: epoch, images: images) + "\u{1B}[K")
      progressShown = true
    case .epoch(let r):
      history.append(r)
      epochsThisRun += 1
      if json {
        // An epoch's numbers are plain fields, so encoding cannot fail; say so if it ever does.
        do { console.line(try JSONLine.encode(r)) } catch { console.error("\(error)") }
        return
      }
      clearProgress()
      if live {
        // Move up over the previous chart and draw the epoch line and a fresh chart in its place.
        if chartLines > 0 { console.write("\u{1B}[\(chartLines)A\r\u{1B}[J") }
        console.line(EpochText.line(r))
        let chart = TrainingChart.render(
          history, title: label, width: Terminal.width, height: chartHeight, style: Art.style())
        console.line(chart)
        chartLines = chart.split(separator: "\n", omittingEmptySubsequences: false).count
      } else {
        console.line(EpochText.line(r))
      }
    }
  }

  /// The live chart fills the screen but for the epoch line above it, and the closing line
  /// (which may wrap) and the prompt below it: at 80×24 the chart has 20 rows.
  private var chartHeight: Int { max(8, Terminal.height - 4) }

  private func clearProgress() {
    if progressShown {
      console.write("\r\u{1B}[K")
      progressShown = false
    }
  }

  func finish(cancelled: Bool) {
    clearProgress()
    guard !json else { return }
    if !live && epochsThisRun > 0 {
      console.line(
        TrainingChart.render(
          history, title: label, width: Terminal.width, height: max(8, Terminal.height - 2),
          style: .ascii))
    }
    if cancelled {
      console.line(
        "Ctrl-C: training stopped after \(plural(epochsThisRun, "full epoch")); the weights so far are kept."
      )
    }
  }
}

/// The per-epoch chart: train and test loss on the left axis, one colour, solid and dotted;
/// test accuracy (and accuracy on watched drawings) on the right, each in its own colour.
enum TrainingChart {
  static func render(
    _ history: [EpochResult], title: String, width: Int, height: Int, style: ArtStyle
  ) -> String {
    var series = [
      ChartSeries(name: "train loss", values: history.map { $0.trainLoss }, group: 0),
      ChartSeries(
        name: "test loss", values: history.map { $0.testLoss }, group: 0, stroke: .dotted),
      ChartSeries(name: "test accuracy", values: history.map { $0.testAccuracy }, axis: .right),
    ]
    if history.contains(where: { $0.watchTotal != nil }) {
      series.append(
        ChartSeries(
          name: "drawings accuracy",
          values: history.map { r in
            r.watchTotal.flatMap { t in r.watchCorrect.map { 100 * Double($0) / Double(max(t, 1)) }
            }
          }, axis: .right))
    }
    let chart = Chart(
      title: title, xLabel: "epoch", leftLabel: "loss", rightLabel: "accuracy %", series: series)
    return LineChart.render(chart, width: width, height: height, style: style)
  }
}

/// The in-place progress line of a training epoch (train and finetune).
enum ProgressText {
  /// Carriage return, the line for `p` fitted to the terminal, clear to end of line.
  static func redraw(_ p: BatchProgress) -> String {
    let info = ProgressInfo(
      epoch: p.epoch, epochs: p.epochs, done: p.done, total: p.total,
      imagesPerSecond: p.imagesPerSecond,
      etaSeconds: p.imagesPerSecond > 0 ? Double(p.total - p.done) / p.imagesPerSecond : .nan,
      runningLoss: p.runningLoss)
    return "\r" + ProgressLine.render(info, width: Terminal.width - 1, style: Art.style())
      + "\u{1B}[K"
  }
}

/// Plain-text lines for training, shared by the live view and transcripts.
public enum EpochText {
  /// The full line when it fits `width`, else a shorter one (accuracy as a percentage, then
  /// without the time), so an 80-column terminal never wraps it. Without a width (output to
  /// a file or pipe, for scripts and transcripts) the line is always full.
  public static func line(
    _ r: EpochResult, width: Int? = Terminal.outputIsTerminal ? Terminal.width : nil
  ) -> String {
    let drawings =
      r.watchCorrect.flatMap { c in r.watchTotal.map { "  drawings \(c)/\($0)" } } ?? ""
    let losses = String(
      format: "epoch %2d  train loss %.4f  test loss %.4f", r.epoch, r.trainLoss, r.testLoss)
    let full =
      losses
      + String(format: "  test %d/%d (%.2f%%)  ", r.testCorrect, r.testTotal, r.testAccuracy)
      + duration(r.seconds) + drawings
    guard let width, full.count > width else { return full }
    let short = losses + String(format: "  test %.2f%%", r.testAccuracy) + drawings
    let timed = short + "  " + duration(r.seconds, short: true)
    return timed.count <= width ? timed : short
  }

  /// "2.5 s", or "42 ms" under a tenth of a second (a tiny model's epoch is not "0.0 s").
  public static func duration(_ seconds: Double, short: Bool = false) -> String {
    if seconds < 0.1 { return String(format: "%.0f ms", seconds * 1000) }
    return String(format: short ? "%.0f s" : "%.1f s", seconds)
  }

  /// What training does between its last batch and the epoch's line.
  public static func testing(epoch: Int, images: Int) -> String {
    "epoch \(epoch): testing on \(grouped(images)) test images…"
  }
}

/// One JSON object on one line, keys sorted, for scripts. A number that is not finite (NaN,
/// ±∞) is written as `null`: JSON has no word for it, and `JSONEncoder` alone throws (which
/// once printed `{}`) or, told to, writes a string that scripts would take for a value.
public enum JSONLine {
  /// Stands in for a non-finite number while encoding. It holds U+0000, which no file name
  /// or other string DigitLab writes can hold, so its quoted form (`"\u0000…"`) marks
  /// exactly the numbers to turn into `null`.
  private static let notANumber = "\u{0}not a number"

  public static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: notANumber, negativeInfinity: notANumber, nan: notANumber)
    let data: Data
    do { data = try encoder.encode(value) } catch {
      throw DigitKitError("cannot write the result as JSON (\(error))")
    }
    let quoted = String(decoding: try encoder.encode(notANumber), as: UTF8.self)
    return String(decoding: data, as: UTF8.self).replacingOccurrences(of: quoted, with: "null")
  }
}

import Foundation
import TextArt

/// Two familiarity histograms side by side, MNIST test digits and a folder of drawings,
/// on the same rows, so a learner sees where each sits against the gauge's lines:
///
///     familiarity  MNIST test, first 1000          handwriting, 840 drawings
///     0.93-0.97    ███████████▌             31.0%  █▎                        3.5%
///     ── unusual below 0.85: MNIST 10.0%, handwriting 41.2% ──────────────
///
/// Rows run from the most familiar down. The rows are equal-width bins within each zone:
/// familiar (6 rows from the unusual line to the highest score), unusual (2 rows between
/// the lines) and never seen (4 rows from the lowest score to the never-seen line), so each
/// line falls between two rows. Every bar is a share of its own set (percent), and all
/// bars use one scale. 20 lines at most, at most 80 columns.
struct FamiliarHistogram {
  let model: String
  /// Familiarity scores (0…1) of the MNIST test sample and of the drawings.
  let mnist: [Float]
  let drawings: [Float]
  /// "handwriting" (the folder's name).
  let folder: String
  let calibration: FamiliarityCalibration

  /// Rows per zone, most familiar first: familiar, unusual, never seen.
  static let rowsPerZone = [6, 2, 4]
  static let barCells = 24

  /// One bin: scores from `low` up to `high` (the top bin includes `high`).
  struct Bin { let low: Float, high: Float }

  func render(style: ArtStyle) -> String {
    (header() + rows(style: style) + footer()).joined(separator: "\n")
  }

  private func header() -> [String] {
    let intro =
      "Has \(model) seen anything like these? Familiarity: mean cosine similarity of the "
      + "\(Familiarity.neighbours) nearest training digits in its last hidden layer (1 = same pattern)."
    return wrapText(intro, width: 80)
      + [
        "familiarity" + String(repeating: " ", count: 2)
          + column("MNIST test, first \(mnist.count)") + "  "
          + "\(folder), \(drawings.count) drawings"
      ]
  }

  private func rows(style: ArtStyle) -> [String] {
    let zones = bins()
    let biggest = zones.joined().map { max(share(mnist, $0), share(drawings, $0)) }.max() ?? 1
    var lines: [String] = []
    for (index, zone) in zones.enumerated() {
      if index == 1 { lines.append(rule("unusual", calibration.unusualLine, style: style)) }
      if index == 2 { lines.append(rule("never seen", calibration.unlikeLine, style: style)) }
      for bin in zone {
        let left = bar(share(mnist, bin), scale: biggest, style: style)
        let right = bar(share(drawings, bin), scale: biggest, style: style)
        lines.append(label(bin) + "  " + left + "  " + right)
      }
    }
    return lines
  }

  private func footer() -> [String] {
    let text =
      "Below the unusual line (the 10th percentile of MNIST test): MNIST "
      + percent(below(mnist, calibration.unusualLine)) + ", \(folder) "
      + percent(below(drawings, calibration.unusualLine)) + ". Below never seen (the 1st): "
      + "MNIST \(percent(below(mnist, calibration.unlikeLine))), \(folder) "
      + percent(below(drawings, calibration.unlikeLine)) + "."
    return wrapText(text, width: 80)
  }

  /// The bins, most familiar first, in three zones (see the type's comment).
  func bins() -> [[Bin]] {
    let all = (mnist + drawings).filter(\.isFinite)
    let top = max(all.max() ?? 1, calibration.unusualLine)
    let bottom = min(all.min() ?? 0, calibration.unlikeLine)
    let edges = [top, calibration.unusualLine, calibration.unlikeLine, bottom]
    return (0..<3).map { zone in
      let (high, low) = (edges[zone], edges[zone + 1])
      let n = Self.rowsPerZone[zone]
      let width = (high - low) / Float(n)
      return (0..<n).map { row in
        Bin(
          low: row == n - 1 ? low : high - width * Float(row + 1), high: high - width * Float(row))
      }
    }
  }

  /// Percent of `scores` in `bin`: low ≤ s < high, and s = high in the top bin (the highest score).
  func share(_ scores: [Float], _ bin: Bin) -> Double {
    let top = bins().first?.first?.high ?? 1
    let inside = scores.filter {
      $0 >= bin.low && ($0 < bin.high || (bin.high == top && $0 == top))
    }
    return 100 * Double(inside.count) / Double(max(scores.count, 1))
  }

  /// Percent of `scores` below `line`.
  func below(_ scores: [Float], _ line: Float) -> Double {
    100 * Double(scores.filter { $0 < line }.count) / Double(max(scores.count, 1))
  }

  /// "0.93-0.97" (three decimals when bins are narrower than 0.02), 11 columns.
  private func label(_ bin: Bin) -> String {
    let digits = (bin.high - bin.low) < 0.02 ? 3 : 2
    let text = String(format: "%.\(digits)f-%.\(digits)f", bin.low, bin.high)
    return text.padding(toLength: 11, withPad: " ", startingAt: 0)
  }

  /// A bar of `share` percent (scaled so `scale` fills it) and the share, 31 columns.
  private func bar(_ share: Double, scale: Double, style: ArtStyle) -> String {
    let fraction = share / max(scale, 0.001)
    let cells =
      style.unicode
      ? ProbabilityColumn.richBar(fraction, cells: Self.barCells)
      : ProbabilityColumn.asciiBar(fraction, cells: Self.barCells)
    return cells + String(format: "%6.1f%%", share)
  }

  private func column(_ title: String) -> String {
    title.padding(toLength: Self.barCells + 7, withPad: " ", startingAt: 0)
  }

  /// "── unusual below 0.85 ─────…" to 77 columns (yellow, or red for never seen, in colour).
  private func rule(_ name: String, _ line: Float, style: ArtStyle) -> String {
    let dash = style.unicode ? "─" : "-"
    let text = "\(dash)\(dash) \(name) below \(String(format: "%.3f", line)) "
    let rule = text + String(repeating: dash, count: max(0, 77 - text.count))
    guard style.color else { return rule }
    return (name == "unusual" ? "\u{1B}[33m" : "\u{1B}[31m") + rule + "\u{1B}[0m"
  }

  private func percent(_ value: Double) -> String { String(format: "%.1f%%", value) }
}

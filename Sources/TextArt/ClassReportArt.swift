/// Precision, recall and F1 per class as a table with an F1 bar chart.
public enum ClassReportArt {
  /// One row per digit: precision, recall and F1 as percentages with two
  /// decimals, support (number of test images of that digit) and a bar of F1,
  /// then an average row (unweighted mean; total support) and the weakest digit.
  ///
  /// `precision`, `recall` and `f1` are fractions 0...1; a missing or NaN
  /// entry prints `--`. F1 scores of a good model all sit near 100%, so the
  /// bars start at a round floor below the weakest score (printed in the
  /// header, e.g. `F1 bar from 98%`) to make the differences visible. The
  /// weakest digit is marked `<` (red in colour).
  public static func render(
    precision: [Double], recall: [Double], f1: [Double], support: [Int],
    style: ArtStyle, width: Int = 80
  ) -> String {
    let width = TextLayout.columns(width)
    let classes = max(precision.count, recall.count, f1.count, support.count)
    guard classes > 0 else { return TextLayout.finish(["(no classes)"], width: width) }
    let value = { (list: [Double], index: Int) -> Double in index < list.count ? list[index] : .nan
    }
    let finiteF1 = (0..<classes).map { value(f1, $0) }.filter { $0.isFinite }
    let weakest = (0..<classes).filter { value(f1, $0).isFinite }.min {
      value(f1, $0) < value(f1, $1)
    }
    let floor = barFloor(lowest: finiteF1.min() ?? 0)

    let columns = ["digit", "precision", "recall", "F1", "support"]
    let widths = [5, 9, 7, 7, 7]
    let fixed = widths.reduce(0, +) + 2 * widths.count
    let barWidth = min(30, width - fixed - 2)
    let showBars = barWidth >= 5

    var lines: [String] = []
    var header = StyledLine(color: style.color)
    for (index, name) in columns.enumerated() {
      header.append(
        (index == 0 ? "" : "  ") + TextLayout.padLeft(name, to: widths[index]), Ink(bold: true))
    }
    if showBars {
      let floorText = NumberFormat.fixed(
        floor * 100, floor * 100 == (floor * 100).rounded() ? 0 : 1)
      header.append("  " + "F1 bar from \(floorText)%", Ink(bold: true))
    }
    lines.append(header.finished)

    let supportText = { (index: Int) -> String in
      index < support.count ? NumberFormat.grouped(support[index]) : "--"
    }
    for digit in 0..<classes {
      let isWeakest = digit == weakest && finiteF1.count > 1
      let cells = [
        String(digit), percent(value(precision, digit)), percent(value(recall, digit)),
        percent(value(f1, digit)), supportText(digit),
      ]
      var line = StyledLine(color: style.color)
      for (index, cell) in cells.enumerated() {
        line.append(
          (index == 0 ? "" : "  ") + TextLayout.padLeft(cell, to: widths[index]),
          isWeakest ? Ink(foreground: Palette.bad, bold: true) : .plain)
      }
      if showBars {
        let score = value(f1, digit)
        let fraction = score.isFinite ? (score - floor) / (1 - floor) : 0
        let bar = Bar.parts(fraction: fraction, width: barWidth, unicode: style.unicode)
        line.append("  ")
        line.append(bar.filled, Ink(foreground: isWeakest ? Palette.bad : Palette.good))
        if isWeakest { line.append(bar.rest + " <", Ink(foreground: Palette.bad, bold: true)) }
      } else if isWeakest {
        line.append(" <", Ink(foreground: Palette.bad, bold: true))
      }
      lines.append(line.finished)
    }

    let mean = { (list: [Double]) -> Double in
      let finite = list.prefix(classes).filter { $0.isFinite }
      return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }
    let total = NumberFormat.saturatingSum(support.prefix(classes))
    let averages = [
      "mean", percent(mean(precision)), percent(mean(recall)), percent(mean(f1)),
      NumberFormat.grouped(total),
    ]
    lines.append(
      zip(averages, widths).enumerated().map { index, pair in
        (index == 0 ? "" : "  ") + TextLayout.padLeft(pair.0, to: pair.1)
      }.joined())
    if let weakest, finiteF1.count > 1 {
      lines.append("Weakest: \(weakest) (F1 \(percent(value(f1, weakest)))).")
    }
    return TextLayout.finish(lines, width: width)
  }

  private static func percent(_ fraction: Double) -> String {
    fraction.isFinite ? NumberFormat.fixed(fraction * 100, 2) + "%" : "--"
  }

  /// A round floor for the F1 bars: the highest of 0, 50, 80, 90, 95, 97, 98,
  /// 99, 99.5% that leaves the weakest bar at least a quarter long.
  static func barFloor(lowest: Double) -> Double {
    let candidates = [0.995, 0.99, 0.98, 0.97, 0.95, 0.9, 0.8, 0.5]
    for floor in candidates where lowest - floor >= 0.25 * (1 - floor) {
      return floor
    }
    return 0
  }
}

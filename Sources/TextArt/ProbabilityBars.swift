/// A model's class probabilities as one bar per class, like the study's
/// "class probabilities" panel.
public enum ProbabilityBars {
  /// Bars for `probabilities` (fractions 0...1; class `i` is the digit `i`),
  /// one line each, then `Most likely: 3 (97.1%)`; a runner-up with at least
  /// 5% is named too (`, then 8 (19.0%)`).
  ///
  /// Bar length is proportional to the probability itself (a full bar is
  /// 100%), at most 50 cells. The most likely class is marked with `>` in
  /// front (and drawn green and bold in colour). Values outside 0...1 are
  /// clamped for the bar; NaN shows as `--` and is never the most likely.
  public static func render(
    probabilities: [Double], width: Int = 80, style: ArtStyle, title: String? = nil
  ) -> String {
    let width = TextLayout.columns(width)
    var lines = titleLines(title, width: width, style: style)
    guard !probabilities.isEmpty else {
      return TextLayout.finish(lines + ["(no probabilities)"], width: width)
    }
    let layout = BarLayout(probabilities, width: width, style: style, longest: 50)
    for digit in probabilities.indices { lines.append(layout.line(digit, labelled: true)) }
    lines += wrapText(layout.summary, width: width)
    return TextLayout.finish(lines, width: width)
  }

  /// The title in bold, wrapped to `width`; none when it is empty.
  static func titleLines(_ title: String?, width: Int, style: ArtStyle) -> [String] {
    guard let title else { return [] }
    let clean = TextLayout.sanitize(title, unicode: style.unicode)
    return wrapText(clean, width: width).map { text in
      var line = StyledLine(color: style.color)
      line.append(text, Ink(bold: true))
      return line.finished
    }
  }
}

/// What every bar line of one set of probabilities shares: the ranking, column widths and the
/// summary sentence.
struct BarLayout {
  let probabilities: [Double]
  let style: ArtStyle
  /// Classes with a finite probability, most likely first (ties: lower class first).
  let ranked: [Int]
  let labelWidth: Int
  let percentWidth: Int
  /// Cells of a full (100%) bar.
  let barWidth: Int

  /// Column widths for lines of `width` columns; a full bar is at most `longest` cells.
  init(_ probabilities: [Double], width: Int, style: ArtStyle, longest: Int) {
    self.probabilities = probabilities
    self.style = style
    ranked = probabilities.indices
      .filter { probabilities[$0].isFinite }
      .sorted {
        probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
      }
    labelWidth = String(max(0, probabilities.count - 1)).count
    percentWidth = max(6, probabilities.map { NumberFormat.percent($0).count }.max() ?? 6)
    barWidth = max(1, min(longest, width - (2 + labelWidth + 2 + 1 + percentWidth)))
  }

  var best: Int? { ranked.first }

  /// `> 3 |#####      74.0%`; without `labelled`, the bar alone with blank columns around
  /// it (the extra lines of a thick bar).
  func line(_ digit: Int, labelled: Bool) -> String {
    let probability = probabilities[digit]
    let isBest = digit == best
    var line = StyledLine(color: style.color)
    let mark = labelled && isBest ? "> " : "  "
    line.append(mark, Ink(foreground: Palette.good, bold: true))
    let label = labelled ? String(digit) : ""
    line.append(TextLayout.padLeft(label, to: labelWidth), Ink(bold: isBest))
    line.append(" ")
    line.append(style.unicode ? "│" : "|", Ink(foreground: Palette.dim))
    let bar = Bar.parts(fraction: probability, width: barWidth, unicode: style.unicode)
    line.append(bar.filled, Ink(foreground: isBest ? Palette.good : Palette.accent))
    line.append(bar.rest)
    line.append(" ")
    let percent = labelled ? NumberFormat.percent(probability) : ""
    line.append(TextLayout.padLeft(percent, to: percentWidth), Ink(bold: isBest))
    return line.finished
  }

  /// `Most likely: 3 (74.0%)`, with `, then 8 (19.0%)` when the runner-up has 5% or more.
  var summary: String {
    guard let best else { return "Most likely: unknown (no valid probabilities)" }
    var summary = "Most likely: \(best) (\(NumberFormat.percent(probabilities[best])))"
    if ranked.count > 1, probabilities[ranked[1]] >= 0.05 {
      summary += ", then \(ranked[1]) (\(NumberFormat.percent(probabilities[ranked[1]])))"
    }
    return summary
  }
}

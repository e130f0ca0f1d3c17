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
    var lines: [String] = []
    if let title {
      let clean = TextLayout.sanitize(title, unicode: style.unicode)
      if !clean.isEmpty {
        var line = StyledLine(color: style.color)
        line.append(clean, Ink(bold: true))
        lines.append(line.finished)
      }
    }
    guard !probabilities.isEmpty else {
      return TextLayout.finish(lines + ["(no probabilities)"], width: width)
    }
    let ranked = probabilities.indices
      .filter { probabilities[$0].isFinite }
      .sorted {
        probabilities[$0] > probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 < $1)
      }
    let best = ranked.first
    let labelWidth = String(probabilities.count - 1).count
    let percentWidth = max(6, probabilities.map { NumberFormat.percent($0).count }.max() ?? 6)
    let barWidth = max(1, min(50, width - (2 + labelWidth + 2 + 1 + percentWidth)))
    let separator = style.unicode ? "│" : "|"

    for (digit, probability) in probabilities.enumerated() {
      let isBest = digit == best
      var line = StyledLine(color: style.color)
      line.append(isBest ? "> " : "  ", Ink(foreground: Palette.good, bold: true))
      line.append(TextLayout.padLeft(String(digit), to: labelWidth), Ink(bold: isBest))
      line.append(" ")
      line.append(separator, Ink(foreground: Palette.dim))
      let bar = Bar.parts(fraction: probability, width: barWidth, unicode: style.unicode)
      line.append(bar.filled, Ink(foreground: isBest ? Palette.good : Palette.accent))
      line.append(bar.rest)
      line.append(" ")
      let percent = TextLayout.padLeft(NumberFormat.percent(probability), to: percentWidth)
      line.append(percent, Ink(bold: isBest))
      lines.append(line.finished)
    }

    if let best {
      var summary = "Most likely: \(best) (\(NumberFormat.percent(probabilities[best])))"
      if ranked.count > 1, probabilities[ranked[1]] >= 0.05 {
        summary += ", then \(ranked[1]) (\(NumberFormat.percent(probabilities[ranked[1]])))"
      }
      lines += wrapText(summary, width: width)
    } else {
      lines += wrapText("Most likely: unknown (no valid probabilities)", width: width)
    }
    return TextLayout.finish(lines, width: width)
  }
}

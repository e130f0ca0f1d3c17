/// Thick bars that fill a given height, for the big one-digit view.
extension ProbabilityBars {
  /// The bars of `render(probabilities:width:style:title:)` made to fill `height` lines and
  /// all of `width`: each class gets `t = ⌊(height − title − summary) / classes⌋` lines, a
  /// bar `t − 1` lines thick (label and percentage on its middle line) and a blank line after
  /// it; at `t` = 1 the bars are one line each with no gaps, as in the short form. A full
  /// (100%) bar is as long as the width allows. When `height` is too small for one line a
  /// class, the result is taller than `height` (the short form's height).
  public static func render(
    probabilities: [Double], width: Int, height: Int, style: ArtStyle, title: String? = nil
  ) -> String {
    let width = TextLayout.columns(width)
    var lines = titleLines(title, width: width, style: style)
    guard !probabilities.isEmpty else {
      return TextLayout.finish(lines + ["(no probabilities)"], width: width)
    }
    let layout = BarLayout(probabilities, width: width, style: style, longest: width)
    let summary = wrapText(layout.summary, width: width)
    let each = max(1, (height - lines.count - summary.count) / probabilities.count)
    let thickness = each == 1 ? 1 : each - 1
    for digit in probabilities.indices {
      for row in 0..<thickness {
        lines.append(layout.line(digit, labelled: row == (thickness - 1) / 2))
      }
      if each > 1 { lines.append("") }
    }
    return TextLayout.finish(lines + summary, width: width)
  }
}

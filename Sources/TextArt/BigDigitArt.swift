/// One digit as large as the screen allows, with its class probabilities as thick bars: the
/// view for showing a room (`show --index I --big`, `random --big`).
public enum BigDigitArt {
  /// Columns between the picture and the bars beside it.
  static let gap = 3
  /// The narrowest bars worth drawing beside the picture: label, a 10-cell bar, percentage.
  static let narrowestBars = 22

  /// The picture and bars in at most `columns` × `rows` (when `rows` leaves room for
  /// at least one line a class: 10 + title + summary lines).
  ///
  /// The picture is as tall as fits: beside the bars it may take all `rows`, its width
  /// (≈ 2 × its lines) leaving at least `narrowestBars` columns for the bars; under them it
  /// takes what the short bars leave. Whichever gives the taller picture wins (beside on a
  /// tie), so a wide screen puts the bars beside and a tall narrow one under. The bars fill
  /// the rest: beside, as tall as the picture (thick bars on a tall screen), centred on it.
  public static func render(
    pixels: [UInt8], width: Int = 28, height: Int = 28, probabilities: [Double],
    style: ArtStyle, columns: Int, rows: Int, title: String? = nil
  ) -> String {
    let columns = TextLayout.columns(columns)
    let rows = max(1, rows)
    let fit = Fit(width: width, height: height, style: style)
    let shortBars = { (barsWidth: Int) in
      ProbabilityBars.render(
        probabilities: probabilities, width: barsWidth, height: 0, style: style, title: title
      ).split(separator: "\n", omittingEmptySubsequences: false).count
    }
    let besideRoom = columns - gap - narrowestBars
    let beside = fit.tallest(lines: rows, columns: besideRoom)
    let under = fit.tallest(lines: rows - 1 - shortBars(columns), columns: columns)
    if beside >= under && beside > 0 {
      let pictureWidth = fit.columns(beside)
      let barsWidth = columns - gap - pictureWidth
      let bars = ProbabilityBars.render(
        probabilities: probabilities, width: barsWidth, height: beside, style: style, title: title)
      let picture = DigitArt.render(
        pixels: pixels, width: width, height: height, style: style, lines: beside)
      return sideBySide(picture, bars, leftWidth: pictureWidth, width: columns)
    }
    let bars = ProbabilityBars.render(
      probabilities: probabilities, width: columns, height: 0, style: style, title: title)
    guard under > 0 else { return bars }
    let picture = DigitArt.render(
      pixels: pixels, width: width, height: height, style: style, lines: under)
    return picture + "\n\n" + bars
  }

  /// `left` (lines padded to `leftWidth`) and `right` after a gap, `right` centred down the
  /// side of `left` when shorter (and `left` down `right` when it is the shorter one).
  static func sideBySide(_ left: String, _ right: String, leftWidth: Int, width: Int) -> String {
    let leftLines = left.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let rightLines = right.split(separator: "\n", omittingEmptySubsequences: false).map(
      String.init)
    let total = max(leftLines.count, rightLines.count)
    let leftTop = (total - leftLines.count) / 2
    let rightTop = (total - rightLines.count) / 2
    var lines: [String] = []
    for row in 0..<total {
      let l = leftLines.indices.contains(row - leftTop) ? leftLines[row - leftTop] : ""
      let r = rightLines.indices.contains(row - rightTop) ? rightLines[row - rightTop] : ""
      lines.append(TextLayout.padRight(l, to: leftWidth + gap) + r)
    }
    return TextLayout.finish(lines, width: width)
  }

  /// Picture sizes for one image in one style.
  struct Fit {
    let width: Int
    let height: Int
    let style: ArtStyle

    func columns(_ lines: Int) -> Int {
      DigitArt.columns(lines: lines, width: width, height: height, style: style)
    }

    /// The most lines, at most `lines`, whose picture is at most `columns` wide; 0 if none.
    func tallest(lines: Int, columns limit: Int) -> Int {
      let smallest = style.color ? 1 : 3  // a frame needs a line of picture inside it
      var best = 0
      var candidate = smallest
      while candidate <= min(lines, PixelImage.maxSide / 2) && columns(candidate) <= limit {
        best = candidate
        candidate += 1
      }
      return best
    }
  }
}

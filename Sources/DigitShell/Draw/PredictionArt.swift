import TextArt

/// A 28×28 picture and a model's probability bars, printed together (after `draw`'s Enter,
/// and by `predict`): a title line, then the framed picture with the bars beside it when
/// the width allows, else under it.
///
/// The picture is the editor's: in colour two cells per character (`▀`, 30×16 framed); in
/// ASCII each cell two characters wide (58×30 framed) when that fits, since one shade for two
/// cells would blur the thin strokes that decide look-alikes such as a 3 and a 2.
enum PredictionArt {
  /// The narrowest bars worth putting beside a picture: `> 9 |` + 8 cells + ` 100.0%`.
  static let barsMinimum = 20
  /// Columns between the picture and the bars.
  static let gap = 2

  /// `ink` is 28×28, row-major, 0…1; `probabilities` are ten fractions; lines are at most
  /// `width` columns for any width of 30 or more (the shell's is at least 40).
  static func render(
    ink: [Float], pictureTitle: String, probabilities: [Double], title: String, width: Int,
    style: ArtStyle
  ) -> String {
    let rich = style.color && style.unicode
    let side = DrawEditor.side
    let picture = DrawScreen.framed(
      CanvasArt.lines(
        ink, width: side, height: side, scale: scale(width: width, rich: rich), rich: rich),
      title: pictureTitle, rich: rich)
    let pictureWidth = picture.map(VisibleText.width).max() ?? 0
    let barsWidth = width - pictureWidth - gap
    let beside = barsWidth >= barsMinimum
    let bars = lines(
      ProbabilityBars.render(
        probabilities: probabilities, width: beside ? barsWidth : width, style: style))
    let body = beside ? Columns.join([picture, [""] + bars], gap: gap) : picture + bars
    return (heading(title, probabilities: probabilities, width: width, style: style) + body)
      .joined(separator: "\n")
  }

  /// The title as `ProbabilityBars` styles and sanitises it (bold, control characters
  /// spelled out): the lines its titled output has beyond its untitled one.
  static func heading(_ title: String, probabilities: [Double], width: Int, style: ArtStyle)
    -> [String]
  {
    func bars(_ title: String?) -> [String] {
      lines(
        ProbabilityBars.render(
          probabilities: probabilities, width: width, style: style, title: title))
    }
    let titled = bars(title)
    let plain = bars(nil)
    return Array(titled.prefix(max(0, titled.count - plain.count)))
  }

  /// Compact in colour, and in ASCII when the full-scale picture would not fit.
  static func scale(width: Int, rich: Bool) -> CanvasArt.Scale {
    rich || width < DrawLayout.panelSize(.full).width ? .compact : .full
  }

  static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }
}

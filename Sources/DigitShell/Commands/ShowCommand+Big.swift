import DigitKit
import Foundation
import TextArt

/// One digit as big as the screen, with a model's probabilities as thick bars: for showing a
/// room (`show --index I --big`, `random --big`). Sized to the terminal (80×24 when output is
/// not a terminal) so that the caption, the picture, a footer and the next prompt all fit
/// without the pager.
enum BigView {
  /// Prints `caption`, the picture and bars, then `footer` (wrapped to the screen).
  /// `model` names the model that reads the digit (default: the shipped net3).
  /// Returns the model's name and its probabilities.
  @discardableResult
  static func show(
    pixels: [UInt8], caption: String, footer: String?, model: String?, art: ArtOptions,
    in session: Session
  ) throws -> (model: String, probabilities: [Double]) {
    let (name, named) = try DrawModels.resolve(model, in: session)
    // Already MNIST-shaped: the net reads it as it is, as `predict --index` does.
    let p = Prediction.probabilities(named.model, image: pixels.map { Float($0) / 255 })
    let width = Terminal.width
    let captionLines = wrapText(caption, width: width)
    let footerLines = footer.map { wrapText($0, width: width) } ?? []
    let rows = pictureRows(
      screen: Terminal.height, around: captionLines.count + footerLines.count)
    session.console.line(captionLines.joined(separator: "\n"))
    try art.emit(to: session.console) { style in
      BigDigitArt.render(
        pixels: pixels, probabilities: p, style: style, columns: width, rows: rows,
        title: "what \(name) reads:")
    }
    if !footerLines.isEmpty { session.console.line(footerLines.joined(separator: "\n")) }
    return (name, p)
  }

  /// Lines for the picture on a screen `screen` lines tall when `around` lines of text go
  /// with it: one is kept for the command as typed and one for the next prompt (the pager
  /// leaves output of fewer than `screen` − 1 lines alone).
  static func pictureRows(screen: Int, around: Int) -> Int {
    max(1, screen - 2 - around)
  }
}

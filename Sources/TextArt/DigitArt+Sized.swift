/// One image drawn to a given height, for the big one-digit view.
extension DigitArt {
  /// The image drawn exactly `lines` lines tall (frame included), as wide as keeps its
  /// pixels square: a character cell is about twice as tall as it is wide, so a 28×28 image
  /// `lines` tall is about `2 × lines` columns wide in every style.
  ///
  /// The image is resized by area averaging (`PixelImage.resampled`), so any height works,
  /// not only whole multiples of 28. Styles draw as `render(pixels:…scale:maxWidth:)` does:
  /// colour half blocks (two pixel rows a line), grey cells, or the framed ramp.
  public static func render(
    pixels: [UInt8], width: Int = 28, height: Int = 28, style: ArtStyle, lines: Int
  ) -> String {
    let image = PixelImage(pixels: pixels, width: width, height: height)
    if image.isEmpty { return "(empty image)" }
    let size = SizedPicture(
      lines: lines, imageWidth: image.width, imageHeight: image.height, style: style)
    let big = image.resampled(width: size.pixelColumns, height: size.pixelRows)
    let width = TextLayout.widestLine
    if style.usesHalfBlocks { return TextLayout.finish(halfBlockLines(big), width: width) }
    let cells = cellLines(big, style: style, columnsPerPixel: 2)
    if style.color { return TextLayout.finish(cells, width: width) }
    return TextLayout.finish(
      framed(cells, width: size.pixelColumns * 2, unicode: style.unicode), width: width)
  }

  /// Columns taken by `render(pixels:width:height:style:lines:)` for that many lines.
  public static func columns(lines: Int, width: Int = 28, height: Int = 28, style: ArtStyle)
    -> Int
  {
    SizedPicture(lines: lines, imageWidth: width, imageHeight: height, style: style).columns
  }
}

/// The size of an image drawn `lines` lines tall with square pixels.
struct SizedPicture {
  /// Pixels across and down after resizing.
  let pixelColumns: Int
  let pixelRows: Int
  /// Terminal columns taken, frame included.
  let columns: Int

  init(lines: Int, imageWidth: Int, imageHeight: Int, style: ArtStyle) {
    let lines = min(max(1, lines), PixelImage.maxSide / 2)
    let aspect = Double(max(1, imageWidth)) / Double(max(1, imageHeight))
    let frame = style.color ? 0 : 2
    // Half blocks hold two pixel rows a line; the other styles one, under a frame without colour.
    pixelRows = style.usesHalfBlocks ? 2 * lines : max(1, lines - frame)
    // Half blocks are one column a pixel (half a line tall); the others two columns a line.
    pixelColumns = max(1, Int((Double(pixelRows) * aspect).rounded()))
    columns = style.usesHalfBlocks ? pixelColumns : 2 * pixelColumns + frame
  }
}

/// Many digit images in rows, each with a caption underneath: the "100 a
/// page" image viewer.
public enum DigitGrid {
  /// Columns between neighbouring digits.
  static let gap = 1
  /// Digits per row the automatic scale aims for.
  static let preferredColumns = 10

  /// The images as a grid that fits `options.width`.
  ///
  /// Each digit is drawn `⌈28/scale⌉` columns wide. In colour (`.rich`) a
  /// digit is upper half blocks in greys, two pixel rows per line (scale 4:
  /// 7×4 characters). Without colour it is the ramp ` .:-=+*#%@`, one
  /// character per `scale` pixels across and per 4 pixel rows down (2 at
  /// scale 1), which keeps small digits legible: scale 4 gives 7×7 characters,
  /// so ten fit in 80 columns.
  ///
  /// Captions are centred under their digit and cut to its width, for
  /// example `"7"` or `"7→2"` (true label 7, predicted 2; printed `7>2` in
  /// ASCII). Highlighted digits are drawn in red with a red caption or,
  /// without colour, get their caption framed as `!7>2!`.
  public static func render(
    images: [[UInt8]], captions: [String], options: DigitGridOptions = DigitGridOptions()
  ) -> String {
    let width = TextLayout.columns(options.width)
    if images.isEmpty { return TextLayout.finish(["(no images)"], width: width) }
    let style = options.style
    let scale = chooseScale(count: images.count, options: options)
    let cell = CellGeometry(
      scale: scale, style: style,
      imageWidth: min(max(1, options.imageWidth), PixelImage.maxSide),
      imageHeight: min(max(1, options.imageHeight), PixelImage.maxSide))
    let fitting = max(1, (width + gap) / (cell.width + gap))
    let perRow = min(images.count, max(1, min(options.columns ?? fitting, fitting)))

    var lines: [String] = []
    var start = 0
    while start < images.count {
      let indexes = Array(start..<min(images.count, start + perRow))
      let pictures = indexes.map { index in
        picture(images[index], cell: cell, style: style, marked: isMarked(index, options))
      }
      for row in 0..<cell.lines {
        var line = ""
        for (position, picture) in pictures.enumerated() {
          if position > 0 { line += String(repeating: " ", count: gap) }
          line += row < picture.count ? picture[row] : String(repeating: " ", count: cell.width)
        }
        lines.append(line)
      }
      var captionLine = StyledLine(color: style.color)
      for (position, index) in indexes.enumerated() {
        captionLine.pad(to: position * (cell.width + gap))
        let text = index < captions.count ? captions[index] : ""
        let marked = isMarked(index, options)
        let ink = marked ? Ink(foreground: Palette.bad, bold: true) : Ink.plain
        captionLine.append(caption(text, width: cell.width, style: style, marked: marked), ink)
      }
      lines.append(captionLine.finished)
      start += perRow
    }
    return TextLayout.finish(lines, width: width)
  }

  /// The scale in effect: the caller's, or the smallest (largest digits) of
  /// 1…4 that fits the wanted number of digits in one row.
  static func chooseScale(count: Int, options: DigitGridOptions) -> Int {
    if let scale = options.scale { return min(max(1, scale), 28) }
    let wanted = max(1, min(count, options.columns ?? preferredColumns))
    for scale in 1...3 {
      let cell = CellGeometry(
        scale: scale, style: options.style,
        imageWidth: min(max(1, options.imageWidth), PixelImage.maxSide),
        imageHeight: min(max(1, options.imageHeight), PixelImage.maxSide))
      if wanted * (cell.width + gap) - gap <= options.width { return scale }
    }
    return 4
  }

  private static func isMarked(_ index: Int, _ options: DigitGridOptions) -> Bool {
    guard let highlight = options.highlight, index < highlight.count else { return false }
    return highlight[index]
  }

  private static func caption(_ text: String, width: Int, style: ArtStyle, marked: Bool) -> String {
    var clean = TextLayout.sanitize(text, unicode: style.unicode)
    if marked && !style.color && visibleWidth(clean) + 2 <= width {
      clean = "!" + clean + "!"
    }
    return TextLayout.center(TextLayout.clip(clean, to: width), in: width)
  }

  private static func picture(_ pixels: [UInt8], cell: CellGeometry, style: ArtStyle, marked: Bool)
    -> [String]
  {
    let image = PixelImage(pixels: pixels, width: cell.imageWidth, height: cell.imageHeight)
      .downsampled(blockWidth: cell.blockWidth, blockHeight: cell.blockHeight)
    if style.usesHalfBlocks {
      return DigitArt.halfBlockLines(image, shade: marked ? redShade : Palette.grey)
    }
    return DigitArt.cellLines(image, style: style, columnsPerPixel: 1)
  }

  private static func redShade(_ intensity: Double) -> Int {
    let reds = Palette.reds
    let clamped = intensity.isFinite ? min(1, max(0, intensity)) : 0
    return reds[min(reds.count - 1, Int(clamped * Double(reds.count - 1) + 0.5))]
  }
}

/// Pictures of digit images: MNIST-style greyscale pixels, 0 (blank) to 255
/// (full ink), stored row by row.
public enum DigitArt {
  /// One image as text.
  ///
  /// - ASCII (and Unicode without colour): each pixel is two characters of the
  ///   ramp ` .:-=+*#%@` (Unicode: ` ░▒▓█`), so pixels look square: a 28×28
  ///   image at `scale` 1 is 56 columns by 28 lines.
  /// - Colour (`.rich`): each character is an upper half block `▀` whose
  ///   foreground is the top pixel and background the pixel below, both as
  ///   xterm greys 232–255, so a 28×28 image is 28 columns by 14 lines.
  /// - Colour without Unicode: each pixel is two spaces on a grey background.
  ///
  /// Without colour the picture is framed (`+--+` or `┌──┐`) so the image's
  /// full extent shows; in colour its dark background shows it.
  ///
  /// `scale` shrinks the image by averaging `scale`×`scale` blocks (2 gives
  /// 14×14, 4 gives 7×7). If the picture would be wider than `maxWidth`
  /// columns, the scale is raised until it fits.
  public static func render(
    pixels: [UInt8], width: Int = 28, height: Int = 28, style: ArtStyle,
    scale: Int = 1, maxWidth: Int = 80
  ) -> String {
    let maxWidth = TextLayout.columns(maxWidth)
    let image = PixelImage(pixels: pixels, width: width, height: height)
    if image.isEmpty { return TextLayout.finish(["(empty image)"], width: maxWidth) }
    let columnsPerPixel = style.usesHalfBlocks ? 1 : 2
    let frame = style.color ? 0 : 2
    var factor = min(max(1, scale), max(1, image.width))
    while factor < image.width
      && (image.width + factor - 1) / factor * columnsPerPixel + frame > maxWidth
    {
      factor += 1
    }
    let shrunk = image.downsampled(blockWidth: factor, blockHeight: factor)
    if style.usesHalfBlocks {
      return TextLayout.finish(halfBlockLines(shrunk), width: maxWidth)
    }
    let lines = cellLines(shrunk, style: style, columnsPerPixel: 2)
    if style.color { return TextLayout.finish(lines, width: maxWidth) }
    return TextLayout.finish(
      framed(lines, width: shrunk.width * 2, unicode: style.unicode), width: maxWidth)
  }

  /// `lines` (each `width` columns) inside a one-character frame.
  static func framed(_ lines: [String], width: Int, unicode: Bool) -> [String] {
    let horizontal = String(repeating: unicode ? "─" : "-", count: width)
    let side = unicode ? "│" : "|"
    let top = (unicode ? "┌" : "+") + horizontal + (unicode ? "┐" : "+")
    let bottom = (unicode ? "└" : "+") + horizontal + (unicode ? "┘" : "+")
    return [top] + lines.map { side + TextLayout.padRight($0, to: width) + side } + [bottom]
  }

  /// Two pixel rows per line, drawn as `▀` with foreground = upper pixel and
  /// background = lower pixel. `shade` maps an intensity to an xterm colour.
  static func halfBlockLines(
    _ image: PixelImage, shade: (Double) -> Int = Palette.grey
  ) -> [String] {
    var lines: [String] = []
    var y = 0
    while y < image.height {
      var line = StyledLine(color: true)
      for x in 0..<image.width {
        let top = shade(image[x, y])
        let bottom = shade(y + 1 < image.height ? image[x, y + 1] : 0)
        if top == bottom {
          line.append(" ", Ink(background: bottom))
        } else {
          line.append("▀", Ink(foreground: top, background: bottom))
        }
      }
      lines.append(line.finished)
      y += 2
    }
    return lines
  }

  /// One pixel row per line, `columnsPerPixel` characters per pixel: ramp
  /// characters, or spaces on a grey background when colour is on.
  static func cellLines(
    _ image: PixelImage, style: ArtStyle, columnsPerPixel: Int
  ) -> [String] {
    var lines: [String] = []
    for y in 0..<image.height {
      var line = StyledLine(color: style.color)
      for x in 0..<image.width {
        let intensity = image[x, y]
        if style.color {
          line.append(
            String(repeating: " ", count: columnsPerPixel),
            Ink(background: Palette.grey(intensity)))
        } else {
          let character = Palette.rampCharacter(intensity, unicode: style.unicode)
          line.append(String(repeating: character, count: columnsPerPixel))
        }
      }
      lines.append(line.finished)
    }
    return lines
  }
}

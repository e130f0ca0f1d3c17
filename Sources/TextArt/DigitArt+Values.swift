/// How `DigitArt.values` prints each pixel.
public enum PixelValueFormat: Sendable, Equatable {
  /// The stored byte: 0 (blank paper) to 255 (full ink). Zeros print as `.`
  /// so the digit's shape stands out among the numbers.
  case raw
  /// What the network is fed, as PyTorch's MNIST recipe normalises it:
  /// `(value/255 − 0.1307) / 0.3081`, to one decimal. Blank is −0.4, full ink 2.8.
  case normalised
}

extension DigitArt {
  /// The pixel values of one image as a table of numbers, row by row.
  ///
  /// Twenty-eight 3-digit numbers do not fit 80 columns, so by default
  /// (`cropToInk`) only the rows and columns that hold ink are printed, with
  /// their row and column numbers; a note says what the rest are. Columns that
  /// still do not fit `maxWidth` are printed in bands, one under the other.
  /// With colour on, each number sits on its pixel's grey.
  public static func values(
    pixels: [UInt8], width: Int = 28, height: Int = 28,
    format: PixelValueFormat = .raw, cropToInk: Bool = true,
    style: ArtStyle = .ascii, maxWidth: Int = 80
  ) -> String {
    let image = PixelImage(pixels: pixels, width: width, height: height)
    let limit = TextLayout.columns(maxWidth)
    if image.isEmpty { return TextLayout.finish(["(empty image)"], width: limit) }
    var lines = valueHeader(format: format).flatMap { wrapText($0, width: limit) }

    var rows = 0..<image.height
    var columns = 0..<image.width
    if cropToInk {
      guard let box = inkBox(image) else {
        let note =
          format == .raw
          ? "All \(image.width * image.height) pixels are 0 (blank)."
          : "All \(image.width * image.height) pixels are 0 (blank), which the network sees as -0.4."
        return TextLayout.finish(lines + wrapText(note, width: limit), width: limit)
      }
      rows = box.rows
      columns = box.columns
      if rows.count < image.height || columns.count < image.width {
        let blank = format == .raw ? "0" : "-0.4"
        let note =
          "Rows \(rows.lowerBound)-\(rows.upperBound - 1) and columns "
          + "\(columns.lowerBound)-\(columns.upperBound - 1) are shown; every other pixel is \(blank)."
        lines += wrapText(note, width: limit)
      }
    }

    let labelWidth = max(2, NumberFormat.digitCount(image.height - 1))
    let cellWidth = format == .raw ? 4 : 5
    let perBand = max(1, (limit - labelWidth) / cellWidth)
    let bandCount = (columns.count + perBand - 1) / perBand
    let bandSize = (columns.count + bandCount - 1) / max(1, bandCount)
    var start = columns.lowerBound
    while start < columns.upperBound {
      let band = start..<min(columns.upperBound, start + bandSize)
      lines.append("")
      var header = String(repeating: " ", count: labelWidth)
      for x in band { header += TextLayout.padLeft(String(x), to: cellWidth) }
      lines.append(header)
      for y in rows {
        var line = StyledLine(color: style.color)
        line.append(TextLayout.padLeft(String(y), to: labelWidth))
        for x in band {
          line.append(" ")
          let intensity = image[x, y]
          let text = TextLayout.padLeft(valueText(intensity, format: format), to: cellWidth - 1)
          line.append(text, valueInk(intensity))
        }
        lines.append(line.finished)
      }
      start = band.upperBound
    }
    return TextLayout.finish(lines, width: limit)
  }

  private static func valueHeader(format: PixelValueFormat) -> [String] {
    switch format {
    case .raw:
      return ["Pixel values: 0 = blank paper, 255 = full ink (0 is shown as \".\")."]
    case .normalised:
      return [
        "Network input: (value/255 - 0.1307) / 0.3081, to one decimal.",
        "Blank paper becomes -0.4 and full ink 2.8.",
      ]
    }
  }

  private static func valueText(_ intensity: Double, format: PixelValueFormat) -> String {
    let byte = Int((intensity * 255).rounded())
    switch format {
    case .raw:
      return byte == 0 ? "." : String(byte)
    case .normalised:
      return NumberFormat.fixed((Double(byte) / 255 - 0.1307) / 0.3081, 1)
    }
  }

  private static func valueInk(_ intensity: Double) -> Ink {
    Ink(foreground: intensity > 0.55 ? 232 : 250, background: Palette.grey(intensity))
  }

  /// The smallest rectangle holding every non-blank pixel, if any.
  static func inkBox(_ image: PixelImage) -> (rows: Range<Int>, columns: Range<Int>)? {
    var top = Int.max
    var bottom = -1
    var left = Int.max
    var right = -1
    for y in 0..<image.height {
      for x in 0..<image.width where image[x, y] > 0 {
        top = min(top, y)
        bottom = max(bottom, y)
        left = min(left, x)
        right = max(right, x)
      }
    }
    guard bottom >= 0 else { return nil }
    return (top..<(bottom + 1), left..<(right + 1))
  }
}

/// Pictures of ink images (0…1, row-major) as terminal lines: the editor's canvas, what the
/// net sees, and `random`'s MNIST image.
///
/// Two scales, both close to square cells on a terminal whose characters are twice as tall
/// as wide: `full` gives each cell two columns of one row; `compact` gives each cell one
/// column of half a row (two cells per character, `▀` with colours, or one ASCII shade).
public enum CanvasArt {
  public enum Scale: Sendable { case full, compact }

  /// The editor's cursor, drawn over the ink.
  public struct Marker: Sendable {
    public var point: CanvasPoint
    public var penDown: Bool
    public var erasing: Bool
    public init(_ point: CanvasPoint, penDown: Bool, erasing: Bool) {
      self.point = point
      self.penDown = penDown
      self.erasing = erasing
    }
  }

  /// ASCII shades from faint to full ink.
  static let ramp: [Character] = Array(":-=+*#%@")

  /// Columns a picture of `width` cells takes.
  public static func columns(_ width: Int, _ scale: Scale) -> Int {
    scale == .full ? width * 2 : width
  }
  /// Rows a picture of `height` cells takes.
  public static func rows(_ height: Int, _ scale: Scale) -> Int {
    scale == .full ? height : (height + 1) / 2
  }

  /// The picture as lines, each `columns(width, scale)` wide. `rich` uses 256-colour greys
  /// and half blocks; otherwise plain ASCII.
  public static func lines(
    _ ink: [Float], width: Int, height: Int, scale: Scale, rich: Bool,
    marker: Marker? = nil
  ) -> [String] {
    func value(_ x: Int, _ y: Int) -> Float? {
      guard y < height, x < width, y * width + x < ink.count else { return nil }
      return min(1, max(0, ink[y * width + x]))
    }
    func isMarker(_ x: Int, _ y: Int) -> Bool { marker?.point == CanvasPoint(x, y) }
    var out: [String] = []
    switch scale {
    case .full:
      for y in 0..<height {
        var line = ""
        for x in 0..<width {
          let v = value(x, y) ?? 0
          if rich {
            line += background(isMarker(x, y) ? markerColour(marker) : grey(v)) + "  "
          } else {
            line += isMarker(x, y) ? markerText(marker) : asciiPair(v)
          }
        }
        out.append(rich ? line + reset : line)
      }
    case .compact:
      for row in 0..<rows(height, .compact) {
        var line = ""
        let top = row * 2
        let bottom = row * 2 + 1
        for x in 0..<width {
          let t = value(x, top) ?? 0
          let b = value(x, bottom)
          if rich {
            let tc = isMarker(x, top) ? markerColour(marker) : grey(t)
            let bc = b == nil ? nil : (isMarker(x, bottom) ? markerColour(marker) : grey(b ?? 0))
            if let bc, bc == tc {
              line += background(bc) + " "
            } else {
              line += foreground(tc) + (bc.map(background) ?? "") + "▀"
            }
          } else if isMarker(x, top) || isMarker(x, bottom) {
            line += String(markerCharacter(marker))
          } else {
            line += String(asciiShade(((t + (b ?? t)) / 2)))
          }
        }
        out.append(rich ? line + reset : line)
      }
    }
    return out
  }

  static let reset = "\u{1B}[0m"
  static func foreground(_ c: Int) -> String { "\u{1B}[38;5;\(c)m" }
  static func background(_ c: Int) -> String { "\u{1B}[48;5;\(c)m" }

  /// xterm-256 greys 235 (blank, a shade off the usual black background) to 255 (full ink).
  static func grey(_ v: Float) -> Int { 235 + Int((v * 20).rounded()) }

  static func markerColour(_ m: Marker?) -> Int {
    guard let m else { return 235 }
    if m.erasing { return 203 }  // salmon: the eraser
    return m.penDown ? 40 : 33  // green: painting; blue: just looking
  }

  static func markerText(_ m: Marker?) -> String {
    guard let m, m.penDown else { return "[]" }
    return m.erasing ? "xx" : "<>"
  }

  /// The cursor in one ASCII character: `+` looking, `O` painting, `X` erasing.
  static func markerCharacter(_ m: Marker?) -> Character {
    guard let m, m.penDown else { return "+" }
    return m.erasing ? "X" : "O"
  }

  /// One cell at full scale: `. ` for blank, else a shade twice.
  static func asciiPair(_ v: Float) -> String {
    let c = asciiShade(v)
    return c == " " ? ". " : String([c, c])
  }

  static func asciiShade(_ v: Float) -> Character {
    guard v >= 0.05 else { return " " }
    return ramp[min(ramp.count - 1, Int(v * Float(ramp.count)))]
  }
}

/// Terminal text measured without its colour codes.
enum VisibleText {
  /// Characters a line shows (ANSI CSI sequences take no room; our art uses no wide characters).
  static func width(_ s: String) -> Int {
    var count = 0
    var inEscape = false
    var sawBracket = false
    for scalar in s.unicodeScalars {
      if inEscape {
        if !sawBracket {
          sawBracket = true
          if scalar != "[" { inEscape = false }
          continue
        }
        if (0x40...0x7E).contains(scalar.value) { inEscape = false }
        continue
      }
      if scalar == "\u{1B}" {
        inEscape = true
        sawBracket = false
        continue
      }
      count += 1
    }
    return count
  }

  /// `s` padded with spaces to `width` visible characters.
  static func pad(_ s: String, to width: Int) -> String {
    let w = self.width(s)
    return w >= width ? s : s + String(repeating: " ", count: width - w)
  }
}

/// Pictures of ink images (0…1, row-major) as terminal lines: the editor's canvas, what the
/// net sees, and `random`'s MNIST image.
///
/// Two scales, both close to square cells on a terminal whose characters are twice as tall
/// as wide: `full` gives each cell two columns of one row; `compact` gives each cell one
/// column of half a row (two cells per character, `▀` with colours, or one ASCII shade).
public enum CanvasArt {
  public enum Scale: Sendable { case full, compact }

  /// The editor's cursor, drawn over the ink, and where a line would start from.
  public struct Marker: Sendable {
    public var point: CanvasPoint
    public var penDown: Bool
    public var erasing: Bool
    /// The last point inked (the line key draws from it to the cursor); shown when it is
    /// not under the cursor.
    public var lineStart: CanvasPoint?
    public init(
      _ point: CanvasPoint, penDown: Bool, erasing: Bool, lineStart: CanvasPoint? = nil
    ) {
      self.point = point
      self.penDown = penDown
      self.erasing = erasing
      self.lineStart = lineStart == point ? nil : lineStart
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
    func isStart(_ x: Int, _ y: Int) -> Bool { marker?.lineStart == CanvasPoint(x, y) }
    /// The colour of a cell in rich mode: the cursor, the line's start, or the ink's grey.
    func colour(_ x: Int, _ y: Int, _ v: Float) -> Int {
      isMarker(x, y) ? markerColour(marker) : (isStart(x, y) ? lineStartColour : grey(v))
    }
    var out: [String] = []
    switch scale {
    case .full:
      for y in 0..<height {
        var line = ""
        for x in 0..<width {
          let v = value(x, y) ?? 0
          if rich {
            line += fullCell(colour(x, y, v))
          } else {
            line += isMarker(x, y) ? markerText(marker) : (isStart(x, y) ? "()" : asciiPair(v))
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
            line += halfBlock(top: colour(x, top, t), bottom: b.map { colour(x, bottom, $0) })
          } else if isMarker(x, top) || isMarker(x, bottom) {
            line += String(markerCharacter(marker))
          } else if isStart(x, top) || isStart(x, bottom) {
            line += "o"
          } else {
            line += String(asciiShade(((t + (b ?? t)) / 2)))
          }
        }
        out.append(rich ? line + reset : line)
      }
    }
    return out
  }

  /// One character showing two cells in colour: `▀` with the upper cell as foreground and
  /// the lower as background; `█` when both have the same ink (so a copy of the screen as
  /// plain text still shows the strokes), a space when both are blank.
  static func halfBlock(top: Int, bottom: Int?) -> String {
    guard let bottom, bottom == top else {
      return foreground(top) + (bottom.map(background) ?? "") + "▀"
    }
    return top == grey(0) ? background(top) + " " : foreground(top) + background(top) + "█"
  }

  /// One cell at full scale in colour: two full blocks in its colour (so a plain-text copy
  /// shows the ink), two spaces when it is blank.
  static func fullCell(_ colour: Int) -> String {
    colour == grey(0) ? background(colour) + "  " : foreground(colour) + background(colour) + "██"
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

  /// Yellow: where the line key would start a line.
  static let lineStartColour = 220

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

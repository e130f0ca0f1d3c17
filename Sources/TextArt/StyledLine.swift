/// Colour and weight of a run of text. `nil` colours mean the terminal default.
struct Ink: Equatable {
  var foreground: Int?
  var background: Int?
  var bold = false

  static let plain = Ink()

  init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
  }

  /// One SGR sequence that resets and then sets this ink.
  var escape: String {
    var codes = ["0"]
    if bold { codes.append("1") }
    if let foreground { codes.append("38;5;\(clampColor(foreground))") }
    if let background { codes.append("48;5;\(clampColor(background))") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
  }

  static let reset = "\u{1B}[0m"
}

private func clampColor(_ value: Int) -> Int { min(255, max(0, value)) }

/// Builds one output line, emitting an escape only when the ink changes and
/// always ending in the default ink, so colour never leaks into the next line.
/// When `color` is false every ink is ignored.
struct StyledLine {
  let color: Bool
  private(set) var text = ""
  /// Visible width so far, in terminal columns.
  private(set) var width = 0
  private var current = Ink.plain

  init(color: Bool) {
    self.color = color
  }

  mutating func append(_ piece: String, _ ink: Ink = .plain) {
    if piece.isEmpty { return }
    if color && ink != current {
      text += ink == .plain ? Ink.reset : ink.escape
      current = ink
    }
    text += piece
    width += visibleWidth(piece)
  }

  mutating func append(_ piece: Character, _ ink: Ink = .plain) {
    append(String(piece), ink)
  }

  /// Adds plain spaces until the line is `column` columns wide.
  mutating func pad(to column: Int, _ ink: Ink = .plain) {
    if column > width {
      append(String(repeating: " ", count: column - width), ink)
    }
  }

  /// The finished line, reset to the default ink if any colour was used.
  var finished: String {
    current == .plain ? text : text + Ink.reset
  }
}

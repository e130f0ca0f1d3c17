/// What the screen shows besides the editor's own state: the model's name, its answer for
/// the current drawing, and the 28×28 image it was given.
public struct DrawView: Sendable {
  public var modelName: String
  /// Ten class probabilities, or nil while the canvas is blank.
  public var probabilities: [Double]?
  /// The preprocessed image (28×28, ink 0…1), or nil while the canvas is blank.
  public var seen: [Float]?
  /// A passing message for the status line.
  public var message: String?
  /// How familiar the drawing is to the net (the gauge of `predict`), or nil while the
  /// canvas is blank, the gauge is not ready or the model has none.
  public var familiarity: Familiarity?
  /// The familiarity line while there is no `familiarity` to show: how far the gauge's
  /// first reading got, say. Nil leaves the line empty.
  public var familiarityNote: String?
  /// True while `familiarity` is for an older drawing (it is measured after a pause in the
  /// drawing): the line is then dimmed.
  public var familiarityStale = false

  public init(
    modelName: String, probabilities: [Double]? = nil, seen: [Float]? = nil, message: String? = nil,
    familiarity: Familiarity? = nil, familiarityNote: String? = nil
  ) {
    self.modelName = modelName
    self.probabilities = probabilities
    self.seen = seen
    self.message = message
    self.familiarity = familiarity
    self.familiarityNote = familiarityNote
  }
}

/// Renders the editor as text for a terminal of a given size; pure, so tests can look at it.
public enum DrawScreen {
  /// The whole screen as lines joined by "\n" (no cursor movement), each at most `width`
  /// visible characters; or one line saying the window is too small.
  public static func render(
    _ editor: DrawEditor, view: DrawView, width: Int, height: Int, rich: Bool
  ) -> String {
    guard let layout = DrawLayout.choose(width: width, height: height) else {
      return tooSmall(width: width, height: height)
    }
    return lines(editor, view: view, layout: layout, rich: rich).joined(separator: "\n")
  }

  /// "window too small: need at least W×H, have w×h".
  public static func tooSmall(width: Int, height: Int) -> String {
    let need = DrawLayout.minimum
    return
      "window too small: need at least \(need.width)×\(need.height), have \(width)×\(height) (Esc leaves)"
  }

  /// The screen's lines for a chosen layout.
  public static func lines(_ editor: DrawEditor, view: DrawView, layout: DrawLayout, rich: Bool)
    -> [String]
  {
    let marker = CanvasArt.Marker(
      editor.cursor, penDown: editor.penDown, erasing: editor.tool == .eraser,
      lineStart: editor.lastPoint)
    let canvas = framed(
      CanvasArt.lines(
        editor.canvas, width: DrawEditor.side, height: DrawEditor.side,
        scale: layout.scale, rich: rich, marker: marker),
      title: "your drawing", rich: rich)
    let seenArt =
      view.seen.map {
        CanvasArt.lines(
          $0, width: DrawEditor.side, height: DrawEditor.side, scale: .compact, rich: rich)
      } ?? blankPicture(note: "(blank)")
    let seen = framed(seenArt, title: "what \(view.modelName) sees", rich: rich)
    var bars = ProbabilityColumn.lines(view.probabilities, model: view.modelName, rich: rich)
    if !layout.showsSeen {
      bars.append("")
      bars += ["(wider window:", "what the net sees)"]
    }
    let body: [String]
    switch layout.arrangement {
    case .large: body = Columns.join([canvas, bars + seen], gap: 1)
    case .wide: body = Columns.join([canvas, seen, bars], gap: 1)
    case .tall: body = Columns.join([canvas, bars], gap: 1) + seen
    case .narrow: body = Columns.join([canvas, bars], gap: 1)
    }
    let bodyWidth = body.map(VisibleText.width).max() ?? 0
    let need = DrawLayout.needs(layout.arrangement)
    let width = max(bodyWidth, need.width)
    // The familiarity line takes a spare row (80×24 has four), so no window gets too small.
    let gauge = need.height < layout.height ? [familiarityLine(view, width: width, rich: rich)] : []
    return [statusLine(editor, view: view, width: layout.width, rich: rich)] + body + gauge
      + DrawHelp.lines(width: width).map {
        dim($0, rich)
      }
  }

  static func statusLine(_ editor: DrawEditor, view: DrawView, width: Int, rich: Bool) -> String {
    let pen = editor.penDown ? (editor.tool == .eraser ? "ERASING" : "PEN DOWN") : "pen up"
    let tool = editor.tool == .eraser ? "eraser" : "pen"
    var text =
      "draw · \(view.modelName) · \(pen) · \(tool) · \(editor.brush == .soft ? "soft" : "hard") brush"
    if !rich { text = text.replacingOccurrences(of: "·", with: "|") }
    if let note = view.message ?? editor.note { text += rich ? " · \(note)" : " | \(note)" }
    let clipped = text.count > width ? String(text.prefix(max(0, width - 3))) + "..." : text
    return rich ? "\u{1B}[1m" + clipped + CanvasArt.reset : clipped
  }

  /// One line under the pictures: the familiarity gauge in words ("99% sure, but it has
  /// never seen a 9 like this · familiarity 0.62"), yellow when unusual and red when never
  /// seen (in colour), dim while it is for an older drawing; else the note, dim; else empty.
  static func familiarityLine(_ view: DrawView, width: Int, rich: Bool) -> String {
    guard let f = view.familiarity, let p = view.probabilities else {
      return view.familiarityNote.map { dim(String($0.prefix(width)), rich) } ?? ""
    }
    var text = FamiliarityWords.line(f, probabilities: p, width: width)
    if !rich { text = text.replacingOccurrences(of: "·", with: "|") }
    guard rich else { return text }
    if view.familiarityStale { return dim(text, rich) }
    switch f.verdict {
    case .familiar: return text
    case .unusual: return "\u{1B}[33m" + text + CanvasArt.reset
    case .unlike: return "\u{1B}[1;31m" + text + CanvasArt.reset
    }
  }

  /// Lines inside a frame with a title in its top edge.
  static func framed(_ lines: [String], title: String, rich: Bool) -> [String] {
    let inner = lines.map(VisibleText.width).max() ?? 0
    let (h, v, tl, tr, bl, br) =
      rich ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
    let label = String(" \(title) ".prefix(max(0, inner - 1)))
    let top = tl + h + label + String(repeating: h, count: max(0, inner - 1 - label.count)) + tr
    let bottom = bl + String(repeating: h, count: inner) + br
    return [top] + lines.map { v + VisibleText.pad($0, to: inner) + v } + [bottom]
  }

  /// An empty compact picture with a note in its middle.
  static func blankPicture(note: String) -> [String] {
    let rows = CanvasArt.rows(DrawEditor.side, .compact)
    let width = DrawEditor.side
    return (0..<rows).map { row in
      guard row == rows / 2 else { return String(repeating: " ", count: width) }
      let left = (width - note.count) / 2
      return String(repeating: " ", count: left) + note
        + String(repeating: " ", count: width - left - note.count)
    }
  }

  static func dim(_ s: String, _ rich: Bool) -> String {
    rich ? "\u{1B}[2m" + s + CanvasArt.reset : s
  }
}

/// Blocks of lines placed side by side, each padded to its own width.
enum Columns {
  static func join(_ blocks: [[String]], gap: Int) -> [String] {
    let widths = blocks.map { $0.map(VisibleText.width).max() ?? 0 }
    let rows = blocks.map(\.count).max() ?? 0
    let spacer = String(repeating: " ", count: gap)
    return (0..<rows).map { row in
      var line = ""
      for (i, block) in blocks.enumerated() {
        let cell = row < block.count ? block[row] : ""
        line += i == blocks.count - 1 ? cell : VisibleText.pad(cell, to: widths[i]) + spacer
      }
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}

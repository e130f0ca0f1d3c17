import TextArt

/// Where the editor's parts go on a terminal of a given size, and which screen cell is
/// which canvas cell (for the mouse). The largest arrangement that fits wins:
///
/// - `large`: the canvas at full scale (two columns per cell, 28 rows), the probability
///   bars and what the net sees to its right;
/// - `wide`: three compact panels side by side (canvas, what the net sees, bars), which fits 80×24;
/// - `tall`: the compact canvas with the bars to its right and what the net sees below;
/// - `narrow`: the compact canvas and the bars only.
public struct DrawLayout: Equatable, Sendable {
  public enum Arrangement: Equatable, Sendable { case large, wide, tall, narrow }

  public let arrangement: Arrangement
  public let width: Int
  public let height: Int

  /// The screen row of the canvas's first row, below the status line and the frame's top.
  public static let canvasTop = 2
  /// The screen column of the canvas's first cell, after the frame's left side.
  public static let canvasLeft = 1
  /// Columns of the probability bars.
  public static let barsWidth = 18
  /// Lines of the probability bars: a title, ten digits, a gap, the verdict.
  public static let barsHeight = 13

  public var scale: CanvasArt.Scale { arrangement == .large ? .full : .compact }
  public var showsSeen: Bool { arrangement != .narrow }

  /// Outer size of a framed picture of the 28×28 canvas.
  static func panelSize(_ scale: CanvasArt.Scale) -> (width: Int, height: Int) {
    (CanvasArt.columns(DrawEditor.side, scale) + 2, CanvasArt.rows(DrawEditor.side, scale) + 2)
  }

  /// Columns and rows an arrangement needs (help wraps, so its height depends on the width).
  static func needs(_ arrangement: Arrangement) -> (width: Int, height: Int) {
    let full = panelSize(.full)
    let compact = panelSize(.compact)
    let body: (width: Int, height: Int)
    switch arrangement {
    case .large:
      body = (full.width + 1 + compact.width, max(full.height, barsHeight + compact.height))
    case .wide: body = (compact.width * 2 + barsWidth + 2, compact.height)
    case .tall: body = (compact.width + 1 + barsWidth, compact.height * 2)
    case .narrow: body = (compact.width + 1 + barsWidth, compact.height)
    }
    return (body.width, 1 + body.height + DrawHelp.lines(width: body.width).count)
  }

  /// The largest arrangement for `width`×`height`, or nil when even the smallest does not fit.
  public static func choose(width: Int, height: Int) -> DrawLayout? {
    for arrangement in [Arrangement.large, .wide, .tall, .narrow] {
      let need = needs(arrangement)
      if need.width <= width && need.height <= height {
        return DrawLayout(arrangement: arrangement, width: width, height: height)
      }
    }
    return nil
  }

  /// The smallest window the editor works in.
  public static var minimum: (width: Int, height: Int) { needs(.narrow) }

  /// A mouse event in screen cells as canvas cells. A press outside the canvas is ignored
  /// (nil); drags and releases outside it are passed on for the editor to clamp to the edge.
  /// At compact scale a character holds two canvas rows; the mouse lands on the upper one.
  public func canvasEvent(_ event: MouseEvent) -> MouseEvent? {
    let column = event.x - Self.canvasLeft
    let row = event.y - Self.canvasTop
    let x = scale == .full ? (column >= 0 ? column / 2 : -1) : column
    let y = scale == .full ? row : (row >= 0 ? row * 2 : -1)
    let inside = (0..<DrawEditor.side).contains(x) && (0..<DrawEditor.side).contains(y)
    if event.kind == .press && !inside { return nil }
    return MouseEvent(event.kind, event.button, x: x, y: y)
  }
}

/// The one-line (or wrapped) key help under the editor.
enum DrawHelp {
  static let items = [
    "arrows/hjkl move", "yubn diagonally", "Shift: 4 cells", "space pen up/down",
    "- line from last point", "e eraser", "s soft/hard brush", "c clear", "z undo", "r redo",
    "Enter keep", "Esc leave", "mouse draws (right button erases)",
  ]

  /// The help wrapped to `width` columns, items two spaces apart (an item breaks only
  /// when it alone is wider than a line).
  static func lines(width: Int) -> [String] {
    wrapWords(items, width: width, gap: 2)
  }
}

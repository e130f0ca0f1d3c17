/// One thing the learner did in the drawing editor, already decoded from terminal bytes.
public enum EditorKey: Equatable, Sendable {
  /// One cell: arrows or `k` `j` `h` `l`.
  case up, down, left, right
  /// One cell diagonally: `y` `u` `b` `n`, as in vi-style roguelikes, or Home, PgUp, End,
  /// PgDn (where a numeric keypad has 7, 9, 1 and 3).
  case upLeft, upRight, downLeft, downRight
  /// Shift with a move (`H` … `N`, Shift+arrows): `DrawEditor.jumpLength` cells in the
  /// direction (dx, dy), each -1, 0 or 1 (y grows downwards); a pen that is down paints
  /// the whole way.
  case jump(dx: Int, dy: Int)
  /// Space: lift or lower the pen (painting happens while it is down and the cursor moves).
  case togglePen
  /// `-`: ink the straight line from the last point inked to the cursor, whether the pen is
  /// up or down (Bresenham); the first `-` on a blank canvas only marks where a line starts.
  case line
  /// `e`: switch between pen and eraser.
  case toggleEraser
  /// `s`: switch between the soft brush (ink spreads like a pen stroke) and the hard one
  /// (one cell).
  case toggleBrush
  /// `c`: wipe the canvas and put the cursor back in the middle (undo brings the ink back).
  case clear
  /// `z` or Ctrl-Z: take back the last step (a move that inked, a line, a dot, a clear, a
  /// mouse stroke).
  case undo
  /// `r`, `Z` or Ctrl-Y: do again what undo took back.
  case redo
  /// Enter: leave and keep the drawing.
  case keep
  /// Esc, `q`, Ctrl-C, Ctrl-D: leave without keeping.
  case leave
  /// A mouse button pressed, dragged or released. `KeyDecoder` reports screen cells
  /// (0-based column and row); `DrawLayout.canvasEvent(_:)` turns them into canvas cells,
  /// which is what `DrawEditor` expects.
  case mouse(MouseEvent)

  /// The cell step of a one-cell move key, or nil for other keys.
  public var step: (dx: Int, dy: Int)? {
    switch self {
    case .up: return (0, -1)
    case .down: return (0, 1)
    case .left: return (-1, 0)
    case .right: return (1, 0)
    case .upLeft: return (-1, -1)
    case .upRight: return (1, -1)
    case .downLeft: return (-1, 1)
    case .downRight: return (1, 1)
    default: return nil
    }
  }
}

/// A mouse report (xterm SGR mode).
public struct MouseEvent: Equatable, Sendable {
  public enum Kind: Equatable, Sendable { case press, drag, release }
  public enum Button: Equatable, Sendable { case left, middle, right }

  public var kind: Kind
  public var button: Button
  public var x: Int
  public var y: Int

  public init(_ kind: Kind, _ button: Button = .left, x: Int, y: Int) {
    self.kind = kind
    self.button = button
    self.x = x
    self.y = y
  }
}

/// What the editor wants after a key: go on, or leave (keeping the drawing or not).
public enum EditorAction: Equatable, Sendable {
  case `continue`
  case keep
  case leave
}

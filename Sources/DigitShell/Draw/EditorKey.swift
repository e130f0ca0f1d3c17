/// One thing the learner did in the drawing editor, already decoded from terminal bytes.
public enum EditorKey: Equatable, Sendable {
  case up, down, left, right
  /// Space: lift or lower the pen (painting happens while it is down and the cursor moves).
  case togglePen
  /// `e`: switch between pen and eraser.
  case toggleEraser
  /// `b`: switch between the soft brush (ink spreads like a pen stroke) and the hard one (one cell).
  case toggleBrush
  /// `c`: wipe the canvas (undo brings it back).
  case clear
  /// `u`: take back the last stroke.
  case undo
  /// Enter: leave and keep the drawing.
  case keep
  /// Esc, `q`, Ctrl-C, Ctrl-D: leave without keeping.
  case leave
  /// A mouse button pressed, dragged or released. `KeyDecoder` reports screen cells
  /// (0-based column and row); `DrawLayout.canvasEvent(_:)` turns them into canvas cells,
  /// which is what `DrawEditor` expects.
  case mouse(MouseEvent)
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

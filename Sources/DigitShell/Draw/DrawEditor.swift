import DigitKit

/// A cell of the editor's canvas, 0-based from the top left.
public struct CanvasPoint: Equatable, Hashable, Sendable {
  public var x: Int
  public var y: Int
  public init(_ x: Int, _ y: Int) {
    self.x = x
    self.y = y
  }
}

/// The drawing editor without a terminal: a 28×28 canvas of ink (0…1), a cursor that moves
/// one cell (straight or diagonally) or `jumpLength` cells, a pen that paints while it is
/// down and the cursor moves, straight lines from the last point inked, an eraser, a soft
/// and a hard brush, clear, and undo and redo step by step. Keys go in through
/// `handle(_:)`; a screen reads the state.
public struct DrawEditor: Sendable {
  /// The canvas is MNIST's size, so what the learner draws is what the net's input could be.
  public static let side = 28
  /// Cells a Shift+move goes.
  public static let jumpLength = 4
  /// Steps kept for undo; older ones are forgotten (each is a 28×28 snapshot, 3 KB).
  public static let undoLimit = 1000
  /// Where the cursor starts, and where clear puts it back.
  public static let centre = CanvasPoint(side / 2, side / 2)

  public enum Tool: Sendable { case pen, eraser }
  public enum Brush: Sendable { case soft, hard }

  /// Ink per cell, row-major, 0 (blank) to 1 (full).
  public internal(set) var canvas: [Float]
  public internal(set) var cursor = centre
  /// Where ink last went (the end of the last move, line, dot or mouse stroke): the line
  /// key draws from here. Nil on a fresh or cleared canvas.
  public internal(set) var lastPoint: CanvasPoint?
  public private(set) var penDown = false
  public private(set) var tool: Tool = .pen
  public private(set) var brush: Brush = .soft
  /// Goes up whenever the ink changes, so a screen knows when to ask the net again.
  public internal(set) var revision = 0
  /// One line about the last key when it did nothing visible (e.g. "nothing to undo").
  public internal(set) var note: String?

  /// What undo and redo go back to, most recent last.
  var undoStack: [Step] = []
  var redoStack: [Step] = []
  /// The state before the step being made (a mouse stroke spans several events).
  var openStep: Snapshot?
  /// Where the mouse was last seen while a button is held, and what that button does.
  private var mouseAt: CanvasPoint?
  private var mouseTool: Tool?

  /// An editor with a blank canvas, or with `drawing` on it: pasted in the middle when it
  /// fits in 28×28, else made MNIST-like (cropped, scaled to 20 pixels, centred).
  public init(drawing: Drawing? = nil) {
    canvas = [Float](repeating: 0, count: Self.side * Self.side)
    guard let drawing else { return }
    if drawing.width <= Self.side && drawing.height <= Self.side {
      let left = (Self.side - drawing.width) / 2
      let top = (Self.side - drawing.height) / 2
      for y in 0..<drawing.height {
        for x in 0..<drawing.width {
          canvas[(top + y) * Self.side + left + x] = min(1, max(0, drawing[x, y]))
        }
      }
    } else if let image = try? Preprocess.mnistImage(drawing) {
      canvas = image
      note = "the drawing was \(drawing.width)×\(drawing.height): scaled to fit 28×28"
    }
  }

  /// The canvas as a 28×28 drawing.
  public var drawing: Drawing { Drawing(width: Self.side, height: Self.side, ink: canvas) }

  public subscript(x: Int, y: Int) -> Float { canvas[y * Self.side + x] }

  /// Applies one key and says whether to go on or leave.
  public mutating func handle(_ key: EditorKey) -> EditorAction {
    note = nil
    if case .mouse(let event) = key {
      handleMouse(event)
      return .continue
    }
    closeStep()
    if let step = key.step {
      move(dx: step.dx, dy: step.dy, cells: 1)
      return .continue
    }
    switch key {
    case .jump(let dx, let dy): move(dx: dx, dy: dy, cells: Self.jumpLength)
    case .togglePen:
      penDown.toggle()
      if penDown { dot() }
    case .toggleEraser:
      tool = tool == .pen ? .eraser : .pen
      if penDown { dot() }
    case .toggleBrush:
      brush = brush == .soft ? .hard : .soft
      if penDown { dot() }
    case .line: drawLine()
    case .clear: clear()
    case .undo: undo()
    case .redo: redo()
    case .keep: return .keep
    case .leave: return .leave
    default: break
    }
    return .continue
  }

  /// Moves `cells` cells in direction (dx, dy), stopping at the edge; with the pen down the
  /// brush goes down on every cell of the way, as one step.
  private mutating func move(dx: Int, dy: Int, cells: Int) {
    let next = Self.clamped(CanvasPoint(cursor.x + dx * cells, cursor.y + dy * cells))
    guard next != cursor else { return }
    guard penDown else {
      cursor = next
      return
    }
    inkStep {
      for p in Self.line(from: $0.cursor, to: next).dropFirst() { $0.stamp(at: p, with: $0.tool) }
      $0.cursor = next
      $0.lastPoint = next
    }
  }

  /// The brush once at the cursor, as one step.
  private mutating func dot() {
    inkStep {
      $0.stamp(at: $0.cursor, with: $0.tool)
      $0.lastPoint = $0.cursor
    }
  }

  /// Ink from the last point to the cursor with the current tool; with no last point,
  /// a dot where the line will start.
  private mutating func drawLine() {
    guard let from = lastPoint else {
      dot()
      note = "a line starts here: move, then - again"
      return
    }
    inkStep {
      for p in Self.line(from: from, to: $0.cursor) { $0.stamp(at: p, with: $0.tool) }
      $0.lastPoint = $0.cursor
    }
  }

  /// A blank canvas, the pen up and the cursor in the middle, as one step.
  private mutating func clear() {
    penDown = false
    guard canvas.contains(where: { $0 > 0 }) else {
      cursor = Self.centre
      lastPoint = nil
      note = "the canvas is already blank"
      return
    }
    inkStep {
      $0.canvas = [Float](repeating: 0, count: $0.canvas.count)
      $0.revision += 1
      $0.cursor = Self.centre
      $0.lastPoint = nil
    }
  }

  /// Left button paints with the current tool, right button erases; a drag paints the
  /// straight line from where the mouse was, so fast strokes have no gaps. A press, its
  /// drags and its release are one step.
  private mutating func handleMouse(_ event: MouseEvent) {
    let point = Self.clamped(CanvasPoint(event.x, event.y))
    switch event.kind {
    case .press, .drag:
      guard event.button != .middle else { return }
      if event.kind == .press || mouseAt == nil {
        closeStep()
        beginStep()
        mouseTool = event.button == .right ? .eraser : tool
        stamp(at: point, with: mouseTool ?? tool)
      } else if let from = mouseAt {
        for p in Self.line(from: from, to: point).dropFirst() {
          stamp(at: p, with: mouseTool ?? tool)
        }
      }
      mouseAt = point
      cursor = point
      lastPoint = point
    case .release:
      if let from = mouseAt, from != point {
        for p in Self.line(from: from, to: point).dropFirst() {
          stamp(at: p, with: mouseTool ?? tool)
        }
        cursor = point
        lastPoint = point
      }
      mouseAt = nil
      mouseTool = nil
      closeStep()
    }
  }

  /// Puts the brush down once at `point`: the pen keeps the larger ink, the eraser the smaller
  /// of what is there and what the brush leaves.
  private mutating func stamp(at point: CanvasPoint, with tool: Tool) {
    var changed = false
    for (dx, dy, weight) in Self.footprint(brush) {
      let x = point.x + dx
      let y = point.y + dy
      guard (0..<Self.side).contains(x), (0..<Self.side).contains(y) else { continue }
      let i = y * Self.side + x
      let value = tool == .pen ? max(canvas[i], weight) : min(canvas[i], 1 - weight)
      if value != canvas[i] {
        canvas[i] = value
        changed = true
      }
    }
    if changed { revision += 1 }
  }
}

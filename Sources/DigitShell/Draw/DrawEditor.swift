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

/// The drawing editor without a terminal: a 28×28 canvas of ink (0…1), a cursor, a pen
/// that paints while it is down and the cursor moves, an eraser, a soft and a hard brush,
/// clear, and undo by strokes. Keys go in through `handle(_:)`; a screen reads the state.
public struct DrawEditor: Sendable {
  /// The canvas is MNIST's size, so what the learner draws is what the net's input could be.
  public static let side = 28
  /// Strokes kept for undo; older ones are forgotten.
  public static let undoLimit = 200

  public enum Tool: Sendable { case pen, eraser }
  public enum Brush: Sendable { case soft, hard }

  /// Ink per cell, row-major, 0 (blank) to 1 (full).
  public private(set) var canvas: [Float]
  public private(set) var cursor = CanvasPoint(side / 2, side / 2)
  public private(set) var penDown = false
  public private(set) var tool: Tool = .pen
  public private(set) var brush: Brush = .soft
  /// Goes up whenever the ink changes, so a screen knows when to ask the net again.
  public private(set) var revision = 0
  /// One line about the last key when it did nothing visible (e.g. "nothing to undo").
  public private(set) var note: String?

  /// Canvas snapshots taken at the start of each stroke (and before clear).
  private var undoStack: [[Float]] = []
  private var strokeOpen = false
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

  /// Whether there is a stroke (or a clear) to take back.
  public var canUndo: Bool { !undoStack.isEmpty }

  /// Applies one key and says whether to go on or leave.
  public mutating func handle(_ key: EditorKey) -> EditorAction {
    note = nil
    switch key {
    case .up: move(dx: 0, dy: -1)
    case .down: move(dx: 0, dy: 1)
    case .left: move(dx: -1, dy: 0)
    case .right: move(dx: 1, dy: 0)
    case .togglePen:
      closeStroke()
      penDown.toggle()
      if penDown { stamp(at: cursor, with: tool) }
    case .toggleEraser:
      closeStroke()
      tool = tool == .pen ? .eraser : .pen
      if penDown { stamp(at: cursor, with: tool) }
    case .toggleBrush:
      closeStroke()
      brush = brush == .soft ? .hard : .soft
      if penDown { stamp(at: cursor, with: tool) }
    case .clear:
      closeStroke()
      penDown = false
      if canvas.contains(where: { $0 > 0 }) {
        remember(canvas)
        canvas = [Float](repeating: 0, count: canvas.count)
        revision += 1
      } else {
        note = "the canvas is already blank"
      }
    case .undo:
      closeStroke()
      penDown = false
      if let previous = undoStack.popLast() {
        canvas = previous
        revision += 1
      } else {
        note = "nothing to undo"
      }
    case .keep:
      closeStroke()
      return .keep
    case .leave:
      closeStroke()
      return .leave
    case .mouse(let event):
      handleMouse(event)
    }
    return .continue
  }

  private mutating func move(dx: Int, dy: Int) {
    let next = Self.clamped(CanvasPoint(cursor.x + dx, cursor.y + dy))
    guard next != cursor else { return }
    cursor = next
    if penDown { stamp(at: cursor, with: tool) }
  }

  /// Left button paints with the current tool, right button erases; a drag paints the
  /// straight line from where the mouse was, so fast strokes have no gaps.
  private mutating func handleMouse(_ event: MouseEvent) {
    let point = Self.clamped(CanvasPoint(event.x, event.y))
    switch event.kind {
    case .press, .drag:
      guard event.button != .middle else { return }
      if event.kind == .press || mouseAt == nil {
        closeStroke()
        mouseTool = event.button == .right ? .eraser : tool
        stamp(at: point, with: mouseTool ?? tool)
      } else if let from = mouseAt {
        for p in Self.line(from: from, to: point).dropFirst() {
          stamp(at: p, with: mouseTool ?? tool)
        }
      }
      mouseAt = point
      cursor = point
    case .release:
      if let from = mouseAt, from != point {
        for p in Self.line(from: from, to: point).dropFirst() {
          stamp(at: p, with: mouseTool ?? tool)
        }
        cursor = point
      }
      mouseAt = nil
      mouseTool = nil
      closeStroke()
    }
  }

  /// Puts the brush down once at `point`: the pen keeps the larger ink, the eraser the smaller
  /// of what is there and what the brush leaves.
  private mutating func stamp(at point: CanvasPoint, with tool: Tool) {
    if !strokeOpen {
      remember(canvas)
      strokeOpen = true
    }
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

  private mutating func remember(_ snapshot: [Float]) {
    undoStack.append(snapshot)
    if undoStack.count > Self.undoLimit { undoStack.removeFirst(undoStack.count - Self.undoLimit) }
  }

  /// Ends the current stroke; a stroke that changed nothing leaves nothing to undo.
  private mutating func closeStroke() {
    guard strokeOpen else { return }
    strokeOpen = false
    if undoStack.last == canvas { undoStack.removeLast() }
  }
}

extension DrawEditor {
  /// The cells a brush inks, with how much. The soft brush is a pen nib's blur: full in the
  /// middle, half on the four sides, a quarter on the corners.
  public static func footprint(_ brush: Brush) -> [(dx: Int, dy: Int, weight: Float)] {
    switch brush {
    case .hard:
      return [(0, 0, 1)]
    case .soft:
      var cells: [(dx: Int, dy: Int, weight: Float)] = []
      for dy in -1...1 {
        for dx in -1...1 {
          let weight: Float = dx == 0 && dy == 0 ? 1 : (dx == 0 || dy == 0 ? 0.5 : 0.25)
          cells.append((dx, dy, weight))
        }
      }
      return cells
    }
  }

  /// The cells of the straight line from `a` to `b`, both included (Bresenham).
  public static func line(from a: CanvasPoint, to b: CanvasPoint) -> [CanvasPoint] {
    var points: [CanvasPoint] = []
    let dx = abs(b.x - a.x)
    let dy = -abs(b.y - a.y)
    let sx = a.x < b.x ? 1 : -1
    let sy = a.y < b.y ? 1 : -1
    var x = a.x
    var y = a.y
    var error = dx + dy
    while true {
      points.append(CanvasPoint(x, y))
      if x == b.x && y == b.y { break }
      let e2 = 2 * error
      if e2 >= dy {
        error += dy
        x += sx
      }
      if e2 <= dx {
        error += dx
        y += sy
      }
    }
    return points
  }

  static func clamped(_ p: CanvasPoint) -> CanvasPoint {
    CanvasPoint(min(max(p.x, 0), side - 1), min(max(p.y, 0), side - 1))
  }
}

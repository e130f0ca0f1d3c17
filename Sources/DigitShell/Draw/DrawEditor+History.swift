/// Undo and redo, step by step. A step is one key that changed the ink (a move with the pen
/// down, a dot, a line, a clear) or one mouse stroke; moves with the pen up are not steps.
/// Undo puts back the ink, the cursor and the last point as they were before the step, so
/// pressing it again and again walks a stroke back cell by cell; redo puts them as they were
/// after it. Any new step forgets what redo could bring back.
extension DrawEditor {
  /// The part of the editor a step changes.
  struct Snapshot: Equatable, Sendable {
    var canvas: [Float]
    var cursor: CanvasPoint
    var lastPoint: CanvasPoint?
  }

  /// One step: the state before it (what undo restores) and after it (what redo restores).
  struct Step: Sendable {
    var before: Snapshot
    var after: Snapshot
  }

  /// Whether there is a step to take back.
  public var canUndo: Bool { !undoStack.isEmpty }
  /// Whether there is an undone step to do again.
  public var canRedo: Bool { !redoStack.isEmpty }

  var snapshot: Snapshot { Snapshot(canvas: canvas, cursor: cursor, lastPoint: lastPoint) }

  /// Runs `change` as one step.
  mutating func inkStep(_ change: (inout DrawEditor) -> Void) {
    beginStep()
    change(&self)
    closeStep()
  }

  /// Remembers the state before a step, unless a step is already open.
  mutating func beginStep() {
    if openStep == nil { openStep = snapshot }
  }

  /// Ends the open step; one that left the ink as it was leaves nothing to undo.
  mutating func closeStep() {
    guard let before = openStep else { return }
    openStep = nil
    guard before.canvas != canvas else { return }
    remember(Step(before: before, after: snapshot), on: &undoStack)
    redoStack = []
  }

  mutating func undo() {
    guard let step = undoStack.popLast() else {
      note = "nothing to undo"
      return
    }
    redoStack.append(step)
    restore(step.before)
  }

  mutating func redo() {
    guard let step = redoStack.popLast() else {
      note = "nothing to redo"
      return
    }
    undoStack.append(step)
    restore(step.after)
  }

  private mutating func restore(_ state: Snapshot) {
    if state.canvas != canvas { revision += 1 }
    canvas = state.canvas
    cursor = state.cursor
    lastPoint = state.lastPoint
  }

  private func remember(_ step: Step, on stack: inout [Step]) {
    stack.append(step)
    if stack.count > Self.undoLimit { stack.removeFirst(stack.count - Self.undoLimit) }
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

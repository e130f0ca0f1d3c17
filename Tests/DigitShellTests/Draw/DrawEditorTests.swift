import DigitKit
import DigitShell
import XCTest

/// The editor's key handling, driven without a terminal.
final class DrawEditorTests: XCTestCase {
  /// Sends keys in order; fails if any of them asks to leave.
  func press(
    _ editor: inout DrawEditor, _ keys: [EditorKey], file: StaticString = #filePath,
    line: UInt = #line
  ) {
    for key in keys {
      XCTAssertEqual(editor.handle(key), .continue, "\(key)", file: file, line: line)
    }
  }

  func inked(_ editor: DrawEditor) -> Set<CanvasPoint> {
    var cells = Set<CanvasPoint>()
    for y in 0..<DrawEditor.side {
      for x in 0..<DrawEditor.side where editor[x, y] > 0 { cells.insert(CanvasPoint(x, y)) }
    }
    return cells
  }

  func testStartsBlankWithTheCursorInTheMiddleAndThePenUp() {
    let editor = DrawEditor()
    XCTAssertTrue(editor.drawing.isBlank)
    XCTAssertEqual(editor.drawing.width, 28)
    XCTAssertEqual(editor.cursor, CanvasPoint(14, 14))
    XCTAssertFalse(editor.penDown)
    XCTAssertEqual(editor.tool, .pen)
    XCTAssertEqual(editor.brush, .soft)
  }

  func testMovingWithThePenUpPaintsNothing() {
    var editor = DrawEditor()
    press(&editor, [.left, .left, .up, .right, .down, .down])
    XCTAssertEqual(editor.cursor, CanvasPoint(13, 15))
    XCTAssertTrue(editor.drawing.isBlank)
    XCTAssertEqual(editor.revision, 0)
  }

  func testTheCursorStopsAtTheEdges() {
    var editor = DrawEditor()
    press(&editor, Array(repeating: .left, count: 40) + Array(repeating: .up, count: 40))
    XCTAssertEqual(editor.cursor, CanvasPoint(0, 0))
    press(&editor, Array(repeating: .right, count: 40) + Array(repeating: .down, count: 40))
    XCTAssertEqual(editor.cursor, CanvasPoint(27, 27))
  }

  func testTheHardPenPaintsOneCellPerStepWhileDown() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .togglePen, .right, .right, .down, .togglePen, .right])
    XCTAssertEqual(
      inked(editor),
      [CanvasPoint(14, 14), CanvasPoint(15, 14), CanvasPoint(16, 14), CanvasPoint(16, 15)])
    XCTAssertEqual(editor[16, 15], 1)
    XCTAssertEqual(editor[17, 15], 0, "the pen was lifted before the last move")
  }

  func testTheSoftBrushSpreadsInkLikeAPenNib() {
    var editor = DrawEditor()
    press(&editor, [.togglePen])
    XCTAssertEqual(editor[14, 14], 1)
    for (x, y) in [(13, 14), (15, 14), (14, 13), (14, 15)] {
      XCTAssertEqual(editor[x, y], 0.5, "side \(x),\(y)")
    }
    for (x, y) in [(13, 13), (15, 13), (13, 15), (15, 15)] {
      XCTAssertEqual(editor[x, y], 0.25, "corner \(x),\(y)")
    }
    XCTAssertEqual(inked(editor).count, 9)
    // Moving right: the old centre stays full (max, not sum), its right side becomes a centre.
    press(&editor, [.right])
    XCTAssertEqual(editor[14, 14], 1)
    XCTAssertEqual(editor[15, 14], 1)
    XCTAssertEqual(editor[15, 13], 0.5)
    XCTAssertEqual(editor[16, 13], 0.25)
    XCTAssertEqual(editor[13, 13], 0.25)
  }

  func testTheEraserTakesInkAway() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .togglePen, .right, .right, .right, .togglePen])
    XCTAssertEqual(inked(editor).count, 4)
    press(&editor, [.toggleEraser, .left, .togglePen, .left])
    XCTAssertEqual(editor.tool, .eraser)
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 14), CanvasPoint(17, 14)])
  }

  func testTheSoftEraserLeavesLessInkAroundIt() {
    var editor = DrawEditor(
      drawing: Drawing(width: 28, height: 28, ink: [Float](repeating: 1, count: 784)))
    press(&editor, [.toggleEraser, .togglePen])
    XCTAssertEqual(editor[14, 14], 0)
    XCTAssertEqual(editor[15, 14], 0.5)
    XCTAssertEqual(editor[15, 15], 0.75)
    XCTAssertEqual(editor[16, 14], 1)
  }

  func testClearWipesAndUndoBringsItBack() {
    var editor = DrawEditor()
    press(&editor, [.togglePen, .down, .down, .togglePen])
    let drawn = editor.canvas
    press(&editor, [.clear])
    XCTAssertTrue(editor.drawing.isBlank)
    XCTAssertFalse(editor.penDown)
    press(&editor, [.undo])
    XCTAssertEqual(editor.canvas, drawn)
  }

  func testUndoAndRedoGoOneStepAtATimeWithTheCursor() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .togglePen])  // step 1: a dot at (14, 14)
    let dot = editor.canvas
    press(&editor, [.right, .right])  // steps 2 and 3
    let stroke = editor.canvas
    press(&editor, [.togglePen, .down, .down])  // pen up: moving is no step
    press(&editor, [.undo])
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 14), CanvasPoint(15, 14)])
    XCTAssertEqual(editor.cursor, CanvasPoint(15, 14), "the cursor goes back with the ink")
    press(&editor, [.undo])
    XCTAssertEqual(editor.canvas, dot)
    XCTAssertEqual(editor.cursor, CanvasPoint(14, 14))
    press(&editor, [.undo])
    XCTAssertTrue(editor.drawing.isBlank)
    XCTAssertFalse(editor.canUndo)
    press(&editor, [.undo])
    XCTAssertEqual(editor.note, "nothing to undo")
    press(&editor, [.redo, .redo, .redo])
    XCTAssertEqual(editor.canvas, stroke)
    XCTAssertEqual(editor.cursor, CanvasPoint(16, 14), "where the last step ended")
    press(&editor, [.redo])
    XCTAssertEqual(editor.note, "nothing to redo")
  }

  func testANewStepForgetsWhatRedoCouldBringBack() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .togglePen, .right, .right, .undo])
    XCTAssertTrue(editor.canRedo)
    press(&editor, [.up])  // the pen is still down: a new step
    XCTAssertFalse(editor.canRedo)
    XCTAssertEqual(
      inked(editor), [CanvasPoint(14, 14), CanvasPoint(15, 14), CanvasPoint(15, 13)])
  }

  func testDiagonalMoves() {
    var editor = DrawEditor()
    press(&editor, [.upLeft])
    XCTAssertEqual(editor.cursor, CanvasPoint(13, 13))
    press(&editor, [.upRight, .upRight])
    XCTAssertEqual(editor.cursor, CanvasPoint(15, 11))
    press(&editor, [.downLeft])
    XCTAssertEqual(editor.cursor, CanvasPoint(14, 12))
    press(&editor, [.toggleBrush, .togglePen, .downRight, .downRight])
    XCTAssertEqual(
      inked(editor), [CanvasPoint(14, 12), CanvasPoint(15, 13), CanvasPoint(16, 14)],
      "a diagonal stroke has no staircase")
  }

  func testAJumpGoesFourCellsPaintsTheWayAndStopsAtTheEdge() {
    var editor = DrawEditor()
    press(&editor, [.jump(dx: 0, dy: -1)])
    XCTAssertEqual(editor.cursor, CanvasPoint(14, 10))
    XCTAssertTrue(editor.drawing.isBlank)
    press(&editor, [.toggleBrush, .togglePen, .jump(dx: 1, dy: 1)])
    XCTAssertEqual(editor.cursor, CanvasPoint(18, 14))
    XCTAssertEqual(inked(editor).count, 5)
    press(&editor, [.undo])
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 10)], "a jump is one step")
    press(&editor, [.togglePen] + Array(repeating: .jump(dx: -1, dy: 0), count: 5))
    XCTAssertEqual(editor.cursor, CanvasPoint(0, 10))
  }

  func testTheLineKeyInksFromTheLastPointToTheCursorAsOneStep() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .line])
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 14)], "the first line only marks its start")
    XCTAssertEqual(editor.note, "a line starts here: move, then - again")
    press(&editor, [.jump(dx: 1, dy: 0), .jump(dx: 1, dy: 0), .down, .down, .down])
    XCTAssertTrue(editor.canUndo)
    XCTAssertFalse(editor.penDown)
    press(&editor, [.line])
    let line = DrawEditor.line(from: CanvasPoint(14, 14), to: CanvasPoint(22, 17))
    XCTAssertEqual(inked(editor), Set(line))
    XCTAssertEqual(line.count, 9)
    XCTAssertEqual(editor.lastPoint, CanvasPoint(22, 17))
    press(&editor, [.down, .down, .line])
    XCTAssertEqual(inked(editor).count, 11, "lines chain: the next starts where one ended")
    press(&editor, [.undo, .undo])
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 14)], "each line is one undo step")
    XCTAssertEqual(editor.lastPoint, CanvasPoint(14, 14))
  }

  func testTheLineKeyErasesWithTheEraser() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush, .togglePen, .right, .right, .right, .right, .togglePen])
    press(&editor, [.left, .left, .left, .toggleEraser, .line])
    XCTAssertEqual(inked(editor), [CanvasPoint(14, 14)], "erased from (18, 14) to (15, 14)")
  }

  func testClearPutsTheCursorBackInTheMiddleAndUndoBringsItAllBack() {
    var editor = DrawEditor()
    press(&editor, [.togglePen, .jump(dx: 1, dy: 1), .jump(dx: 1, dy: 1)])
    let drawn = editor.canvas
    press(&editor, [.clear])
    XCTAssertEqual(editor.cursor, DrawEditor.centre)
    XCTAssertNil(editor.lastPoint)
    XCTAssertFalse(editor.penDown)
    press(&editor, [.line])
    XCTAssertEqual(editor.note, "a line starts here: move, then - again")
    press(&editor, [.undo, .undo])
    XCTAssertEqual(editor.canvas, drawn)
    XCTAssertEqual(editor.cursor, CanvasPoint(22, 22))
    XCTAssertEqual(editor.lastPoint, CanvasPoint(22, 22))
    press(&editor, [.upLeft, .clear])
    XCTAssertEqual(editor.cursor, DrawEditor.centre, "clear recentres a blank canvas too")
  }

  func testAStepThatChangesNothingLeavesNothingToUndo() {
    var editor = DrawEditor()
    press(&editor, [.togglePen, .togglePen])
    XCTAssertTrue(editor.canUndo)
    press(&editor, [.togglePen, .togglePen])  // paints over the same full cells
    press(&editor, [.undo])
    XCTAssertTrue(
      editor.drawing.isBlank, "one undo takes back the only step that changed the ink")
  }

  func testEnterKeepsAndEscapeLeaves() {
    var editor = DrawEditor()
    XCTAssertEqual(editor.handle(.keep), .keep)
    XCTAssertEqual(editor.handle(.leave), .leave)
  }

  func testMouseDragPaintsAConnectedLineAndRightButtonErases() {
    var editor = DrawEditor()
    press(&editor, [.toggleBrush])
    press(
      &editor,
      [
        .mouse(MouseEvent(.press, x: 2, y: 2)), .mouse(MouseEvent(.drag, x: 8, y: 5)),
        .mouse(MouseEvent(.release, x: 8, y: 5)),
      ])
    let line = Set(DrawEditor.line(from: CanvasPoint(2, 2), to: CanvasPoint(8, 5)))
    XCTAssertEqual(inked(editor), line)
    XCTAssertEqual(line.count, 7)
    XCTAssertEqual(editor.cursor, CanvasPoint(8, 5))
    XCTAssertEqual(editor.tool, .pen)
    press(
      &editor,
      [
        .mouse(MouseEvent(.press, .right, x: 2, y: 2)),
        .mouse(MouseEvent(.drag, .right, x: 4, y: 3)),
        .mouse(MouseEvent(.release, .right, x: 4, y: 3)),
      ])
    XCTAssertEqual(inked(editor).count, 4)
    press(&editor, [.undo])
    XCTAssertEqual(inked(editor), line, "a mouse stroke is one undo step")
  }

  func testMouseOutsideTheCanvasIsClampedToTheEdge() {
    var editor = DrawEditor()
    press(
      &editor,
      [
        .toggleBrush, .mouse(MouseEvent(.press, x: 26, y: 0)),
        .mouse(MouseEvent(.drag, x: 40, y: 0)),
        .mouse(MouseEvent(.release, x: 40, y: 0)),
      ])
    XCTAssertEqual(inked(editor), [CanvasPoint(26, 0), CanvasPoint(27, 0)])
  }

  func testALoadedDrawingSitsInTheMiddle() throws {
    let small = try Drawing(text: "#.\n.#\n")
    let editor = DrawEditor(drawing: small)
    XCTAssertEqual(editor[13, 13], 1)
    XCTAssertEqual(editor[14, 14], 1)
    XCTAssertEqual(editor[14, 13], 0)
    let big = Drawing(width: 40, height: 40, ink: [Float](repeating: 1, count: 1600))
    let scaled = DrawEditor(drawing: big)
    XCTAssertEqual(scaled.drawing.ink.filter { $0 > 0 }.count, 400, "made MNIST-like: a 20×20 box")
    XCTAssertNotNil(scaled.note)
  }
}

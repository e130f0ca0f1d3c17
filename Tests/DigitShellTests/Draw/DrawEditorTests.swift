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

  func testUndoTakesBackOneStrokeAtATime() {
    var editor = DrawEditor()
    press(&editor, [.togglePen, .right, .right, .togglePen])  // stroke 1
    let afterFirst = editor.canvas
    press(&editor, [.down, .down, .down, .togglePen, .left, .togglePen])  // stroke 2
    XCTAssertNotEqual(editor.canvas, afterFirst)
    press(&editor, [.undo])
    XCTAssertEqual(editor.canvas, afterFirst)
    press(&editor, [.undo])
    XCTAssertTrue(editor.drawing.isBlank)
    XCTAssertFalse(editor.canUndo)
    press(&editor, [.undo])
    XCTAssertEqual(editor.note, "nothing to undo")
  }

  func testAStrokeThatChangesNothingLeavesNothingToUndo() {
    var editor = DrawEditor()
    press(&editor, [.togglePen, .togglePen])
    XCTAssertTrue(editor.canUndo)
    press(&editor, [.togglePen, .togglePen])  // paints over the same full cells
    press(&editor, [.undo])
    XCTAssertTrue(
      editor.drawing.isBlank, "one undo takes back the only stroke that changed the ink")
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

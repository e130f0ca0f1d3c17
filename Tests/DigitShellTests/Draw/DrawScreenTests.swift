import DigitKit
import DigitShell
import XCTest

/// The editor's screen: it fits the window, shows what it should, and says when it cannot.
final class DrawScreenTests: XCTestCase {
  /// Visible characters of a line (colour codes take no room).
  func visibleWidth(_ line: Substring) -> Int {
    line.replacingOccurrences(
      of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression
    ).count
  }

  func sampleEditor() -> DrawEditor {
    var editor = DrawEditor()
    for key: EditorKey in [
      .up, .up, .up, .togglePen, .right, .right, .down, .down, .down, .down, .down, .left,
    ] {
      _ = editor.handle(key)
    }
    return editor
  }

  func sampleView() -> DrawView {
    var p = [Double](repeating: 0.01, count: 10)
    p[9] = 0.81
    p[7] = 0.10
    return DrawView(modelName: "net3", probabilities: p, seen: sampleEditor().canvas)
  }

  func assertFits(
    _ text: String, width: Int, height: Int, file: StaticString = #filePath, line: UInt = #line
  ) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertLessThanOrEqual(lines.count, height, "too many lines", file: file, line: line)
    for (i, l) in lines.enumerated() {
      XCTAssertLessThanOrEqual(
        visibleWidth(l), width, "line \(i + 1) is too wide: \(l)", file: file, line: line)
    }
  }

  func testFitsEightyByTwentyFourInBothStyles() {
    for rich in [false, true] {
      let text = DrawScreen.render(
        sampleEditor(), view: sampleView(), width: 80, height: 24, rich: rich)
      assertFits(text, width: 80, height: 24)
      XCTAssertTrue(text.contains("your drawing"))
      XCTAssertTrue(text.contains("what net3 sees"))
      XCTAssertTrue(text.contains("Most likely: 9"))
      XCTAssertTrue(text.contains("Esc leave"))
      XCTAssertFalse(text.contains("too small"))
    }
    XCTAssertEqual(DrawLayout.choose(width: 80, height: 24)?.arrangement, .wide)
  }

  func testASCIIAtEightyByTwentyFourHasNoEscapesAndShowsTheBars() {
    let text = DrawScreen.render(
      sampleEditor(), view: sampleView(), width: 80, height: 24, rich: false)
    XCTAssertFalse(text.contains("\u{1B}"))
    XCTAssertTrue(text.unicodeScalars.allSatisfy { $0.isASCII })
    XCTAssertTrue(text.contains("9 #######    81.0%"), text)
    XCTAssertTrue(text.contains("7 #          10.0%"), text)
  }

  func testEveryArrangementFitsItsWindow() {
    for (w, h) in [
      (49, 22), (60, 22), (60, 40), (80, 20), (100, 30), (89, 33), (120, 50), (200, 60),
    ] {
      XCTAssertNotNil(DrawLayout.choose(width: w, height: h), "\(w)×\(h)")
      for rich in [false, true] {
        assertFits(
          DrawScreen.render(sampleEditor(), view: sampleView(), width: w, height: h, rich: rich),
          width: w, height: h)
      }
    }
    XCTAssertEqual(DrawLayout.choose(width: 120, height: 50)?.arrangement, .large)
    XCTAssertEqual(DrawLayout.choose(width: 60, height: 40)?.arrangement, .tall)
    XCTAssertEqual(DrawLayout.choose(width: 60, height: 24)?.arrangement, .narrow)
  }

  func testATooSmallWindowSaysSo() {
    let need = DrawLayout.minimum
    XCTAssertEqual(need.width, 49)
    XCTAssertEqual(need.height, 22)
    XCTAssertEqual(
      DrawScreen.render(DrawEditor(), view: sampleView(), width: 40, height: 15, rich: true),
      "window too small: need at least 49×22, have 40×15 (Esc leaves)")
    XCTAssertTrue(
      DrawScreen.render(DrawEditor(), view: sampleView(), width: 80, height: 20, rich: false)
        .contains("your drawing"))
    XCTAssertTrue(
      DrawScreen.render(DrawEditor(), view: sampleView(), width: 80, height: 19, rich: false)
        .hasPrefix("window too small"))
    XCTAssertTrue(
      DrawScreen.render(DrawEditor(), view: sampleView(), width: 48, height: 40, rich: false)
        .hasPrefix("window too small"))
  }

  func testABlankCanvasInvitesDrawing() {
    let text = DrawScreen.render(
      DrawEditor(), view: DrawView(modelName: "net2"), width: 80, height: 24, rich: false)
    XCTAssertTrue(text.contains("draw a digit"))
    XCTAssertTrue(text.contains("(blank)"))
    XCTAssertTrue(text.contains("draw | net2 | pen up | pen | soft brush"))
  }

  func testTheCursorAndInkShowOnTheASCIICanvas() throws {
    var editor = DrawEditor()
    for key: EditorKey in [.toggleBrush, .togglePen, .right, .right, .right, .togglePen] {
      _ = editor.handle(key)
    }
    let layout = try XCTUnwrap(DrawLayout.choose(width: 80, height: 24))
    let lines = DrawScreen.lines(
      editor, view: DrawView(modelName: "m"), layout: layout, rich: false)
    // Canvas row 14 is the lower half of screen row 2 + 7; its cells start at column 1.
    let row = Array(lines[DrawLayout.canvasTop + 7])
    XCTAssertEqual(
      String(row[(1 + 14)...(1 + 16)]), "***", "a full cell over a blank one: half ink")
    XCTAssertEqual(row[1 + 17], "+", "the cursor, pen up")
  }

  func testTheLineStartIsMarkedAndTheHelpNamesTheKeys() throws {
    var editor = DrawEditor()
    for key: EditorKey in [.toggleBrush, .line, .right, .right, .right] { _ = editor.handle(key) }
    let layout = try XCTUnwrap(DrawLayout.choose(width: 80, height: 24))
    let lines = DrawScreen.lines(
      editor, view: DrawView(modelName: "m"), layout: layout, rich: false)
    let row = Array(lines[DrawLayout.canvasTop + 7])
    XCTAssertEqual(row[1 + 14], "o", "where - would start a line")
    XCTAssertEqual(row[1 + 17], "+", "the cursor")
    let text = lines.joined(separator: "\n")
    for item in [
      "arrows/hjkl move", "yubn diagonally", "Shift: 4 cells", "- line from last point",
      "s soft/hard brush", "c clear", "z undo", "r redo",
    ] {
      XCTAssertTrue(text.contains(item), item)
    }
  }

  func testSolidInkIsAFullBlockInColourSoPlainTextShowsIt() {
    var editor = DrawEditor()
    for key: EditorKey in [.toggleBrush, .togglePen, .down, .togglePen] {
      _ = editor.handle(key)
    }
    let lines = CanvasArt.lines(
      editor.canvas, width: 28, height: 28, scale: .compact, rich: true)
    let plain = lines[7].replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    XCTAssertEqual(Array(plain)[14], "█", "cells (14, 14) and (14, 15), both full")
    XCTAssertEqual(plain.filter { $0 != " " }, "█")
    let full = CanvasArt.lines(editor.canvas, width: 28, height: 28, scale: .full, rich: true)
    let row = full[15].replacingOccurrences(
      of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    XCTAssertEqual(row.filter { $0 != " " }, "██", "full scale: two blocks for cell (14, 15)")
  }

  func testMouseCellsMapToCanvasCells() throws {
    let wide = try XCTUnwrap(DrawLayout.choose(width: 80, height: 24))
    XCTAssertEqual(wide.canvasEvent(MouseEvent(.press, x: 1, y: 2)), MouseEvent(.press, x: 0, y: 0))
    XCTAssertEqual(
      wide.canvasEvent(MouseEvent(.press, x: 28, y: 15)), MouseEvent(.press, x: 27, y: 26))
    XCTAssertNil(wide.canvasEvent(MouseEvent(.press, x: 40, y: 5)), "a press outside the canvas")
    XCTAssertEqual(
      wide.canvasEvent(MouseEvent(.drag, x: 40, y: 5)), MouseEvent(.drag, x: 39, y: 6),
      "the editor clamps drags")
    let large = try XCTUnwrap(DrawLayout.choose(width: 120, height: 50))
    XCTAssertEqual(large.scale, .full)
    XCTAssertEqual(
      large.canvasEvent(MouseEvent(.press, x: 4, y: 9)), MouseEvent(.press, x: 1, y: 7))
  }
}

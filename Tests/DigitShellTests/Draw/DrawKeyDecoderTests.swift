import DigitShell
import XCTest

/// Raw terminal bytes into editor keys.
final class DrawKeyDecoderTests: XCTestCase {
  func decode(_ bytes: [UInt8]) -> [EditorKey] {
    var decoder = KeyDecoder()
    return decoder.feed(bytes) + decoder.flush()
  }

  func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

  func testLettersSpaceAndEnter() {
    XCTAssertEqual(
      decode(bytes("hjkl yubn-esczrZ\r")),
      [
        .left, .down, .up, .right, .togglePen, .upLeft, .upRight, .downLeft, .downRight, .line,
        .toggleEraser, .toggleBrush, .clear, .undo, .redo, .redo, .keep,
      ])
    XCTAssertEqual(decode([10]), [.keep])
    XCTAssertEqual(decode([26, 25]), [.undo, .redo], "Ctrl-Z, Ctrl-Y")
    XCTAssertEqual(decode(bytes("xwa")), [], "other keys mean nothing")
    XCTAssertEqual(decode([0xC3, 0xA9]), [], "nor do other bytes")
  }

  func testShiftedLettersJumpInTheirDirection() {
    XCTAssertEqual(
      decode(bytes("HJKLYUBN")),
      [
        .jump(dx: -1, dy: 0), .jump(dx: 0, dy: 1), .jump(dx: 0, dy: -1), .jump(dx: 1, dy: 0),
        .jump(dx: -1, dy: -1), .jump(dx: 1, dy: -1), .jump(dx: -1, dy: 1), .jump(dx: 1, dy: 1),
      ])
  }

  func testShiftArrowsJumpAndHomeEndPageKeysGoDiagonally() {
    XCTAssertEqual(
      decode(bytes("\u{1B}[1;2A\u{1B}[1;2D\u{1B}[1;6B")),
      [.jump(dx: 0, dy: -1), .jump(dx: -1, dy: 0), .jump(dx: 0, dy: 1)], "xterm; Ctrl+Shift too")
    XCTAssertEqual(
      decode(bytes("\u{1B}[a\u{1B}[c")), [.jump(dx: 0, dy: -1), .jump(dx: 1, dy: 0)], "rxvt")
    XCTAssertEqual(
      decode(bytes("\u{1B}[H\u{1B}[5~\u{1B}[F\u{1B}[6~")),
      [.upLeft, .upRight, .downLeft, .downRight])
    XCTAssertEqual(
      decode(bytes("\u{1B}[1~\u{1B}[4~\u{1B}OH\u{1B}OF")),
      [.upLeft, .downLeft, .upLeft, .downLeft], "Home and End as other terminals send them")
    XCTAssertEqual(decode(bytes("\u{1B}[5;2~")), [.jump(dx: 1, dy: -1)], "Shift+PgUp")
    XCTAssertEqual(decode(bytes("\u{1B}[3~\u{1B}[2~")), [], "Delete and Insert mean nothing")
  }

  func testWaysToLeave() {
    XCTAssertEqual(decode(bytes("q")), [.leave])
    XCTAssertEqual(decode([3]), [.leave], "Ctrl-C in raw mode is byte 3")
    XCTAssertEqual(decode([4]), [.leave])
    XCTAssertEqual(decode([27]), [.leave], "a lone Esc, once the terminal is quiet")
  }

  func testArrows() {
    XCTAssertEqual(
      decode([27, 91, 65, 27, 91, 66, 27, 91, 67, 27, 91, 68]), [.up, .down, .right, .left])
    XCTAssertEqual(decode(bytes("\u{1B}OA\u{1B}OD")), [.up, .left], "application cursor mode")
    XCTAssertEqual(decode(bytes("\u{1B}[1;5C")), [.right], "with Ctrl held")
    XCTAssertEqual(decode(bytes("\u{1B}[15~k")), [.up], "F5 is skipped whole")
  }

  func testAnArrowSplitAcrossReadsWaits() {
    var decoder = KeyDecoder()
    XCTAssertEqual(decoder.feed([27]), [])
    XCTAssertTrue(decoder.hasPending)
    XCTAssertEqual(decoder.feed([91]), [])
    XCTAssertEqual(decoder.feed([65, 106]), [.up, .down])
    XCTAssertFalse(decoder.hasPending)
  }

  func testSGRMousePressDragRelease() {
    let keys = decode(bytes("\u{1B}[<0;10;5M\u{1B}[<32;11;5M\u{1B}[<32;12;6M\u{1B}[<0;12;6m"))
    XCTAssertEqual(
      keys,
      [
        .mouse(MouseEvent(.press, .left, x: 9, y: 4)),
        .mouse(MouseEvent(.drag, .left, x: 10, y: 4)),
        .mouse(MouseEvent(.drag, .left, x: 11, y: 5)),
        .mouse(MouseEvent(.release, .left, x: 11, y: 5)),
      ])
  }

  func testSGRMouseButtonsModifiersAndWheel() {
    XCTAssertEqual(
      decode(bytes("\u{1B}[<2;1;1M")), [.mouse(MouseEvent(.press, .right, x: 0, y: 0))])
    XCTAssertEqual(
      decode(bytes("\u{1B}[<34;3;2M")), [.mouse(MouseEvent(.drag, .right, x: 2, y: 1))])
    XCTAssertEqual(
      decode(bytes("\u{1B}[<16;3;2M")), [.mouse(MouseEvent(.press, .left, x: 2, y: 1))],
      "Ctrl-click")
    XCTAssertEqual(decode(bytes("\u{1B}[<64;3;2M\u{1B}[<65;3;2M")), [], "the wheel is ignored")
    XCTAssertEqual(decode(bytes("\u{1B}[<35;3;2M")), [], "motion with no button")
    XCTAssertEqual(decode(bytes("\u{1B}[<0;0;2M\u{1B}[<0;x;2M")), [], "bad coordinates")
  }

  func testAMouseReportSplitAnywhereStillDecodes() {
    let report = bytes("\u{1B}[<32;120;40M")
    for cut in 1..<report.count {
      var decoder = KeyDecoder()
      let keys = decoder.feed(Array(report[..<cut])) + decoder.feed(Array(report[cut...]))
      XCTAssertEqual(keys, [.mouse(MouseEvent(.drag, .left, x: 119, y: 39))], "cut at \(cut)")
    }
  }

  func testRunawaySequencesAreDropped() {
    var decoder = KeyDecoder()
    XCTAssertEqual(decoder.feed(bytes("\u{1B}[" + String(repeating: "1", count: 40))), [])
    XCTAssertFalse(decoder.hasPending)
    XCTAssertEqual(decoder.feed(bytes("k")), [.up])
  }
}

import DigitKit
import XCTest

final class DrawingTests: XCTestCase {
  func testParsesInkAndGreys() throws {
    let d = try Drawing(text: ".#\n9@\n 3\n")
    XCTAssertEqual(d.width, 2)
    XCTAssertEqual(d.height, 3)
    XCTAssertEqual(d.ink, [0, 1, 1, 1, 0, 3.0 / 9])
  }

  func testWindowsLineEndingsAndTrailingBlankLines() throws {
    let d = try Drawing(text: "#.\r\n.#\r\n\n")
    XCTAssertEqual(d.height, 2)
  }

  /// Issue 19, defects 18 and 23: a CR-only drawing said "rows are 812 wide".
  func testCROnlyAndMixedLineEndings() throws {
    let lf = try Drawing(text: "#.\n.#\n3.\n")
    XCTAssertEqual(try Drawing(text: "#.\r.#\r3.\r"), lf)
    XCTAssertEqual(try Drawing(text: "#.\r\n.#\r3.\n\r"), lf)
  }

  func assertError(
    _ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try Drawing(text: text), file: file, line: line) {
      XCTAssertEqual("\($0)", expected, file: file, line: line)
    }
  }

  func testBadDrawingsNameLineAndColumn() {
    assertError("", "the drawing is empty")
    assertError("##\n#\n", "line 2, column 2: row is 1 wide, the first row is 2")
    assertError("#.\n#x\n", "line 2, column 2: 'x' is not a drawing character (use . # or 1-9)")
    assertError(
      String(repeating: "#", count: 65),
      "line 1, column 65: rows are 65 wide, at most 64 are allowed")
    assertError(
      String(repeating: "#\n", count: 65),
      "line 65: the drawing has 65 rows, at most 64 are allowed")
  }

  func testTextRoundTrip() throws {
    let text = "..#\n.5.\n#..\n"
    XCTAssertEqual(try Drawing(text: text).text, text)
  }
}

/// Preprocessing against cases worked out by hand.
final class PreprocessTests: XCTestCase {
  func image(_ text: String) throws -> [Float] {
    try Preprocess.mnistImage(try Drawing(text: text))
  }

  /// A full 2×2 square anywhere becomes a 20×20 square centred at (14, 14): rows and columns 4…23.
  func testSquareIsCroppedScaledAndCentred() throws {
    let img = try image("......\n....##\n....##\n......\n")
    for y in 0..<28 {
      for x in 0..<28 {
        let inside = (4...23).contains(x) && (4...23).contains(y)
        XCTAssertEqual(img[y * 28 + x], inside ? 1 : 0, accuracy: 1e-4, "pixel \(x),\(y)")
      }
    }
  }

  /// A 1-wide, 4-tall bar keeps its aspect ratio: 20 tall, 5 wide, centred (columns 12…16).
  func testKeepsAspectRatio() throws {
    let img = try image("#\n#\n#\n#\n")
    let columns = (0..<28).filter { x in (0..<28).contains { y in img[y * 28 + x] > 0 } }
    let rows = (0..<28).filter { y in (0..<28).contains { x in img[y * 28 + x] > 0 } }
    XCTAssertEqual(columns, Array(12...16))
    XCTAssertEqual(rows, Array(4...23))
  }

  /// Ink heavier on one side moves the box so the centre of mass, not the box, is central.
  func testCentreOfMassIsCentred() throws {
    // Left column full ink, right column faint: the mass sits left of the box centre.
    let img = try image("#1\n#1\n")
    var mass: Float = 0
    var mx: Float = 0
    for y in 0..<28 {
      for x in 0..<28 {
        mass += img[y * 28 + x]
        mx += img[y * 28 + x] * (Float(x) + 0.5)
      }
    }
    XCTAssertEqual(mx / mass, 14, accuracy: 0.5)
    XCTAssertGreaterThan(img[14 * 28 + 23], 0, "the box is shifted right of 4…23")
  }

  func testBlankDrawingIsAnError() {
    XCTAssertThrowsError(try image("...\n...\n")) { XCTAssert("\($0)".contains("blank")) }
  }

  func testShrinkingAveragesAreas() throws {
    // 40×40 full of grey 9/9 except nothing: a 40-wide square shrinks to a 20-wide one of full ink.
    let row = String(repeating: "#", count: 40)
    let img = try image(Array(repeating: row, count: 40).joined(separator: "\n"))
    XCTAssertEqual(img.filter { $0 > 0.99 }.count, 400)
  }
}

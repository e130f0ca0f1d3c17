import TextArt
import XCTest

/// The big one-digit view (`show --index I --big`, `random --big`): a digit drawn to any
/// height, thick bars, and the two laid out to fill a screen (issue 18).
final class BigDigitArtTests: XCTestCase {
  let drawnThree = [0.001, 0, 0.002, 0.74, 0.0001, 0.03, 0, 0.004, 0.19, 0.0329]

  func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// Enlarging 2×2 pixels to 3×3 by area: a new pixel inside one old pixel keeps its ink, one
  /// straddling two is their mean (128 of 255, `+`).
  func testEnlargingByOneAndAHalfBlendsOnlyWherePixelsStraddle() {
    let diagonal: [UInt8] = [255, 0, 0, 255]
    let expected = """
      +------+
      |@@++  |
      |++++++|
      |  ++@@|
      +------+
      """
    XCTAssertEqual(
      DigitArt.render(pixels: diagonal, width: 2, height: 2, style: .ascii, lines: 5), expected)
  }

  /// Asked for `lines` lines, the picture is that tall, in every style, and about twice as
  /// wide as tall (square pixels).
  func testSizedPictureIsExactlyAsTallAsAskedWithSquarePixels() {
    for style in allStyles {
      for height in [5, 14, 21, 57] {
        let text = DigitArt.render(pixels: mnistSizedSeven, style: style, lines: height)
        XCTAssertEqual(lines(text).count, height, "\(style) \(height)")
        let columns = DigitArt.columns(lines: height, style: style)
        XCTAssertEqual(lines(text).map { visibleWidth($0) }.max(), columns, "\(style) \(height)")
        let frame = style.color ? 0 : 2
        XCTAssertEqual(columns - frame, 2 * (height - frame), "\(style) \(height)")
      }
    }
    let tall = DigitArt.render(pixels: seven, width: 12, height: 12, style: .ascii, lines: 40)
    XCTAssertTrue(tall.contains("@@@@"), tall)
  }

  /// Given room, each class gets a bar several lines thick with its label and percentage on
  /// one of them, a blank line between classes, and a full bar as long as the width allows.
  func testThickBarsFillTheHeightGiven() {
    let expected = """
      what net3 reads:
        0 |####            25.0%
          |####

      > 1 |###########     75.0%
          |###########

        2 |                 0.0%
          |

      Most likely: 1 (75.0%),
      then 0 (25.0%)
      """
    let text = ProbabilityBars.render(
      probabilities: [0.25, 0.75, 0], width: 26, height: 12, style: .ascii,
      title: "what net3 reads:")
    XCTAssertEqual(text, expected)
  }

  /// Without room for thick bars they are the short form's one line a class.
  func testThickBarsWithoutRoomAreOneLineAClass() {
    let text = ProbabilityBars.render(
      probabilities: drawnThree, width: 40, height: 5, style: .ascii)
    XCTAssertEqual(lines(text).count, 11, text)
    XCTAssertTrue(text.contains("> 3 |"), text)
  }

  /// At 80 columns the bars go beside the picture, which takes every row; at 200×57 it is
  /// still every row and the bars are thick; on a tall narrow screen they go under.
  func testTheBigViewFillsTheScreenItIsGiven() {
    for style in allStyles {
      for (columns, rows) in [(80, 21), (200, 56), (60, 57), (40, 30), (120, 10)] {
        let text = BigDigitArt.render(
          pixels: mnistSizedSeven, probabilities: drawnThree, style: style, columns: columns,
          rows: rows, title: "what net3 reads:")
        assertFits(text, width: columns, "\(style) \(columns)×\(rows)")
        XCTAssertLessThanOrEqual(lines(text).count, max(rows, 12), "\(style) \(columns)×\(rows)")
        if style.color { assertColourClosed(text) }
        if style == .ascii { assertPlainASCII(text) }
      }
    }
    let wide = lines(
      BigDigitArt.render(
        pixels: mnistSizedSeven, probabilities: drawnThree, style: .ascii, columns: 80, rows: 21))
    XCTAssertEqual(wide.count, 21)
    XCTAssertTrue(
      wide[0].hasPrefix("+---") && wide[20].hasPrefix("+---"), wide.joined(separator: "\n"))
    XCTAssertTrue(wide.contains { $0.hasPrefix("|") && $0.contains("Most likely: 3 (74.0%)") })

    let room = lines(
      BigDigitArt.render(
        pixels: mnistSizedSeven, probabilities: drawnThree, style: .rich, columns: 200, rows: 56))
    XCTAssertEqual(room.count, 56)
    XCTAssertEqual(visibleWidth(room[0]), 112, "a 56-line picture is 112 columns")
    XCTAssertGreaterThanOrEqual(room.filter { stripANSI($0).contains("│████") }.count, 3 * 2)

    let narrow = lines(
      BigDigitArt.render(
        pixels: mnistSizedSeven, probabilities: drawnThree, style: .ascii, columns: 60, rows: 57))
    XCTAssertTrue(narrow.last?.hasPrefix("Most likely: 3") ?? false, narrow.joined(separator: "\n"))
    XCTAssertEqual(narrow[0], "+" + String(repeating: "-", count: 58) + "+", "as wide as fits")
  }
}

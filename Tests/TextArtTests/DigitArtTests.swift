import TextArt
import XCTest

final class DigitArtTests: XCTestCase {
  func testASCIIFullSizeIsFramedTwoCharactersPerPixel() {
    let expected = """
      +------------------------+
      |                        |
      |                        |
      |    @@@@@@@@@@@@@@@@    |
      |    ============@@@@    |
      |                @@++    |
      |              ++@@      |
      |            @@@@        |
      |          ++@@          |
      |          @@++          |
      |        @@@@            |
      |        @@==            |
      |                        |
      +------------------------+
      """
    XCTAssertEqual(DigitArt.render(pixels: seven, width: 12, height: 12, style: .ascii), expected)
  }

  func testASCIIScaleTwoAveragesBlocks() {
    let expected = """
      +------------+
      |            |
      |  @@@@@@@@  |
      |      ::%%  |
      |    ::@@    |
      |    @@::    |
      |    ++      |
      +------------+
      """
    XCTAssertEqual(
      DigitArt.render(pixels: seven, width: 12, height: 12, style: .ascii, scale: 2), expected)
  }

  func testRampRunsFromBlankToFullInk() {
    let ramp: [UInt8] = [0, 26, 51, 77, 102, 128, 153, 179, 204, 230, 255, 0]
    let expected = """
      +--------+
      |  ..::--|
      |==++**##|
      |%%@@@@  |
      +--------+
      """
    XCTAssertEqual(DigitArt.render(pixels: ramp, width: 4, height: 3, style: .ascii), expected)
    let shades = """
      ┌────────┐
      │    ░░░░│
      │▒▒▒▒▓▓▓▓│
      │██████  │
      └────────┘
      """
    XCTAssertEqual(DigitArt.render(pixels: ramp, width: 4, height: 3, style: .monochrome), shades)
  }

  func testRichUsesHalfBlocksTwoRowsPerLine() {
    let text = DigitArt.render(pixels: mnistSizedSeven, style: .rich)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(lines.count, 14)
    XCTAssertTrue(lines.allSatisfy { visibleWidth($0) == 28 })
    XCTAssertTrue(text.contains("▀"))
    XCTAssertTrue(text.contains("\u{1B}[0;38;5;255;48;5;232m"), "white ink over black paper")
    assertColourClosed(text)
  }

  func testMNISTSizeFitsEightyColumnsInEveryStyle() {
    for style in allStyles {
      assertFits(DigitArt.render(pixels: mnistSizedSeven, style: style), width: 80)
    }
    XCTAssertEqual(
      visibleWidth(
        DigitArt.render(pixels: mnistSizedSeven, style: .ascii).split(separator: "\n")[0]), 58)
  }

  func testScaleGrowsToFitNarrowWidth() {
    let text = DigitArt.render(pixels: mnistSizedSeven, style: .ascii, maxWidth: 40)
    assertFits(text, width: 40)
    XCTAssertEqual(text.split(separator: "\n").count, 16, "28 pixels at scale 2 plus frame")
  }

  func testOddInputsDegradeGracefully() {
    XCTAssertEqual(DigitArt.render(pixels: [], width: 0, height: 0, style: .ascii), "(empty image)")
    XCTAssertEqual(
      DigitArt.render(pixels: [255], width: -3, height: 5, style: .rich), "(empty image)")
    let short = DigitArt.render(pixels: [255, 255], width: 2, height: 2, style: .ascii)
    XCTAssertEqual(short, "+----+\n|@@@@|\n|    |\n+----+")
    assertFits(
      DigitArt.render(pixels: [], width: 28, height: 28, style: .ascii, scale: 0, maxWidth: 1),
      width: 1)
  }
}

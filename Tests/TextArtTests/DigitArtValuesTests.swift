import TextArt
import XCTest

final class DigitArtValuesTests: XCTestCase {
  func testRawValuesCropToInk() {
    let expected = """
      Pixel values: 0 = blank paper, 255 = full ink (0 is shown as ".").
      Rows 2-10 and columns 2-9 are shown; every other pixel is 0.

           2   3   4   5   6   7   8   9
       2 255 255 255 255 255 255 255 255
       3 113 113 113 113 113 113 255 255
       4   .   .   .   .   .   . 255 141
       5   .   .   .   .   . 141 255   .
       6   .   .   .   . 255 255   .   .
       7   .   .   . 141 255   .   .   .
       8   .   .   . 255 141   .   .   .
       9   .   . 255 255   .   .   .   .
      10   .   . 255 113   .   .   .   .
      """
    XCTAssertEqual(DigitArt.values(pixels: seven, width: 12, height: 12), expected)
  }

  func testNormalisedValuesSplitIntoBandsWhenNarrow() {
    let expected = """
      Network input: (value/255 - 0.1307) /
      0.3081, to one decimal.
      Blank paper becomes -0.4 and full ink
      2.8.
      Rows 2-10 and columns 2-9 are shown;
      every other pixel is -0.4.

            2    3    4    5
       2  2.8  2.8  2.8  2.8
       3  1.0  1.0  1.0  1.0
       4 -0.4 -0.4 -0.4 -0.4
       5 -0.4 -0.4 -0.4 -0.4
       6 -0.4 -0.4 -0.4 -0.4
       7 -0.4 -0.4 -0.4  1.4
       8 -0.4 -0.4 -0.4  2.8
       9 -0.4 -0.4  2.8  2.8
      10 -0.4 -0.4  2.8  1.0

            6    7    8    9
       2  2.8  2.8  2.8  2.8
       3  1.0  1.0  2.8  2.8
       4 -0.4 -0.4  2.8  1.4
       5 -0.4  1.4  2.8 -0.4
       6  2.8  2.8 -0.4 -0.4
       7  2.8 -0.4 -0.4 -0.4
       8  1.4 -0.4 -0.4 -0.4
       9 -0.4 -0.4 -0.4 -0.4
      10 -0.4 -0.4 -0.4 -0.4
      """
    let text = DigitArt.values(
      pixels: seven, width: 12, height: 12, format: .normalised, maxWidth: 40)
    XCTAssertEqual(text, expected)
  }

  func testBlankImage() {
    let expected = """
      Pixel values: 0 = blank paper, 255 = full ink (0 is shown as ".").
      All 16 pixels are 0 (blank).
      """
    XCTAssertEqual(
      DigitArt.values(pixels: [UInt8](repeating: 0, count: 16), width: 4, height: 4), expected)
  }

  func testFullMNISTImageFitsEightyColumns() {
    for style in allStyles {
      for format in [PixelValueFormat.raw, .normalised] {
        let cropped = DigitArt.values(pixels: mnistSizedSeven, format: format, style: style)
        let whole = DigitArt.values(
          pixels: mnistSizedSeven, format: format, cropToInk: false, style: style)
        assertFits(cropped, width: 80)
        assertFits(whole, width: 80)
        assertFits(
          DigitArt.values(pixels: mnistSizedSeven, format: format, style: style, maxWidth: 40),
          width: 40)
      }
    }
  }

  func testUncroppedTableShowsEveryPixel() {
    let text = DigitArt.values(pixels: mnistSizedSeven, cropToInk: false)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(
      lines.count, 1 + 2 * (2 + 28),
      "a note, then two bands of 14 columns, each a blank line, a header and 28 rows")
    XCTAssertEqual(lines[2], "     0   1   2   3   4   5   6   7   8   9  10  11  12  13")
    XCTAssertEqual(lines[3], " 0   .   .   .   .   .   .   .   .   .   .   .   .   .   .")
  }

  func testColourPutsEachNumberOnItsGrey() {
    let text = DigitArt.values(pixels: seven, width: 12, height: 12, style: .rich)
    XCTAssertTrue(text.contains("48;5;255m"))
    assertColourClosed(text)
  }
}

import TextArt
import XCTest

/// The one word-wrapper: breaks at spaces, counts terminal columns, cuts only words
/// longer than a line.
final class WordWrapTests: XCTestCase {
  let net3 =
    "Net3 is the deeper CNN: conv 1→32 5×5, conv 32→32 5×5, max pool, conv 32→64 5×5, "
    + "max pool, dropout 0.5, linear 576→256, linear 256→10. Each epoch reads all 60,000 "
    + "training images once; type help train for the options, or press Enter to begin."

  func testNoWordIsSplitAtEightyColumns() {
    XCTAssertEqual(
      wrapText(net3, width: 80),
      [
        "Net3 is the deeper CNN: conv 1→32 5×5, conv 32→32 5×5, max pool, conv 32→64 5×5,",
        "max pool, dropout 0.5, linear 576→256, linear 256→10. Each epoch reads all",
        "60,000 training images once; type help train for the options, or press Enter to",
        "begin.",
      ])
  }

  func testNoWordIsSplitAtAnyWidthItFits() {
    let words = net3.split(separator: " ").map(String.init)
    for width in 9...100 {
      let lines = wrapText(net3, width: width)
      XCTAssertEqual(
        lines.flatMap { $0.split(separator: " ").map(String.init) }, words, "width \(width)")
      XCTAssert(lines.allSatisfy { visibleWidth($0) <= width }, "width \(width)")
    }
  }

  func testEscapesTakeNoColumns() {
    let red = "\u{1B}[31m"
    let reset = "\u{1B}[0m"
    let text = "\(red)seven\(reset) read as \(red)one\(reset) twice"
    XCTAssertEqual(
      wrapText(text, width: 18), ["\(red)seven\(reset) read as \(red)one\(reset)", "twice"])
    XCTAssertEqual(wrapText("█ ink · blank → next", width: 12), ["█ ink ·", "blank → next"])
  }

  func testFirstAndContinuationIndents() {
    XCTAssertEqual(
      wrapText("one two three four five six", width: 14, firstIndent: "  - ", restIndent: "    "),
      [
        "  - one two",
        "    three four",
        "    five six",
      ])
  }

  func testLeadingSpacesIndentEveryLineOfTheirParagraph() {
    XCTAssertEqual(
      wrapText("   (that layer is all zeros)\nnext line", width: 16),
      [
        "   (that layer",
        "   is all zeros)",
        "next line",
      ])
  }

  func testAWordLongerThanTheLineIsCutAndTheRestFollowsIt() {
    XCTAssertEqual(
      wrapText("see mine.safetensors now", width: 8), ["see", "mine.saf", "etensors", "now"])
    XCTAssertEqual(
      wrapText("a abcdefghij b", width: 4, restIndent: "  "),
      ["a", "  ab", "  cd", "  ef", "  gh", "  ij", "  b"])
  }

  func testWordsKeepTheirInnerSpacesUnlessTooLong() {
    XCTAssertEqual(
      wrapWords(["u undo", "Enter keep", "Esc leave"], width: 20, gap: 2),
      ["u undo  Enter keep", "Esc leave"])
    XCTAssertEqual(
      wrapWords(["mouse draws (right button erases)"], width: 14),
      ["mouse draws", "(right button", "erases)"])
  }

  func testEmptyAndBlankText() {
    XCTAssertEqual(wrapText("", width: 10), [])
    XCTAssertEqual(wrapText("   ", width: 10), [])
    XCTAssertEqual(wrapText("a\n\nb", width: 10), ["a", "", "b"])
    XCTAssertEqual(wrapText("wide 数字数字", width: 0), ["w", "i", "d", "e", "数", "字", "数", "字"])
  }
}

import LessonKit
import XCTest

final class ProseFormatterTests: XCTestCase {
  private func ascii(_ block: String, width: Int = 40) -> String {
    ProseFormatter.format(block, width: width, rich: false)
  }

  func testWrapsParagraphsKeepingInlineCode() {
    let block = """
      Each image is a grid of 28 by 28 pixels, and each pixel holds
      a grey level from 0 to 255. The `train` command reads them all.
      """
    XCTAssertEqual(
      ascii(block),
      """
      Each image is a grid of 28 by 28 pixels,
      and each pixel holds a grey level from 0
      to 255. The `train` command reads them
      all.
      """)
  }

  func testListsHangUnderTheirBullets() {
    let block = """
      - A Linear layer multiplies its input by a weight matrix and adds a bias.
      - ReLU keeps positives.
      1. First numbered item that is long enough to wrap around.
        continuation line here
      """
    XCTAssertEqual(
      ascii(block),
      """
      - A Linear layer multiplies its input by
        a weight matrix and adds a bias.
      - ReLU keeps positives.
      1. First numbered item that is long
         enough to wrap around. continuation
         line here
      """)
  }

  func testHeadingsAreUnderlinedInAscii() {
    XCTAssertEqual(ascii("# Meet MNIST"), "Meet MNIST\n==========")
    XCTAssertEqual(ascii("## The `Linear` layer ##"), "The `Linear` layer\n------------------")
    XCTAssertEqual(
      ascii("### A **bold** heading that is far too long for one line"),
      """
      A bold heading that is far too long for
      one line
      ---------------------------------------
      """)
  }

  func testCodeBlocksAreNotWrapped() {
    let block =
      "```text\nlong line that is longer than forty characters for sure, yes\n\n  indented\n```"
    XCTAssertEqual(
      ascii(block),
      """
          long line that is longer than forty characters for sure, yes

            indented
      """)
    XCTAssertEqual(
      ascii("    already indented code that runs past forty columns\n    x"),
      "    already indented code that runs past forty columns\n    x")
    XCTAssertEqual(
      ascii("| digit | count |\n|---|---|\n| 0 | 5923 |"),
      "| digit | count |\n|---|---|\n| 0 | 5923 |")
  }

  func testQuotesKeepTheirMarker() {
    XCTAssertEqual(
      ascii("> Tested on the author's own handwriting, Net2 read a 9 as a 7."),
      """
      > Tested on the author's own
      > handwriting, Net2 read a 9 as a 7.
      """)
  }

  func testInlineCodeStaysWholeUnlessLongerThanALine() {
    XCTAssertEqual(
      ascii("aaaa bbbb cccc dddd eeee ffff gggg `new mine` x"),
      """
      aaaa bbbb cccc dddd eeee ffff gggg
      `new mine` x
      """)
    XCTAssertEqual(
      ascii("Type `train --net net1 --epochs 20 --batch 32 --out mine.safetensors` now."),
      """
      Type `train --net net1 --epochs 20
      --batch 32 --out mine.safetensors` now.
      """)
  }

  func testAWordLongerThanALineIsCutUnderItsBullet() {
    XCTAssertEqual(
      ascii("- see https://yann.lecun.com/exdb/mnist/index.html now", width: 24),
      """
      - see
        https://yann.lecun.com
        /exdb/mnist/index.html
        now
      """)
  }

  func testRichStylingTakesNoColumns() {
    let bold = "\u{1B}[1m"
    let boldOff = "\u{1B}[22m"
    let cyan = "\u{1B}[36m"
    let cyanOff = "\u{1B}[39m"
    XCTAssertEqual(
      ProseFormatter.format(
        "Type **`train --net net1`** then press Enter to begin.", width: 30, rich: true),
      "Type \(bold)\(cyan)train --net net1\(cyanOff)\(boldOff) then\npress Enter to begin.")
  }

  func testBoldMarkersVanishInAscii() {
    XCTAssertEqual(
      ascii("This is **very important** stuff, 2**3 too."),
      "This is very important stuff, 2**3 too.")
  }

  func testRichModeUsesBoldAndColour() {
    let bold = "\u{1B}[1m"
    let boldOff = "\u{1B}[22m"
    let cyan = "\u{1B}[36m"
    let cyanOff = "\u{1B}[39m"
    XCTAssertEqual(
      ProseFormatter.format("# Title", width: 40, rich: true), "\(bold)Title\(boldOff)")
    XCTAssertEqual(
      ProseFormatter.format("Use `new mine` and **bold**.", width: 40, rich: true),
      "Use \(cyan)new mine\(cyanOff) and \(bold)bold\(boldOff).")
  }

  func testWidthIsClamped() {
    XCTAssertEqual(
      ascii("one two three four five six seven", width: 5), "one two three four\nfive six seven")
    XCTAssertEqual(ascii("word", width: 10_000), "word")
  }

  func testOddInputNeverCrashes() {
    for block in [
      "", "\n\n", "```", "#", "- ", "> ", "`", "**", "``` ``", "1.",
      String(repeating: "x", count: 500),
    ] {
      _ = ProseFormatter.format(block, width: 20, rich: true)
      _ = ProseFormatter.format(block, width: 20, rich: false)
    }
  }
}

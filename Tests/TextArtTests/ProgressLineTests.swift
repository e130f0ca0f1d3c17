import TextArt
import XCTest

final class ProgressLineTests: XCTestCase {
  let info = ProgressInfo(
    epoch: 2, epochs: 5, done: 31_200, total: 60_000, imagesPerSecond: 2310.4, etaSeconds: 12.4,
    runningLoss: 0.2141)

  func testPartsDropAsTheLineNarrows() {
    let expected: [(Int, String)] = [
      (
        100,
        "epoch 2/5 [################..............]  31,200/60,000  2,310 img/s  ETA 0:12  loss 0.214"
      ),
      (80, "epoch 2/5 [#########........]  31,200/60,000  2,310 img/s  ETA 0:12  loss 0.214"),
      (60, "epoch 2/5 [#####.....]  31,200/60,000  ETA 0:12  loss 0.214"),
      (45, "epoch 2/5 [########.......]  52%  loss 0.214"),
      (40, "epoch 2/5 [#####.....]  52%  loss 0.214"),
      (30, "epoch 2/5 [######......]  52%"),
      (20, "2/5 [####....]  52%"),
      (8, "2/5 52%"),
      (3, "2/5"),
    ]
    for (width, line) in expected {
      XCTAssertEqual(ProgressLine.render(info, width: width, style: .ascii), line, "width \(width)")
    }
  }

  func testNumbersAreGroupedAndLongETAsShowHours() {
    let long = ProgressInfo(
      epoch: 1, epochs: 1, done: 1_234_567, total: 2_000_000, imagesPerSecond: 999.5,
      etaSeconds: 3723,
      runningLoss: 2.5)
    XCTAssertEqual(
      ProgressLine.render(long, width: 100, style: .ascii),
      "epoch 1/1 [#################...........]  1,234,567/2,000,000  1,000 img/s  ETA 1:02:03  loss 2.500"
    )
  }

  func testUnknownValues() {
    let start = ProgressInfo(epoch: 1, epochs: 20, done: 0, total: 0)
    XCTAssertEqual(
      ProgressLine.render(start, width: 80, style: .ascii),
      "epoch 1/20 [..............................]  0/0  -- img/s  ETA --:--  loss --")
  }

  func testNeverWiderThanWidthInAnyStyle() {
    for style in allStyles {
      for width in 1...120 {
        let text = ProgressLine.render(info, width: width, style: style)
        XCTAssertFalse(text.contains("\n"))
        assertFits(text, width: width)
        assertColourClosed(text)
      }
    }
  }

  func testRichBarIsAThinColouredLine() {
    let text = ProgressLine.render(info, width: 80, style: .rich)
    XCTAssertTrue(text.contains("━"))
    XCTAssertTrue(text.contains("38;5;77"))
    XCTAssertTrue(stripANSI(text).hasPrefix("epoch 2/5 ━━━━━━━━"))
  }

  func testOddInputs() {
    let odd = ProgressInfo(
      epoch: -1, epochs: Int.max, done: Int.max, total: 1, imagesPerSecond: 1e300,
      etaSeconds: -.infinity,
      runningLoss: 12345.678)
    let text = ProgressLine.render(odd, width: 80, style: .ascii)
    assertFits(text, width: 80)
    XCTAssertEqual(
      text, "epoch -1/9223372036854775807 [#################]  100%  ETA --:--  loss 12345.7")
    XCTAssertTrue(text.contains("loss 12345.7"))
  }
}

import TextArt
import XCTest

final class ClassReportArtTests: XCTestCase {
  func testTableWithZoomedF1Bars() {
    let expected = """
      digit  precision   recall       F1  support  F1 bar from 80%
          0     99.00%   98.00%   98.50%      100  #######################
          1     95.00%   97.00%   96.00%    1,200  ####################
          2     90.00%   93.00%   91.50%       95  ##############            <
       mean     94.67%   96.00%   95.33%    1,395
      Weakest: 2 (F1 91.50%).
      """
    let text = ClassReportArt.render(
      precision: [0.99, 0.95, 0.9], recall: [0.98, 0.97, 0.93], f1: [0.985, 0.96, 0.915],
      support: [100, 1200, 95], style: .ascii, width: 72)
    XCTAssertEqual(text, expected)
  }

  func testMissingValuesAndNoRoomForBars() {
    let expected = """
      digit  precision   recall       F1  support
          0     99.00%   98.00%   98.50%      100
          1     95.00%       --       --       --
       mean     97.00%   98.00%   98.50%      100
      """
    let text = ClassReportArt.render(
      precision: [0.99, 0.95], recall: [0.98, .nan], f1: [0.985], support: [100], style: .ascii,
      width: 50)
    XCTAssertEqual(text, expected)
  }

  func testBarsStartAtARoundFloorBelowTheWeakest() {
    let header = { (lowest: Double) -> String in
      let text = ClassReportArt.render(
        precision: [1, 1], recall: [1, 1], f1: [0.999, lowest], support: [1, 1], style: .ascii,
        width: 80)
      return String(text.prefix { $0 != "\n" })
    }
    XCTAssertTrue(header(0.9911).hasSuffix("F1 bar from 98%"))
    XCTAssertTrue(header(0.915).hasSuffix("F1 bar from 80%"))
    XCTAssertTrue(header(0.3).hasSuffix("F1 bar from 0%"))
    XCTAssertTrue(header(0.9975).hasSuffix("F1 bar from 99.5%"))
  }

  func testTenDigitsFitInEveryStyle() {
    let f1 = [0.9954, 0.9960, 0.9908, 0.9916, 0.9924, 0.9905, 0.9922, 0.9923, 0.9913, 0.9911]
    for style in allStyles {
      for width in [80, 40] {
        let text = ClassReportArt.render(
          precision: f1, recall: f1, f1: f1, support: [Int](repeating: 850, count: 10),
          style: style,
          width: width)
        assertFits(text, width: width)
        assertColourClosed(text)
        XCTAssertTrue(stripANSI(text).hasSuffix("Weakest: 5 (F1 99.05%)."))
      }
    }
  }

  func testOddInputs() {
    XCTAssertEqual(
      ClassReportArt.render(precision: [], recall: [], f1: [], support: [], style: .ascii),
      "(no classes)")
    let text = ClassReportArt.render(
      precision: [.infinity], recall: [-3], f1: [.nan, 7], support: [Int.max, Int.max],
      style: .rich, width: 5
    )
    assertFits(text, width: 5)
  }
}

import TextArt
import XCTest

final class ProbabilityBarsTests: XCTestCase {
  let drawnThree = [0.001, 0, 0.002, 0.74, 0.0001, 0.03, 0, 0.004, 0.19, 0.0329]

  func testBarsWithMostLikelyMarkedAndRunnerUp() {
    let expected = """
      Drawing 1
        0 |                               0.1%
        1 |                               0.0%
        2 |                               0.2%
      > 3 |#####################         74.0%
        4 |                              <0.1%
        5 |#                              3.0%
        6 |                               0.0%
        7 |                               0.4%
        8 |#####                         19.0%
        9 |#                              3.3%
      Most likely: 3 (74.0%), then 8 (19.0%)
      """
    XCTAssertEqual(
      ProbabilityBars.render(
        probabilities: drawnThree, width: 40, style: .ascii, title: "Drawing 1"),
      expected)
  }

  func testCertainAnswerHasNoRunnerUp() {
    let certain = [Double](repeating: 0, count: 9) + [1]
    let text = ProbabilityBars.render(probabilities: certain, width: 30, style: .ascii)
    XCTAssertTrue(text.contains("> 9 |################## 100.0%"))
    XCTAssertTrue(text.hasSuffix("Most likely: 9 (100.0%)"))
  }

  func testFitsInEveryStyle() {
    for style in allStyles {
      for width in [80, 40, 20] {
        let text = ProbabilityBars.render(
          probabilities: drawnThree, width: width, style: style, title: "Your drawing")
        assertFits(text, width: width)
        assertColourClosed(text)
      }
    }
    let rich = ProbabilityBars.render(probabilities: drawnThree, width: 80, style: .rich)
    XCTAssertTrue(rich.contains("█"))
    XCTAssertTrue(rich.contains("│"))
  }

  func testOddInputs() {
    XCTAssertEqual(
      ProbabilityBars.render(probabilities: [], width: 40, style: .ascii), "(no probabilities)")
    let odd = ProbabilityBars.render(
      probabilities: [.nan, -1, 2, .infinity], width: 30, style: .ascii)
    let expected = """
        0 |                       --
        1 |                  -100.0%
      > 2 |#################  200.0%
        3 |                       --
      Most likely: 2 (200.0%)
      """
    XCTAssertEqual(odd, expected)
    XCTAssertEqual(
      ProbabilityBars.render(probabilities: [.nan], width: 30, style: .ascii),
      "  0 |                       --\nMost likely: unknown (no valid\nprobabilities)")
    assertFits(ProbabilityBars.render(probabilities: drawnThree, width: 1, style: .rich), width: 1)
  }
}

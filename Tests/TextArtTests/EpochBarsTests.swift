import TextArt
import XCTest

/// One or two epochs: a bar per epoch with its value, not dots stacked in one column (issue 18).
final class EpochBarsTests: XCTestCase {
  /// The chart `train` draws after its first epoch.
  let firstEpoch = Chart(
    title: "t b32 n600", leftLabel: "loss", rightLabel: "accuracy %",
    series: [
      ChartSeries(name: "train loss", values: [1.691], group: 0),
      ChartSeries(name: "test loss", values: [1.18974], group: 0, stroke: .dotted),
      ChartSeries(name: "test accuracy", values: [67.31], axis: .right),
    ])

  func testOneEpochIsABarPerSeriesWithItsValue() {
    let expected = """
                               t b32 n600
      loss
        train loss     epoch 1 ############################ 1.6910
        test loss      epoch 1 :::::::::::::::::::: 1.1897

      accuracy %
        test accuracy  epoch 1 ################### 67.31
      """
    XCTAssertEqual(LineChart.render(firstEpoch, width: 60, height: 22, style: .ascii), expected)
  }

  /// Percentages are out of 100: 67% is two thirds of a bar, not a full one.
  func testTwoEpochsAreTwoBarsEachOnTheirAxisScale() {
    var chart = firstEpoch
    chart.series[0].values.append(0.8)
    chart.series[1].values.append(nil)
    chart.series[2].values.append(80)
    let expected = """
                               t b32 n600
      loss
        train loss     epoch 1 ############################ 1.6910
                       epoch 2 ############# 0.8000
        test loss      epoch 1 :::::::::::::::::::: 1.1897
                       epoch 2 -

      accuracy %
        test accuracy  epoch 1 ################### 67.31
                       epoch 2 ###################### 80.00
      """
    XCTAssertEqual(LineChart.render(chart, width: 60, height: 22, style: .ascii), expected)
  }

  /// Bars keep the line chart's colours (one per group) and strokes (solid, dotted).
  func testRichBarsShareTheGroupColourAndDifferInStroke() {
    let text = LineChart.render(firstEpoch, width: 60, height: 22, style: .rich)
    let lines = text.split(separator: "\n").map(String.init)
    let train = lines.first { $0.contains("train loss") } ?? ""
    let test = lines.first { $0.contains("test loss") } ?? ""
    let accuracy = lines.first { $0.contains("test accuracy") } ?? ""
    XCTAssertTrue(train.contains("\u{1B}[0;38;5;39m━"), train)
    XCTAssertTrue(test.contains("\u{1B}[0;38;5;39m┅"), test)
    XCTAssertTrue(accuracy.contains("\u{1B}[0;38;5;208m━"), accuracy)
    XCTAssertTrue(stripANSI(test).hasSuffix(" 1.1897"))
    assertColourClosed(text)
  }

  /// A long name is cut, a wide screen does not stretch a bar past 80 cells, and every
  /// line fits in every style.
  func testBarsFitAnyWidth() {
    var chart = firstEpoch
    chart.series[0].name = String(repeating: "very long name ", count: 10)
    for style in allStyles {
      for width in [1, 12, 30, 80, 200] {
        let text = LineChart.render(chart, width: width, height: 24, style: style)
        assertFits(text, width: width, "\(style)")
        assertColourClosed(text)
      }
    }
    let wide = stripANSI(LineChart.render(firstEpoch, width: 200, height: 24, style: .rich))
    XCTAssertTrue(wide.contains(String(repeating: "━", count: 80) + " 1.6910"), wide)
    XCTAssertFalse(wide.contains(String(repeating: "━", count: 81)), wide)
  }
}

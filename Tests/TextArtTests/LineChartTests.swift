import TextArt
import XCTest

final class LineChartTests: XCTestCase {
  let training = Chart(
    title: "Net1", leftLabel: "loss", rightLabel: "acc %",
    series: [
      ChartSeries(name: "train", values: [0.52, 0.31, 0.22, 0.18, 0.15]),
      ChartSeries(name: "test", values: [0.40, 0.30, nil, 0.26, 0.27]),
      ChartSeries(name: "accuracy", values: [91.0, 93.5, 94.2, 94.8, 94.6], axis: .right),
    ])

  func testTwoAxesWithGapAndLegend() {
    let expected = """
                             Net1
      loss                                         acc %
      0.5 + *                         xxxxxxxxxxxxx |
          |  **                xxxxxxx              |
          |    **        xxxxxx                     + 94
      0.4 + ooo  **   xxx                           |
          |    oooo*xx                              + 93
      0.3 +       xxooo                             |
          |      x     *****             oooooooooo |
          |    xx           ******                  + 92
      0.2 +  xx                   **********        |
          | x                               ******* + 91
          +-+---------+--------+---------+--------+-+
            1         2        3         4        5
                             epoch
      *** train   ooo test   xxx accuracy (right)
      """
    XCTAssertEqual(LineChart.render(training, width: 50, height: 16, style: .ascii), expected)
  }

  func testNoDataSaysSo() {
    let chart = Chart(title: "Nothing", series: [ChartSeries(name: "loss", values: [nil, .nan])])
    XCTAssertEqual(
      LineChart.render(chart, width: 30, height: 9, style: .ascii),
      "           Nothing\n        (no data yet)")
    XCTAssertEqual(
      LineChart.render(Chart(), width: 20, height: 5, style: .rich), "   (no data yet)")
  }

  func testHeightIsHonouredAndEveryLineFits() {
    for style in allStyles {
      for (width, height) in [(80, 20), (40, 12), (120, 30)] {
        let text = LineChart.render(training, width: width, height: height, style: style)
        XCTAssertEqual(
          text.split(separator: "\n", omittingEmptySubsequences: false).count, height, "\(style)")
        assertFits(text, width: width)
        assertColourClosed(text)
      }
    }
    assertPlainASCII(LineChart.render(training, width: 80, height: 20, style: .ascii))
  }

  func testThirtyEpochsOfSixRuns() {
    let runs = (0..<6).map { run -> ChartSeries in
      let values: [Double?] = (1...30).map { epoch in
        let base = 0.02 + 0.2 / Double(epoch)
        return base + Double(run) * 0.004
      }
      return ChartSeries(name: "net3 dropout 0.\(run) test loss", values: values)
    }
    let chart = Chart(title: "Dropout", leftLabel: "test loss", series: runs)
    for style in allStyles {
      let text = LineChart.render(chart, width: 80, height: 24, style: style)
      assertFits(text, width: 80)
      let plain = stripANSI(text)
      XCTAssertTrue(plain.contains("net3 dropout 0.5 test loss"))
      XCTAssertTrue(
        plain.contains("29") || plain.contains("30") || plain.contains("25"), "late epochs labelled"
      )
    }
    let ascii = LineChart.render(chart, width: 80, height: 24, style: .ascii)
    for marker in ["*", "o", "x", "=", "#", "@"] {
      XCTAssertTrue(ascii.contains(marker + " net3"), "legend shows marker \(marker)")
    }
  }

  func testEpochTicksNeverTouchNorFallOffTheEdge() {
    let loss = Chart(series: [
      ChartSeries(name: "loss", values: (1...30).map { 0.02 + 0.3 / Double($0) })
    ])
    let expected = """
          | *
          | *
          |  *
      0.2 +   *
          |    **
          |      ******
          |            ***********************************************
      0.0 +
          +-+-------+---------+---------+--------+---------+---------+
            1       5         10        15       20        25       30
                                      epoch
      *** loss
      """
    XCTAssertEqual(LineChart.render(loss, width: 64, height: 12, style: .ascii), expected)
    let long = Chart(series: [ChartSeries(name: "loss", values: (1...100).map { 1 / Double($0) })])
    let lines = LineChart.render(long, width: 28, height: 10, style: .ascii).split(separator: "\n")
    XCTAssertEqual(lines[7], "      1         50       100")
  }

  func testVerticalTicksAreRoundNumbersInsideTheData() {
    let expected = """
      accuracy %
           |                                **
      98.5 +                            ****
           |                         ***
      98.0 +                    *****
           |               *****
      97.5 +           ****
           |         **
      97.0 +       **
           |     **
      96.5 +   **
           | **
           +-+----------+---------+----------+
             1          2         3          4
                          epoch
      *** test
      """
    let accuracy = Chart(
      leftLabel: "accuracy %",
      series: [ChartSeries(name: "test", values: [96.3, 97.6, 98.0, 98.8])])
    XCTAssertEqual(LineChart.render(accuracy, width: 40, height: 16, style: .ascii), expected)
  }

  func testFlatSeriesAndFixedRange() {
    let flat = Chart(series: [ChartSeries(name: "zero", values: [0, 0, 0])])
    XCTAssertEqual(
      LineChart.render(flat, width: 30, height: 8, style: .ascii),
      """
      1 +
        |
        |
      0 + **************************
        +-+------------+-----------+
          1            2           3
                    epoch
      *** zero
      """)
    let fixed = Chart(
      leftRange: 0...100, series: [ChartSeries(name: "acc", values: [50, 150, -20, 60])])
    let lines = LineChart.render(fixed, width: 30, height: 14, style: .ascii).split(separator: "\n")
    XCTAssertEqual(lines[0], "100 +")
    XCTAssertEqual(
      lines[9], "  0 +               *   *", "values beyond the range are cut at the edge")
  }

  func testOnlyRightAxisSeriesMoveToTheLeft() {
    let chart = Chart(
      rightLabel: "accuracy %", series: [ChartSeries(name: "acc", values: [90, 95], axis: .right)])
    let text = LineChart.render(chart, width: 40, height: 10, style: .ascii)
    XCTAssertTrue(text.hasPrefix("accuracy %"))
    XCTAssertFalse(text.contains("(right)"))
  }

  func testRichUsesBrailleAndColours() {
    let text = LineChart.render(training, width: 60, height: 16, style: .rich)
    XCTAssertTrue(text.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    XCTAssertTrue(text.contains("38;5;39"), "first series colour")
    XCTAssertTrue(text.contains("━━"))
    XCTAssertTrue(text.contains("┤"))
  }

  func testOddInputs() {
    let wild = Chart(
      title: String(repeating: "long title ", count: 20), xLabel: "", leftLabel: "l\u{1B}[31m",
      leftRange: 5...5,
      series: [
        ChartSeries(name: "huge", values: [1e300, -1e300, .infinity, 3]),
        ChartSeries(name: "", values: []),
        ChartSeries(name: "tiny", values: [1e-300, 2e-300], axis: .right),
      ])
    for width in [1, 5, 12, 40] {
      for height in [0, 3, 50] {
        for style in allStyles {
          assertFits(
            LineChart.render(wild, width: width, height: height, style: style), width: width)
        }
      }
    }
    let fixed = Chart(
      leftRange: 0...1, series: [ChartSeries(name: "out of range", values: [-5, 0.5, 1e9, 0.2])])
    assertFits(LineChart.render(fixed, width: 40, height: 10, style: .rich), width: 40)
    XCTAssertFalse(LineChart.render(wild, width: -4, height: Int.max, style: .ascii).isEmpty)
  }
}

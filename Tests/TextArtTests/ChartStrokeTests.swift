import TextArt
import XCTest

/// A run's train and test lines share a colour and differ in stroke; axis labels keep apart
/// from the lines; a chart takes the size it is given (issue 18).
final class ChartStrokeTests: XCTestCase {
  /// Two runs, train and test loss each, as `plot A B --metric both` draws them.
  let twoRuns = Chart(
    title: "Training and test loss", leftLabel: "loss",
    series: [
      ChartSeries(name: "A train", values: [0.9, 0.5, 0.3, 0.2], group: 0),
      ChartSeries(name: "A test", values: [0.8, 0.6, 0.5, 0.5], group: 0, stroke: .dotted),
      ChartSeries(name: "B train", values: [1.0, 0.7, 0.6, 0.5], group: 1),
      ChartSeries(name: "B test", values: [1.0, 0.9, 0.8, 0.8], group: 1, stroke: .dotted),
    ])

  func testASCIIDotsTheTestLinesAndTheLegendSaysWhich() {
    let expected = """
                    Training and test loss
      loss
      1.0 + ==x= = =
          | ** xxxxx = = === = = =
      0.8 + oo*o**  xxxx           = = = = = = = = = = =
          |      o*o*o oxxxxxxxxxx
      0.6 +           *o*ooo o o oxxxxxxxxxxxxxx
          |              *****     o o o o o o oxxxxxxxx
      0.4 +                   ********
          |                           **********
      0.2 +                                     ********
          +-+-------------+--------------+-------------+
            1             2              3             4
                               epoch
      *** A train   o o A test   xxx B train
      = = B test
      """
    XCTAssertEqual(LineChart.render(twoRuns, width: 50, height: 16, style: .ascii), expected)
  }

  func testRichGivesARunOneColourAndDashesItsTestLine() {
    let text = LineChart.render(twoRuns, width: 60, height: 16, style: .rich)
    let legend = text.split(separator: "\n").last.map(String.init) ?? ""
    XCTAssertEqual(
      legend,
      "\u{1B}[0;1;38;5;39m━━\u{1B}[0m A train   \u{1B}[0;1;38;5;39m┅┅\u{1B}[0m A test   "
        + "\u{1B}[0;1;38;5;208m━━\u{1B}[0m B train   \u{1B}[0;1;38;5;208m┅┅\u{1B}[0m B test")
    let colours = Set(
      text.components(separatedBy: "38;5;").dropFirst().compactMap {
        Int($0.prefix { $0.isNumber })
      })
    XCTAssertEqual(colours, [39, 208, 244], "two runs, two colours (and the grey axes)")
    // B's test loss is flat at 0.8 from epoch 3: a dashed line, a cell drawn and a cell blank.
    let flat = text.split(separator: "\n").map(String.init).first {
      stripANSI($0).contains("⠒ ⠒ ⠒") || stripANSI($0).contains("⠉ ⠉ ⠉")
        || stripANSI($0).contains("⠤ ⠤ ⠤") || stripANSI($0).contains("⣀ ⣀ ⣀")
    }
    XCTAssertNotNil(flat, stripANSI(text))
  }

  /// Without colour the strokes still differ: no two series share a legend sample.
  func testStrokesDifferWithoutColour() {
    for style in [ArtStyle.ascii, .monochrome] {
      let plain = LineChart.render(twoRuns, width: 70, height: 16, style: style)
      let legend = plain.split(separator: "\n").last.map(String.init) ?? ""
      XCTAssertEqual(legend, "*** A train   o o A test   xxx B train   = = B test", "\(style)")
    }
  }

  /// Between the tick labels' gutter and the first epoch there is always a blank
  /// column (two on a wide chart), and as many before a right axis, so no label
  /// is read as a line's value.
  func testAxisLabelsNeverTouchALine() {
    let training = Chart(
      leftLabel: "loss", rightLabel: "accuracy %",
      series: [
        ChartSeries(name: "train loss", values: [0, 1.5, 0.3, 0.2, 0.1], group: 0),
        ChartSeries(name: "test loss", values: [0, 1.1, 0.5, 0.4, 0.4], group: 0, stroke: .dotted),
        ChartSeries(name: "test accuracy", values: [60, 70, 80, 85, 99], axis: .right),
      ])
    for style in allStyles {
      for (width, height) in [(40, 12), (80, 20), (200, 58)] {
        let lines = LineChart.render(training, width: width, height: height, style: style)
          .split(separator: "\n").map { Array(stripANSI($0)) }
        guard let ruleIndex = lines.firstIndex(where: { $0.contains("└") || $0.contains("+-") }),
          let corner = lines[ruleIndex].firstIndex(where: { $0 != " " }),
          let end = lines[ruleIndex].lastIndex(where: { $0 != " " })
        else { return XCTFail("no epoch axis") }
        // Two blank columns on a wide plot, one on a narrow one.
        let gap = width >= 80 ? 2 : 1
        let blank = String(repeating: " ", count: gap)
        for row in lines[1..<ruleIndex] where row.count > end {
          XCTAssertEqual(String(row[(corner + 1)...(corner + gap)]), blank, String(row))
          XCTAssertEqual(String(row[(end - gap)...(end - 1)]), blank, "\(style): \(String(row))")
        }
      }
    }
  }

  /// With two axes, each axis' numbers take the colour of its series.
  func testTwoAxesTakeTheirSeriesColours() {
    let training = Chart(
      leftLabel: "loss", rightLabel: "accuracy %",
      series: [
        ChartSeries(name: "train loss", values: [0.9, 0.5, 0.3], group: 0),
        ChartSeries(name: "test loss", values: [0.8, 0.6, 0.5], group: 0, stroke: .dotted),
        ChartSeries(name: "test accuracy", values: [80, 90, 95], axis: .right),
      ])
    let text = LineChart.render(training, width: 60, height: 16, style: .rich)
    XCTAssertTrue(text.hasPrefix("\u{1B}[0;38;5;39mloss"), text)
    XCTAssertTrue(text.contains("\u{1B}[0;38;5;208maccuracy %"), text)
    XCTAssertTrue(text.contains("\u{1B}[0;38;5;39m0.6"), text)
    XCTAssertTrue(text.contains("├\u{1B}[0m \u{1B}[0;38;5;208m90"), text)
  }

  /// The chart takes the size it is given: the lines asked for, the full width, and more
  /// numbered ticks when it is tall.
  func testTheChartFillsTheSizeItIsGiven() {
    let history = Chart(
      title: "net", leftLabel: "loss",
      series: [
        ChartSeries(name: "train", values: (1...15).map { 1.5 / Double($0) }, group: 0),
        ChartSeries(
          name: "test", values: (1...15).map { 0.3 + 1.2 / Double($0) }, group: 0, stroke: .dotted),
      ])
    var tickCounts: [Int] = []
    for (width, height) in [(80, 22), (200, 58)] {
      let lines = stripANSI(LineChart.render(history, width: width, height: height, style: .rich))
        .split(separator: "\n", omittingEmptySubsequences: false)
      XCTAssertEqual(lines.count, height)
      XCTAssertEqual(lines.map { visibleWidth($0) }.max(), width)
      tickCounts.append(lines.filter { $0.contains("┤") }.count)
    }
    XCTAssertGreaterThan(tickCounts[1], tickCounts[0], "a tall chart numbers more rows")
  }
}

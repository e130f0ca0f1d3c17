import TextArt
import XCTest

final class ArtStyleTests: XCTestCase {
  func testPresets() {
    XCTAssertEqual(ArtStyle.ascii, ArtStyle(color: false, unicode: false))
    XCTAssertEqual(ArtStyle.rich, ArtStyle(color: true, unicode: true))
    XCTAssertEqual(ArtStyle.monochrome, ArtStyle(color: false, unicode: true))
  }

  /// Caller text is cleaned: escapes and control characters go, and ASCII
  /// style spells arrows and dashes in ASCII.
  func testCallerTextIsSanitised() {
    let chart = Chart(title: "a\u{1B}[31mb\nc→d", series: [ChartSeries(name: "x", values: [1, 2])])
    XCTAssertTrue(
      LineChart.render(chart, width: 30, height: 8, style: .ascii).hasPrefix("            ab c>d\n")
    )
    let grid = DigitGrid.render(
      images: [seven], captions: ["7→2"],
      options: DigitGridOptions(width: 12, scale: 2, imageWidth: 12, imageHeight: 12))
    XCTAssertTrue(grid.hasSuffix("\n 7>2"))
    let unicode = DigitGrid.render(
      images: [seven], captions: ["7→2"],
      options: DigitGridOptions(
        style: .monochrome, width: 12, scale: 2, imageWidth: 12, imageHeight: 12))
    XCTAssertTrue(unicode.hasSuffix("\n 7→2"))
  }

  /// Every renderer in ASCII style prints 7-bit ASCII only, even when given
  /// Unicode text such as "7→2".
  func testASCIIStyleIsPureASCIIEverywhere() {
    let style = ArtStyle.ascii
    let outputs = [
      DigitArt.render(pixels: mnistSizedSeven, style: style),
      DigitArt.values(pixels: mnistSizedSeven, format: .normalised, style: style),
      DigitGrid.render(
        images: [seven, one], captions: ["7→2", "1 ✓"],
        options: DigitGridOptions(style: style, highlight: [true])),
      LineChart.render(
        Chart(
          title: "Verlust — über Epochen", leftLabel: "loss ↓",
          series: [ChartSeries(name: "train µ", values: [1, 0.5])]),
        width: 60, height: 12, style: style),
      ProbabilityBars.render(
        probabilities: [0.2, 0.8], width: 40, style: style, title: "Zeichnung “3”"),
      ConfusionMatrixArt.render(matrix: [[5, 1], [2, 7]], style: style),
      ClassReportArt.render(
        precision: [0.9, 0.8], recall: [0.9, 0.7], f1: [0.9, 0.75], support: [10, 10], style: style),
      ProgressLine.render(ProgressInfo(epoch: 1, epochs: 2, done: 5, total: 10), style: style),
      Heatmap.render(values: [1, -1, 0.5, -0.5], width: 2, height: 2, style: style),
      Heatmap.tile(
        maps: [[1, 2], [3, 4]], mapWidth: 2, mapHeight: 1, captions: ["α", "β"], style: style),
    ]
    for output in outputs {
      assertPlainASCII(output)
    }
  }
}

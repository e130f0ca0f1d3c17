import TextArt
import XCTest

/// Odd and random inputs: nothing may crash, and every line must fit.
final class RobustnessTests: XCTestCase {
  /// A small deterministic generator (SplitMix64), so failures reproduce.
  struct Generator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
      range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func double() -> Double {
      switch next() % 12 {
      case 0: return .nan
      case 1: return .infinity
      case 2: return -.infinity
      case 3: return 0
      case 4: return Double(int(-1000...1000)) * 1e6
      default: return Double(next() % 10_000) / 5_000 - 0.5
      }
    }

    mutating func text() -> String {
      let pieces = [
        "7→2", "\u{1B}[31m", "\n", "数字", "", "loss", "e\u{301}", "\t", "a very long label indeed",
      ]
      return (0..<int(0...3)).map { _ in pieces[int(0...(pieces.count - 1))] }.joined()
    }
  }

  func testRandomInputsNeverCrashAndAlwaysFit() {
    var random = Generator(state: 2024)
    for round in 0..<150 {
      let width = random.int(1...130)
      let style = allStyles[random.int(0...3)]
      let side = random.int(-2...30)
      let count = random.int(0...12)
      let pixels = (0..<random.int(0...900)).map { _ in UInt8(random.int(0...255)) }
      let doubles = (0..<count).map { _ in random.double() }
      let message = "round \(round), width \(width), \(style)"

      assertFits(
        DigitArt.render(
          pixels: pixels, width: side, height: side, style: style, scale: random.int(-1...9),
          maxWidth: width),
        width: width, message)
      assertFits(
        DigitArt.values(
          pixels: pixels, width: side, height: side,
          format: random.int(0...1) == 0 ? .raw : .normalised,
          cropToInk: random.int(0...1) == 0, style: style, maxWidth: width), width: width, message)
      let images = (0..<count).map { _ in pixels }
      let options = DigitGridOptions(
        style: style, width: width, columns: random.int(0...1) == 0 ? nil : random.int(-1...12),
        scale: random.int(0...1) == 0 ? nil : random.int(-1...9),
        highlight: (0..<random.int(0...12)).map { _ in random.int(0...1) == 0 },
        imageWidth: side, imageHeight: side)
      assertFits(
        DigitGrid.render(
          images: images, captions: (0..<count).map { _ in random.text() }, options: options),
        width: width, message)

      let series = (0..<random.int(0...6)).map { _ in
        ChartSeries(
          name: random.text(),
          values: (0..<random.int(0...40)).map { _ in random.int(0...4) == 0 ? nil : random.double()
          },
          axis: random.int(0...1) == 0 ? .left : .right)
      }
      let chart = Chart(
        title: random.text(), xLabel: random.text(), leftLabel: random.text(),
        rightLabel: random.text(),
        series: series)
      assertFits(
        LineChart.render(chart, width: width, height: random.int(-5...40), style: style),
        width: width,
        message)

      assertFits(
        ProbabilityBars.render(
          probabilities: doubles, width: width, style: style, title: random.text()),
        width: width, message)
      let matrix = (0..<random.int(0...11)).map { _ in
        (0..<random.int(0...11)).map { _ in random.int(-5...200_000) }
      }
      assertFits(
        ConfusionMatrixArt.render(matrix: matrix, style: style, width: width), width: width, message
      )
      assertFits(
        ClassReportArt.render(
          precision: doubles, recall: doubles.reversed(), f1: doubles.shuffled(using: &random),
          support: (0..<count).map { _ in random.int(-5...100_000) }, style: style, width: width),
        width: width, message)
      let info = ProgressInfo(
        epoch: random.int(-3...30), epochs: random.int(-3...30), done: random.int(-10...100_000),
        total: random.int(-10...100_000),
        imagesPerSecond: random.double(), etaSeconds: random.double() * 1e4,
        runningLoss: random.double())
      assertFits(ProgressLine.render(info, width: width, style: style), width: width, message)
      let floats = (0..<random.int(0...700)).map { _ in Float(random.double()) }
      assertFits(
        Heatmap.render(values: floats, width: side, height: side, style: style, maxWidth: width),
        width: width, message)
      assertFits(
        Heatmap.tile(
          maps: (0..<count).map { _ in floats }, mapWidth: side, mapHeight: side,
          captions: [random.text()],
          width: width, style: style),
        width: width, message)
    }
  }

  func testConfusionMatrixFitsItsWidthWhenItCan() {
    var random = Generator(state: 7)
    for _ in 0..<50 {
      let matrix = (0..<10).map { _ in (0..<10).map { _ in random.int(0...99_999) } }
      for style in allStyles {
        assertFits(ConfusionMatrixArt.render(matrix: matrix, style: style, width: 80), width: 80)
      }
    }
  }
}

extension RobustnessTests.Generator: RandomNumberGenerator {}

import DigitShell
import Foundation
import XCTest

/// The familiarity gauge: how far an image is from the net's training digits, in its last
/// hidden layer, read against MNIST test digits. Run as the real binary on Net1 (quick).
final class FamiliarityTests: XCTestCase {
  /// A scribble no digit looks like: a square outline along the grid's edges.
  func scribble() throws -> URL {
    let full = String(repeating: "#", count: 28)
    let side = "#" + String(repeating: ".", count: 26) + "#"
    let rows = [full] + Array(repeating: side, count: 26) + [full]
    let url = Binary.temporaryHome().appendingPathComponent("scribble.txt")
    try (rows.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  /// The `familiarity` object of each `predict --json` line.
  func familiarities(_ output: String) throws -> [[String: Any]] {
    try output.split(separator: "\n").map { line in
      let object = try XCTUnwrap(
        JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
      return try XCTUnwrap(object["familiarity"] as? [String: Any], String(line))
    }
  }

  func testMNISTTestDigitsAreMoreFamiliarThanAScribble() throws {
    let scribble = try scribble()
    let (output, status) = try Binary.run([
      "predict", "--index", "3", "--model", "net1", "--json", scribble.path,
    ])
    XCTAssertEqual(status, 0, output)
    let gauges = try familiarities(output)
    XCTAssertEqual(gauges.count, 2, output)
    let digit = try XCTUnwrap(gauges[0]["score"] as? Double)
    let mess = try XCTUnwrap(gauges[1]["score"] as? Double)
    XCTAssertGreaterThan(digit, mess, output)
    XCTAssertEqual(gauges[0]["verdict"] as? String, "familiar", output)
    XCTAssertEqual(gauges[1]["verdict"] as? String, "unlike", output)
    XCTAssertLessThan(
      try XCTUnwrap(gauges[1]["percentile"] as? Double), 1, "below the 1st percentile: \(output)")
  }

  func testPredictSaysInWordsWhetherTheNetHasSeenAnythingLikeIt() throws {
    let scribble = try scribble()
    let (output, status) = try Binary.run(["predict", scribble.path, "--model", "net1"])
    XCTAssertEqual(status, 0, output)
    let words = output.replacingOccurrences(of: "\n", with: " ")
    XCTAssertTrue(
      words.contains("Reading the 60,000 training images and 1,000 test images"), output)
    XCTAssertNotNil(
      words.range(
        of: "net1 is (only )?[0-9]+% sure it is a [0-9], (but|and) it has never seen",
        options: .regularExpression), output)
    XCTAssertNotNil(
      words.range(of: "Familiarity [01]\\.[0-9]{3} ", options: .regularExpression), output)
    XCTAssertNotNil(
      words.range(
        of: "(only [0-9.]+% of MNIST test digits are|no MNIST test digit in the sample is) "
          + "less familiar\\.", options: .regularExpression), output)
    for line in output.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, output) }
  }

  func testQuietPredictReadsNoGauge() throws {
    let (output, status) = try Binary.run([
      "predict", "Data/drawings/9-looks-like-7.txt", "--model", "net1", "--quiet",
    ])
    XCTAssertEqual(status, 0, output)
    XCTAssertFalse(output.contains("Reading the"), output)
    XCTAssertFalse(output.contains("Familiarity"), output)
  }

  func testCalibrationLinesArePercentilesOfTheSample() {
    let calibration = FamiliarityCalibration(scores: (1...1000).map { Float($0) / 1000 }.reversed())
    XCTAssertEqual(calibration.unlikeLine, 0.011)
    XCTAssertEqual(calibration.unusualLine, 0.101)
    XCTAssertEqual(calibration.percentile(of: 0.011), 1)
    XCTAssertEqual(calibration.percentile(of: 0.0005), 0)
    XCTAssertEqual(calibration.verdict(for: 0.010), .unlike)
    XCTAssertEqual(calibration.verdict(for: 0.011), .unusual)
    XCTAssertEqual(calibration.verdict(for: 0.101), .familiar)
  }

  func testWordsCombineConfidenceAndFamiliarity() {
    let sure = [0.005, 0, 0, 0, 0, 0, 0, 0.005, 0, 0.99]
    let unsure = [0, 0, 0, 0, 0, 0, 0, 0.45, 0, 0.55]
    let never = Familiarity(score: 0.5, percentile: 0, verdict: .unlike)
    let seen = Familiarity(score: 0.9, percentile: 62, verdict: .familiar)
    XCTAssertEqual(
      FamiliarityWords.headline(never, probabilities: sure, model: "net3"),
      "net3 is 99% sure it is a 9, but it has never seen a 9 like this.")
    XCTAssertEqual(
      FamiliarityWords.headline(never, probabilities: unsure, model: "net3"),
      "net3 is only 55% sure it is a 9, and it has never seen anything like this.")
    XCTAssertEqual(
      FamiliarityWords.headline(seen, probabilities: sure, model: "net3"),
      "net3 is 99% sure it is a 9, and it has seen many digits like this.")
    for width in [30, 49, 80] {
      XCTAssertLessThanOrEqual(
        FamiliarityWords.line(never, probabilities: sure, width: width).count, width)
    }
  }

  /// `familiar` at 80×24: both histograms, the model's name, the lines and the shares fit
  /// one screen with the command that made them.
  func testFamiliarShowsBothHistogramsOnOneScreen() throws {
    let result = try Pty.run([
      .init("familiar --model net1\r", until: "Below never seen", timeout: 120)
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
    let screen = try XCTUnwrap(result.screens.last)
    let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertLessThanOrEqual(rows.count, 24)
    XCTAssertTrue(
      screen.contains("digitlab> familiar --model net1"),
      "the command is still on screen: \(screen)")
    XCTAssertTrue(screen.contains("Has net1 seen anything like these?"), screen)
    XCTAssertTrue(screen.contains("MNIST test, first 1000"), screen)
    XCTAssertTrue(screen.contains("handwriting, 840 drawings"), screen)
    XCTAssertTrue(screen.contains("unusual below 0."), screen)
    XCTAssertTrue(screen.contains("never seen below 0."), screen)
    XCTAssertNotNil(
      screen.range(
        of: "Below the unusual line \\(the 10th percentile of MNIST test\\): MNIST 10\\.0%",
        options: .regularExpression), screen)
    for row in rows { XCTAssertLessThanOrEqual(row.count, 80, String(row)) }
  }
}

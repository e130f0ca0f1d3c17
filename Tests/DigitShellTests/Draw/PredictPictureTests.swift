import DigitKit
import DigitShell
import Foundation
import XCTest

/// `predict FILE` shows the 28×28 image the model reads (the drawing after preprocessing)
/// beside its bars, so a look-alike such as the 3 that looks like a 2 is seen, not only scored.
final class PredictPictureTests: XCTestCase {
  static let three = "Data/drawings/3-looks-like-2.txt"

  func lines(_ output: String) -> [String] {
    output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The ASCII picture of what the net sees, as `CanvasArt` draws it at full scale.
  func seen(_ file: String) throws -> [String] {
    let drawing = try Drawing(contentsOf: Binary.repository.appendingPathComponent(file))
    return CanvasArt.lines(
      try Preprocess.mnistImage(drawing), width: 28, height: 28, scale: .full, rich: false)
  }

  func testThePictureTheNetSeesIsBesideTheBarsIn80Columns() throws {
    let (output, status) = try Binary.run(["predict", Self.three, "--model", "net2"])
    XCTAssertEqual(status, 0, output)
    let rows = lines(output)
    XCTAssertEqual(rows.first, "\(Self.three), model net2")
    XCTAssertTrue(rows[1].hasPrefix("+- what net2 sees ---"), output)
    let picture = try seen(Self.three)
    XCTAssertTrue(picture.joined().contains("@"), "the 3 has full ink")
    for (i, art) in picture.enumerated() {
      XCTAssertTrue(rows[2 + i].hasPrefix("|" + art + "|"), "picture row \(i): \(rows[2 + i])")
    }
    // Beside the picture's first rows: the ten bars, the most likely marked.
    XCTAssertTrue(rows[2].hasSuffix("0 |          <0.1%"), rows[2])
    XCTAssertNotNil(rows[5].range(of: "\\|  > 3 \\|#+ +[0-9.]+%$", options: .regularExpression))
    XCTAssertTrue(output.contains("Most likely: 3"), output)
    for row in rows { XCTAssertLessThanOrEqual(row.count, 80, row) }
  }

  func testQuietShowsTheBarsOnly() throws {
    let (output, status) = try Binary.run(["predict", Self.three, "--model", "net2", "--quiet"])
    XCTAssertEqual(status, 0, output)
    let rows = lines(output)
    XCTAssertEqual(rows.first, "\(Self.three), model net2")
    XCTAssertTrue(rows[1].hasPrefix("  0 |"), output)
    XCTAssertFalse(output.contains("sees"), output)
    XCTAssertEqual(rows.count, 13, "title, ten bars, the verdict, and the final newline")
  }

  /// The answer's fields, and the familiarity gauge's (added with issue 21).
  func testJSONHasTheAnswerAndTheFamiliarity() throws {
    let (output, status) = try Binary.run(["predict", Self.three, "--model", "net2", "--json"])
    XCTAssertEqual(status, 0, output)
    XCTAssertEqual(lines(output).count, 2, output)
    let object = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    XCTAssertEqual(
      Set(object.keys), ["familiarity", "file", "model", "prediction", "probabilities"])
    XCTAssertEqual(object["prediction"] as? Int, 3)
    let familiarity = try XCTUnwrap(object["familiarity"] as? [String: Any], output)
    XCTAssertEqual(Set(familiarity.keys), ["percentile", "score", "verdict"])
    XCTAssertTrue(
      ["familiar", "unusual", "unlike"].contains(familiarity["verdict"] as? String ?? ""), output)
  }

  func testANarrowWindowStacksTheBarsUnderASmallerPicture() throws {
    let (output, status) = try Binary.run(
      ["predict", "--index", "0", "--model", "net1"], environment: ["COLUMNS": "50"])
    XCTAssertEqual(status, 0, output)
    let rows = lines(output)
    XCTAssertEqual(rows.first, "test[0], labelled 7, model net1")
    XCTAssertTrue(rows[1].hasPrefix("+- what net1 sees ---"), output)
    XCTAssertEqual(rows[1].count, 30, "compact: one column and half a row per pixel")
    XCTAssertEqual(rows[16], "+" + String(repeating: "-", count: 28) + "+")
    XCTAssertTrue(rows[17].hasPrefix("  0 |"), output)
    for row in rows { XCTAssertLessThanOrEqual(row.count, 50, row) }
  }
}

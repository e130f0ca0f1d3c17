import DigitKit
import Foundation
import XCTest

/// `Data/drawings/handwriting` (issue 21): at least 500 digits, 50 of each, and hard enough
/// to see what the study saw: the study's recipe reads MNIST well and people badly. The best
/// shipped Net3 reads at least 90% of the set, and net3-study at least 15 points fewer.
final class HandwritingSetTests: XCTestCase {
  static let folder = DrawingFilesTests.folder.appendingPathComponent("handwriting")

  func testAtLeastFiftyOfEachDigit() throws {
    let set = try LabelledDrawings(directory: Self.folder)
    XCTAssertGreaterThanOrEqual(set.count, 500)
    for digit in 0...9 {
      XCTAssertGreaterThanOrEqual(set.labels.filter { $0 == digit }.count, 50, "digit \(digit)")
    }
  }

  func testTheStudysRecipeFallsWellBehindTheBestNet3() throws {
    let set = try LabelledDrawings(directory: Self.folder)
    let models = DrawingFilesTests.folder.deletingLastPathComponent().appendingPathComponent(
      "models")
    func score(_ name: String) throws -> Double {
      let (model, _) = try Model.load(
        contentsOf: models.appendingPathComponent(name + ".safetensors"))
      let result = Evaluator.evaluate(model, on: set)
      return 100 * Double(result.correct) / Double(result.total)
    }
    let best = try max(score("net3"), score("net3-augmented"))
    let study = try score("net3-study")
    XCTAssertGreaterThanOrEqual(best, 90, "the best shipped Net3 reads most people's digits")
    XCTAssertGreaterThanOrEqual(best - study, 15, "net3-study \(study)%, best \(best)%")
  }

  /// `--keep-best watch` without `--watch` watches people's digits (issue 21).
  func testKeepBestWatchesTheHandwritingSetByDefault() throws {
    let run = try Binary.run([
      "train", "--net", "net1", "--epochs", "1", "--limit", "600", "--test-limit", "500",
      "--keep-best", "watch",
    ])
    XCTAssertEqual(run.status, 0, run.output)
    let count = try LabelledDrawings(directory: Self.folder).count
    XCTAssertTrue(run.output.contains("scoring \(count) drawings after each epoch"), run.output)
  }
}

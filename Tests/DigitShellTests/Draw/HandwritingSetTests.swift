import DigitKit
import Foundation
import XCTest

/// `Data/drawings/handwriting` (issue 21): at least 500 digits, 50 of each, and hard enough
/// to see what the study saw: the study's recipe reads MNIST well and people badly. The best
/// shipped Net3 (net3-people, the default) reads at least 90% of the set and more than any
/// other shipped model, and net3-study at least 15 points fewer.
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
    let people = try score("net3-people")
    let others = try ["net1", "net2", "net3", "net3-augmented"].map(score)
    let study = try score("net3-study")
    XCTAssertGreaterThanOrEqual(people, 90, "the best shipped Net3 reads most people's digits")
    XCTAssertGreaterThanOrEqual(people - study, 15, "net3-study \(study)%, best \(people)%")
    // The default model (net3-people) earns its place: no shipped model reads the set better.
    XCTAssertGreaterThan(people, others.max() ?? 0, "net3-people \(people)%, others \(others)")
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

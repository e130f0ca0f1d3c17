import DigitKit
import XCTest

/// Issue 19, defect 3: evaluation sizes its batches to the memory there is.
final class InferenceMemoryTests: XCTestCase {
  /// conv 1→4096 1×1 padding 16, maxpool 28, flatten, linear 16384→10: 14.7 GB of conv
  /// output alone per evaluation batch of 250.
  static func wideModel() throws -> Model {
    try Model.make(specs: [
      LayerSpec(kind: .conv2d, inputs: 1, outputs: 4096, kernel: 1, padding: 16),
      LayerSpec(kind: .maxPool2d, kernel: 28), LayerSpec(kind: .flatten),
      LayerSpec(kind: .linear, inputs: 4096 * 2 * 2, outputs: 10), LayerSpec(kind: .logSoftmax),
    ])
  }

  func testEstimateCountsTheConvOutput() throws {
    let bytes = MemoryBudget.inferenceBytes(model: try Self.wideModel(), batchSize: 250)
    XCTAssertGreaterThan(bytes, 14.7e9)
    XCTAssertLessThan(MemoryBudget.inferenceBytes(model: Model.make(.net3), batchSize: 250), 0.5e9)
  }

  func testBatchShrinksToWhatFits() throws {
    let model = try Self.wideModel()
    let batch = try MemoryBudget.inferenceBatchSize(
      "evaluating wide", model: model, preferred: 250, available: 2e9)
    XCTAssert((1..<250).contains(batch), "\(batch)")
    XCTAssertLessThanOrEqual(MemoryBudget.inferenceBytes(model: model, batchSize: batch), 2e9)
    XCTAssertGreaterThan(MemoryBudget.inferenceBytes(model: model, batchSize: batch + 1), 2e9)
    XCTAssertEqual(Evaluator.batchSize(for: model, available: 2e9), batch)
    XCTAssertEqual(Evaluator.batchSize(for: Model.make(.net3), available: 2e9), Evaluator.batchSize)
  }

  func testRefusedWhenNotEvenOneImageFits() throws {
    XCTAssertThrowsError(
      try Evaluator.checkMemory(try Self.wideModel(), name: "wide", available: 150e6)
    ) { error in
      XCTAssert("\(error)".hasPrefix("evaluating wide needs about "), "\(error)")
      XCTAssert(
        "\(error)".hasSuffix(
          " for one image but only 150 MB is free; close other programs or use a smaller model"),
        "\(error)")
    }
    XCTAssertNoThrow(try Evaluator.checkMemory(Model.make(.net3), name: "net3", available: 1e9))
  }
}

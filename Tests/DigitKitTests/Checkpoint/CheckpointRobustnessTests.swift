import DigitKit
import Foundation
import XCTest

/// Checkpoints that parse but describe a model DigitLab cannot run on MNIST (issue 19).
final class CheckpointRobustnessTests: XCTestCase {
  /// A checkpoint for inputs of `inputShape` (C, H, W), with layers to match:
  /// conv C→2 5×5, flatten, linear → 10, logsoftmax.
  func checkpoint(inputShape: [Int]) throws -> SafeTensors {
    let model = try Model.make(specs: [
      LayerSpec(kind: .conv2d, inputs: inputShape[0], outputs: 2, kernel: 5),
      LayerSpec(kind: .flatten),
      LayerSpec(kind: .linear, inputs: 2 * (inputShape[1] - 4) * (inputShape[2] - 4), outputs: 10),
      LayerSpec(kind: .logSoftmax),
    ], inputShape: inputShape)
    return try model.checkpoint(info: ModelInfo())
  }

  func assertRejects(_ file: SafeTensors, _ text: String, file path: StaticString = #filePath, line: UInt = #line) throws {
    let bytes = try file.serialized()
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: bytes)), file: path, line: line) { error in
      XCTAssert("\(error)".contains(text), "'\(error)' should say '\(text)'", file: path, line: line)
      XCTAssertFalse("\(error)".contains("\n"), file: path, line: line)
    }
  }

  /// Defect 1: a model for 2×28×28, 1×112×112 or 3×28×28 inputs loaded, and then read past
  /// the end of every MNIST batch (eval segfaulted in OpenBLAS).
  func testModelForOtherInputsIsRefused() throws {
    for shape in [[2, 28, 28], [1, 112, 112], [3, 28, 28]] {
      let expected = "takes \(shape.map(String.init).joined(separator: "×")) inputs; MNIST digits are 1×28×28"
      try assertRejects(try checkpoint(inputShape: shape), expected)
    }
    XCTAssertNoThrow(try Model.load(SafeTensors(bytes: try checkpoint(inputShape: [1, 28, 28]).serialized())))
  }

  /// Defect 1, the file's name: the line names the file.
  func testRefusalNamesTheFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rgb-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try checkpoint(inputShape: [3, 28, 28]).write(to: url)
    XCTAssertThrowsError(try Model.load(contentsOf: url)) { error in
      XCTAssertEqual("\(error)", "\(url.lastPathComponent) takes 3×28×28 inputs; MNIST digits are 1×28×28")
    }
  }

  /// Defect 1, the engine's own guard: a trainer refuses a model that does not take MNIST digits.
  func testTrainerRefusesModelForOtherInputs() throws {
    let model = try Model.make(specs: [LayerSpec(kind: .flatten), LayerSpec(kind: .linear, inputs: 2 * 28 * 28, outputs: 10),
                                       LayerSpec(kind: .logSoftmax)], inputShape: [2, 28, 28])
    XCTAssertThrowsError(try Trainer(model: model, options: TrainingOptions(optimizer: NetName.net1.defaultOptimizer))) {
      XCTAssert("\($0)".contains("takes 2×28×28 inputs; MNIST digits are 1×28×28"), "\($0)")
    }
  }
}

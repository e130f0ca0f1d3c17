import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 1: checkpoints for inputs other than MNIST digits, run by the real binary.
final class RobustnessModelShapeTests: XCTestCase {
  /// A checkpoint for 3×28×28 inputs: conv 3→2 5×5, flatten, linear 1152→10, logsoftmax.
  func colourCheckpoint() throws -> URL {
    let model = try Model.make(
      specs: [
        LayerSpec(kind: .conv2d, inputs: 3, outputs: 2, kernel: 5), LayerSpec(kind: .flatten),
        LayerSpec(kind: .linear, inputs: 2 * 24 * 24, outputs: 10), LayerSpec(kind: .logSoftmax),
      ], inputShape: [3, 28, 28])
    let url = Binary.temporaryHome().appendingPathComponent("colour.safetensors")
    try model.save(to: url, info: ModelInfo())
    return url
  }

  /// `eval` segfaulted in OpenBLAS, `predict` printed "--" bars and exited 0.
  func testEvalAndPredictRefuseAModelForOtherInputs() throws {
    let file = try colourCheckpoint()
    for arguments in [
      ["eval", "--model", file.path], ["predict", "--index", "0", "--model", file.path],
      ["train", file.path, "--limit", "100", "--test-limit", "100"],
    ] {
      let (output, status) = try Binary.run(arguments)
      XCTAssertEqual(status, 1, "\(arguments[0]): \(output)")
      XCTAssert(
        output.contains("colour.safetensors takes 3×28×28 inputs; MNIST digits are 1×28×28"),
        "\(arguments[0]): \(output)")
      XCTAssertEqual(output.split(separator: "\n").count, 1, "\(arguments[0]): \(output)")
    }
  }
}

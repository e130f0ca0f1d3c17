import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 3: commands that run a model check the memory it needs first.
final class RobustnessEvalMemoryTests: XCTestCase {
  /// A classifier whose activations for one image take about 24 GB: 36 convolutions 1→1 1×1
  /// with padding 16 grow the image to 1180×1180, then conv 1→4096 makes 4096×1212×1212.
  func giantCheckpoint() throws -> URL {
    var specs = Array(
      repeating: LayerSpec(kind: .conv2d, inputs: 1, outputs: 1, kernel: 1, padding: 16), count: 36)
    specs += [
      LayerSpec(kind: .conv2d, inputs: 1, outputs: 4096, kernel: 1, padding: 16),
      LayerSpec(kind: .conv2d, inputs: 4096, outputs: 1, kernel: 1),
      LayerSpec(kind: .maxPool2d, kernel: 28),
      LayerSpec(kind: .flatten), LayerSpec(kind: .linear, inputs: 43 * 43, outputs: 10),
      LayerSpec(kind: .logSoftmax),
    ]
    let url = Binary.temporaryHome().appendingPathComponent("giant.safetensors")
    try Model.make(specs: specs).save(to: url, info: ModelInfo())
    return url
  }

  /// `eval` had no memory check and allocated whatever a batch of 250 took.
  func testEvalAndPredictRefuseAModelThatDoesNotFit() throws {
    let file = try giantCheckpoint()
    for arguments in [
      ["eval", "--model", file.path], ["predict", "--index", "0", "--model", file.path],
    ] {
      let (output, status) = try Binary.run(arguments)
      XCTAssertEqual(status, 1, "\(arguments[0]): \(output)")
      XCTAssert(output.contains("for one image but only "), "\(arguments[0]): \(output)")
      XCTAssertEqual(output.split(separator: "\n").count, 1, "\(arguments[0]): \(output)")
    }
  }
}

import DigitKit
import Foundation
import XCTest

/// Checkpoints that parse but describe a model DigitLab cannot run on MNIST (issue 19).
final class CheckpointRobustnessTests: XCTestCase {
  /// A checkpoint for inputs of `inputShape` (C, H, W), with layers to match:
  /// conv C→2 5×5, flatten, linear → 10, logsoftmax.
  func checkpoint(inputShape: [Int]) throws -> SafeTensors {
    let model = try Model.make(
      specs: [
        LayerSpec(kind: .conv2d, inputs: inputShape[0], outputs: 2, kernel: 5),
        LayerSpec(kind: .flatten),
        LayerSpec(
          kind: .linear, inputs: 2 * (inputShape[1] - 4) * (inputShape[2] - 4), outputs: 10),
        LayerSpec(kind: .logSoftmax),
      ], inputShape: inputShape)
    return try model.checkpoint(info: ModelInfo())
  }

  func assertRejects(
    _ file: SafeTensors, _ text: String, file path: StaticString = #filePath, line: UInt = #line
  ) throws {
    let bytes = try file.serialized()
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: bytes)), file: path, line: line) {
      error in
      XCTAssert(
        "\(error)".contains(text), "'\(error)' should say '\(text)'", file: path, line: line)
      XCTAssertFalse("\(error)".contains("\n"), file: path, line: line)
    }
  }

  /// Defect 1: a model for 2×28×28, 1×112×112 or 3×28×28 inputs loaded, and then read past
  /// the end of every MNIST batch (eval segfaulted in OpenBLAS).
  func testModelForOtherInputsIsRefused() throws {
    for shape in [[2, 28, 28], [1, 112, 112], [3, 28, 28]] {
      let expected =
        "takes \(shape.map(String.init).joined(separator: "×")) inputs; MNIST digits are 1×28×28"
      try assertRejects(try checkpoint(inputShape: shape), expected)
    }
    XCTAssertNoThrow(
      try Model.load(SafeTensors(bytes: try checkpoint(inputShape: [1, 28, 28]).serialized())))
  }

  /// Defect 1, the file's name: the line names the file.
  func testRefusalNamesTheFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rgb-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    try checkpoint(inputShape: [3, 28, 28]).write(to: url)
    XCTAssertThrowsError(try Model.load(contentsOf: url)) { error in
      XCTAssertEqual(
        "\(error)", "\(url.lastPathComponent) takes 3×28×28 inputs; MNIST digits are 1×28×28")
    }
  }

  /// Defect 1, the engine's own guard: a trainer refuses a model that does not take MNIST digits.
  func testTrainerRefusesModelForOtherInputs() throws {
    let model = try Model.make(
      specs: [
        LayerSpec(kind: .flatten), LayerSpec(kind: .linear, inputs: 2 * 28 * 28, outputs: 10),
        LayerSpec(kind: .logSoftmax),
      ], inputShape: [2, 28, 28])
    XCTAssertThrowsError(
      try Trainer(model: model, options: TrainingOptions(optimizer: NetName.net1.defaultOptimizer))
    ) {
      XCTAssert("\($0)".contains("takes 2×28×28 inputs; MNIST digits are 1×28×28"), "\($0)")
    }
  }
}

/// Numbers in a checkpoint's header are whole numbers, or the file is refused (issue 19).
final class CheckpointNumberTests: XCTestCase {
  func header(_ json: String, dataBytes: Int) -> [UInt8] {
    let h = Array(json.utf8)
    return (0..<8).map { UInt8((h.count >> (8 * $0)) & 0xff) } + h
      + [UInt8](repeating: 0, count: dataBytes)
  }

  func assertRejects(
    _ bytes: [UInt8], _ text: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try SafeTensors(bytes: bytes), file: file, line: line) { error in
      XCTAssert(
        "\(error)".contains(text), "'\(error)' should say '\(text)'", file: file, line: line)
      XCTAssertFalse("\(error)".contains("\n"), file: file, line: line)
    }
  }

  /// Defect 21: a shape of [520.7] was read as [520].
  func testFractionalShapeIsRefused() {
    assertRejects(
      header(#"{"a":{"dtype":"F32","shape":[520.7],"data_offsets":[0,2080]}}"#, dataBytes: 2080),
      "a: bad shape [520.7]")
    assertRejects(
      header(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8.5]}}"#, dataBytes: 9),
      "a: bad data_offsets")
    XCTAssertNoThrow(
      try SafeTensors(
        bytes: header(
          #"{"a":{"dtype":"F32","shape":[520],"data_offsets":[0,2080]}}"#, dataBytes: 2080)))
  }

  /// Defect 21, in the metadata: a fractional input shape or layer size is refused, not rounded.
  func testFractionalMetadataIsRefused() throws {
    var file = try Model.make(.net1).checkpoint(info: ModelInfo())
    file.metadata["input_shape"] = "[1, 28.5, 28]"
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: file.serialized()))) {
      XCTAssert("\($0)".contains("input_shape in the metadata is not valid"), "\($0)")
    }
    file = try Model.make(.net1).checkpoint(info: ModelInfo())
    file.metadata["layers"] = file.metadata["layers"]!.replacingOccurrences(
      of: "\"outputs\":520", with: "\"outputs\":520.7")
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: file.serialized()))) {
      XCTAssert("\($0)".contains("layer list in the metadata is not valid"), "\($0)")
    }
  }
}

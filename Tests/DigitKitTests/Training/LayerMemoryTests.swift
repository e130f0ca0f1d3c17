import DigitKit
import XCTest

/// Issue 19, defect 2: a layer whose parameters would not fit in memory is refused in words.
final class LayerMemoryTests: XCTestCase {
  let huge = LayerSpec(kind: .linear, name: "fc2", inputs: 100_000, outputs: 100_000)

  func testLayerTooBigForMemoryIsRefusedInWords() {
    XCTAssertThrowsError(try MemoryBudget.checkParameters(of: huge, available: { 23e9 })) { error in
      XCTAssertEqual(
        "\(error)",
        "linear 100000→100000 would need 80.0 GB for its weights and their gradients; only 23.0 GB is free"
      )
    }
    XCTAssertNoThrow(try MemoryBudget.checkParameters(of: huge, available: { 100e9 }))
    let conv = LayerSpec(kind: .conv2d, inputs: 4096, outputs: 4096, kernel: 28)
    XCTAssertThrowsError(try MemoryBudget.checkParameters(of: conv, available: { 2e9 })) {
      XCTAssert("\($0)".hasPrefix("conv 4096→4096 28×28 would need 105.2 GB"), "\($0)")
    }
  }

  /// Small layers never ask the system how much memory is free.
  func testSmallLayersAreNotChecked() throws {
    let small = LayerSpec(kind: .linear, inputs: 784, outputs: 520)
    try MemoryBudget.checkParameters(
      of: small,
      available: {
        XCTFail("asked for free memory")
        return 0
      })
  }

  /// The model refuses the layer before allocating it, and stays as it was.
  func testModelRefusesTheLayerAndStaysUsable() throws {
    let model = Model()
    try model.append(LayerSpec(kind: .flatten))
    XCTAssertThrowsError(
      try model.append(
        LayerSpec(kind: .linear, inputs: 784, outputs: 100_000)
          .with(outputs: 100_000, inputs: 100_000)))
    XCTAssertEqual(model.layers.count, 1)
    try model.append(LayerSpec(kind: .linear, inputs: 784, outputs: 10))
    XCTAssertEqual(model.outputShape, [10])
  }
}

extension LayerSpec {
  fileprivate func with(outputs: Int, inputs: Int) -> LayerSpec {
    var spec = self
    spec.inputs = inputs
    spec.outputs = outputs
    return spec
  }
}

import DigitKit
import XCTest

final class ModelTests: XCTestCase {
  /// Built one append at a time, reporting shapes and counts, as the lessons do.
  func testBuildsLayerByLayer() throws {
    let m = Model()
    XCTAssertEqual(m.outputShape, [1, 28, 28])
    try m.append(LayerSpec(kind: .conv2d, inputs: 1, outputs: 32, kernel: 5))
    XCTAssertEqual(m.outputShape, [32, 24, 24])
    XCTAssertEqual(m.parameterCount, 832)
    XCTAssertEqual(m.layers[0].spec.name, "conv1")
    try m.append(LayerSpec(kind: .maxPool2d, kernel: 2))
    XCTAssertEqual(m.outputShape, [32, 12, 12])
    // A digit runs through what exists so far.
    let y = m.forward(Tensor(zeros: [1, 1, 28, 28]))
    XCTAssertEqual(y.shape, [1, 32, 12, 12])
  }

  func testWrongLayerIsRejectedWithAHint() throws {
    let m = Model()
    XCTAssertThrowsError(try m.append(LayerSpec(kind: .linear, inputs: 784, outputs: 10))) {
      XCTAssertEqual("\($0)", "linear 784→10 needs 784 inputs but gets 1×28×28; add flatten first")
    }
    XCTAssertThrowsError(try m.append(LayerSpec(kind: .conv2d, inputs: 3, outputs: 8, kernel: 5))) {
      XCTAssert("\($0)".contains("needs 3×H×W input but gets 1×28×28"))
    }
    XCTAssertEqual(m.layers.count, 0, "a rejected layer is not added")
  }

  /// Backward stops at the first layer with parameters: Net1's flatten and the input
  /// gradient of the linear layer after it are never computed.
  func testBackwardSkipsGradientsNobodyUses() {
    let net1 = Model.make(.net1)
    let net3 = Model.make(.net3)
    XCTAssertEqual((0..<3).map(net1.needsInputGradient(at:)), [false, false, true])  // flatten, linear, relu
    XCTAssertEqual((0..<3).map(net3.needsInputGradient(at:)), [false, true, true])  // conv, relu, conv
    // Backward with the first layers' gradients skipped still fills every parameter's gradient.
    let x = randomTensor([4, 1, 28, 28], seed: 9)
    let (_, g) = NLLLoss.lossAndGradient(net1.forward(x, training: true), targets: [0, 1, 2, 3])
    net1.backward(g)
    for (name, p) in net1.namedParameters {
      XCTAssertGreaterThan(p.gradient.data.map(abs).max() ?? 0, 0, name)
    }
  }

  func testStudyNetsHaveTheReferenceParameterCounts() {
    XCTAssertEqual(Model.make(.net1).parameterCount, 682_090)
    XCTAssertEqual(Model.make(.net2).parameterCount, 21_840)
    XCTAssertEqual(Model.make(.net3).parameterCount, 228_010)
  }

  /// PyTorch's default initialisation: |w| ≤ 1/√fan_in, and the spread fills that range.
  func testInitialisationBounds() {
    let m = Model.make(.net3)
    for (name, p) in m.namedParameters {
      let fanIn =
        name.hasPrefix("conv1")
        ? 25
        : name.hasPrefix("conv2")
          ? 800
          : name.hasPrefix("conv3")
            ? 800
            : name.hasPrefix("fc1") ? 576 : 256
      let bound = 1 / Float(fanIn).squareRoot()
      let maxAbs = p.value.data.map(abs).max() ?? 0
      XCTAssertLessThanOrEqual(maxAbs, bound, name)
      XCTAssertGreaterThan(maxAbs, bound * 0.8, name)
    }
  }
}

/// The optimizer defaults live in one place, as the reference sets them.
final class OptimizerDefaultsTests: XCTestCase {
  func testDefaultsPerNetAndPerKind() {
    XCTAssertEqual(
      OptimizerSettings.defaults(for: .sgd),
      OptimizerSettings(kind: .sgd, learningRate: 0.01, momentum: 0.5))
    XCTAssertEqual(
      OptimizerSettings.defaults(for: .adam), OptimizerSettings(kind: .adam, learningRate: 1e-3))
    XCTAssertEqual(OptimizerSettings.defaults(for: NetName.net1), .defaults(for: .sgd))
    XCTAssertEqual(OptimizerSettings.defaults(for: NetName.net2), .defaults(for: .sgd))
    XCTAssertEqual(OptimizerSettings.defaults(for: NetName.net3), .defaults(for: .adam))
    XCTAssertEqual(OptimizerSettings.defaults(for: nil as NetName?), .defaults(for: .adam))
    for net in NetName.allCases { XCTAssertEqual(net.defaultOptimizer, .defaults(for: net)) }
  }
}

import DigitKit
import XCTest

/// The fused execution plan (convolution → max-pool → ReLU → dropout in one pass) computes
/// what the layers compute one by one, bit for bit, so a seed trains the same weights either
/// way, at every vector width (the Winograd kernels pool their tiles at each width).
final class ExecutionPlanTests: XCTestCase {
  /// Net3 fuses conv1 → ReLU and its two conv → pool → ReLU → dropout blocks; Net2 conv1 →
  /// pool → ReLU and a pool → ReLU pair (a Dropout2d sits between its conv2 and pool); Net1
  /// has nothing to fuse.
  func testPlansFuseThePoolBlocks() {
    func fused(_ net: NetName) -> [String] {
      Model.make(net).executionSteps.filter { $0.layers.count > 1 }
        .map { "\($0.name) \($0.layers.lowerBound)...\($0.layers.upperBound)" }
    }
    XCTAssertEqual(
      fused(.net3),
      ["conv1+relu 0...1", "conv2+pool+relu+dropout 2...5", "conv3+pool+relu+dropout 6...9"])
    XCTAssertEqual(fused(.net2), ["conv1+pool+relu 0...2", "pool+relu fused 5...6"])
    XCTAssertEqual(fused(.net1), [])
    let off = Model.make(.net3)
    off.fusesLayers = false
    XCTAssertEqual(off.executionSteps.count, off.layers.count, "one step per layer")
  }

  /// Three Adam steps with dropout active give the same outputs and the same weights fused
  /// as unfused, for Net3 and Net2.
  func testFusedTrainingMatchesLayerByLayer() {
    atEverySIMDWidth("ExecutionPlanTests") { _ in
      for net in [NetName.net3, .net2] { fusedTrainingMatches(net) }
    }
    // Without a vector width, the convolutions run im2col and the pool its own pass.
    SIMDLevel.withForced(.portable) { fusedTrainingMatches(.net3) }
  }

  private func fusedTrainingMatches(_ net: NetName) {
    let fused = Model.make(net, seed: 4)
    let plain = Model.make(net, seed: 4)
    plain.fusesLayers = false
    let steppers = [fused, plain].map { model in
      net.defaultOptimizer.make(for: model.namedParameters.map(\.parameter))
    }
    for step in 0..<3 {
      let x = randomTensor([8, 1, 28, 28], seed: UInt64(10 + step))
      let targets = (0..<8).map { ($0 * 3 + step) % 10 }
      var outputs: [Tensor] = []
      for (model, optimizer) in zip([fused, plain], steppers) {
        let y = model.forward(x, training: true)
        let (_, g) = NLLLoss.lossAndGradient(y, targets: targets)
        model.backward(g)
        optimizer.step()
        outputs.append(y)
      }
      XCTAssertEqual(outputs[0].data, outputs[1].data, "\(net) step \(step): outputs")
    }
    for ((name, a), (_, b)) in zip(fused.namedParameters, plain.namedParameters) {
      XCTAssertEqual(a.value.data, b.value.data, "\(net) \(name) after 3 steps")
    }
    let x = randomTensor([5, 1, 28, 28], seed: 99)
    XCTAssertEqual(fused.forward(x).data, plain.forward(x).data, "\(net) inference")
  }

  /// An odd-sized pool input (25×25 → 12×12, the last row and column left out) gets a zero
  /// gradient where the pool did not look, as `MaxPool2d` gives it.
  func testOddInputsGetTheSameGradients() throws {
    func model(fusing: Bool) throws -> Model {
      let m = Model(seed: 2)
      try m.append(LayerSpec(kind: .conv2d, inputs: 1, outputs: 4, kernel: 4))
      try m.append(LayerSpec(kind: .maxPool2d, kernel: 2))
      try m.append(LayerSpec(kind: .relu))
      try m.append(LayerSpec(kind: .dropout, p: 0.3))
      try m.append(LayerSpec(kind: .flatten))
      try m.append(LayerSpec(kind: .linear, inputs: 576, outputs: 10))
      try m.append(LayerSpec(kind: .logSoftmax))
      m.fusesLayers = fusing
      return m
    }
    let (fused, plain) = (try model(fusing: true), try model(fusing: false))
    let x = randomTensor([3, 1, 28, 28], seed: 5)
    for m in [fused, plain] {
      let (_, g) = NLLLoss.lossAndGradient(m.forward(x, training: true), targets: [1, 2, 3])
      m.backward(g)
    }
    let grads = [fused, plain].map { $0.namedParameters[0].parameter.gradient.data }
    XCTAssertEqual(grads[0], grads[1], "conv1's weight gradient")
    XCTAssert(grads[0].contains { $0 != 0 }, "a gradient reached conv1")
  }
}

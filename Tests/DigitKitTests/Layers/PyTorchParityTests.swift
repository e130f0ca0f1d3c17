import DigitKit
import XCTest

/// Every layer matches PyTorch on fixtures made by Fixtures/make_fixtures.py.
final class PyTorchParityTests: XCTestCase {
  var random = SeededGenerator(seed: 1)

  /// Runs forward and backward with the fixture's tensors and compares y, dx and parameter
  /// gradients, at every vector width the CPU runs.
  func check(_ layer: Layer, _ name: String, tolerance: Float = 1e-4) throws {
    try atEverySIMDWidth("PyTorchParityTests \(name)") { level in
      try check(layer, name, tolerance: tolerance, at: level)
    }
  }

  private func check(_ layer: Layer, _ name: String, tolerance: Float, at level: SIMDLevel) throws {
    let f = try Fixtures.load(name)
    let name = "\(name) (\(level))"
    let x = try XCTUnwrap(f.tensors["x"])
    let dy = try XCTUnwrap(f.tensors["dy"])
    for p in layer.parameters {
      p.value = try XCTUnwrap(f.tensors[p.name], "\(name): \(p.name)")
      p.zeroGradient()
    }
    let y = layer.forward(x, context: trainingContext)
    XCTAssertEqual(y.shape, f.tensors["y"]?.shape)
    assertClose(y.data, try XCTUnwrap(f.tensors["y"]).data, tolerance: tolerance, "\(name) y")
    let dx = layer.backward(dy, needsInputGradient: true)
    assertClose(dx.data, try XCTUnwrap(f.tensors["dx"]).data, tolerance: tolerance, "\(name) dx")
    for p in layer.parameters {
      assertClose(
        p.gradient.data, try XCTUnwrap(f.tensors["d\(p.name)"]).data, tolerance: tolerance,
        "\(name) d\(p.name)")
    }
  }

  func testLinear() throws {
    try check(Linear(inputs: 7, outputs: 5, name: "fc", random: &random), "linear")
  }
  func testConv2d() throws {
    try check(
      Conv2d(inputChannels: 3, outputChannels: 4, kernel: 5, name: "c", random: &random), "conv2d")
  }
  func testConv2dPadding() throws {
    try check(
      Conv2d(
        inputChannels: 2, outputChannels: 3, kernel: 3, padding: 1, name: "c", random: &random),
      "conv2d_pad")
  }
  func testMaxPool2d() throws { try check(MaxPool2d(kernel: 2), "maxpool2d") }
  func testMaxPool2dOddSize() throws { try check(MaxPool2d(kernel: 2), "maxpool2d_odd") }
  func testReLU() throws { try check(ReLU(), "relu") }
  func testTanh() throws { try check(Tanh(), "tanh") }
  func testSigmoid() throws { try check(Sigmoid(), "sigmoid") }
  func testLogSoftmax() throws { try check(LogSoftmax(), "log_softmax") }

  func testNLLLoss() throws {
    let f = try Fixtures.load("nll")
    let targets = try XCTUnwrap(f.tensors["target"]).data.map { Int($0) }
    let (loss, g) = NLLLoss.lossAndGradient(try XCTUnwrap(f.tensors["logp"]), targets: targets)
    XCTAssertEqual(loss, try XCTUnwrap(f.tensors["loss"]).data[0], accuracy: 1e-5)
    assertClose(g.data, try XCTUnwrap(f.tensors["dlogp"]).data, "dlogp")
  }
}

/// One full training step (two, for the optimizers' state) of each net matches PyTorch, at
/// every vector width the CPU runs.
final class TrainingStepParityTests: XCTestCase {
  func check(_ net: NetName, tolerance: Float = 2e-4) throws {
    try atEverySIMDWidth("TrainingStepParityTests \(net)") { level in
      try check(net, tolerance: tolerance, at: level)
    }
  }

  private func check(_ net: NetName, tolerance: Float, at level: SIMDLevel) throws {
    let f = try Fixtures.load("\(net.rawValue)_step")
    let model = Model.make(net)
    model.setDropout(0)  // the fixtures were made in eval mode
    for (name, p) in model.namedParameters {
      p.value = try XCTUnwrap(f.tensors["init.\(name)"], name)
    }
    let x = try XCTUnwrap(f.tensors["x"])
    let targets = try XCTUnwrap(f.tensors["target"]).data.map { Int($0) }
    let optimizer = net.defaultOptimizer.make(for: model.namedParameters.map(\.parameter))
    for step in 1...2 {
      let out = model.forward(x, training: true)
      let (loss, g) = NLLLoss.lossAndGradient(out, targets: targets)
      XCTAssertEqual(
        loss, try XCTUnwrap(f.tensors["loss\(step)"]).data[0], accuracy: 1e-4,
        "\(net) \(level) loss \(step)")
      if step == 1 {
        assertClose(
          out.data, try XCTUnwrap(f.tensors["out"]).data, tolerance: tolerance,
          "\(net) \(level) out")
      }
      model.backward(g)
      if step == 1 {
        for (name, p) in model.namedParameters {
          guard let expected = f.tensors["grad.\(name)"] else { continue }
          assertClose(
            p.gradient.data, expected.data, tolerance: tolerance, "\(net) \(level) grad.\(name)")
        }
      }
      optimizer.step()
    }
    for (name, p) in model.namedParameters {
      assertClose(
        p.value.data, try XCTUnwrap(f.tensors["after.\(name)"]).data, tolerance: tolerance,
        "\(net) \(level) after.\(name)")
    }
  }

  func testNet1SGDStep() throws { try check(.net1) }
  func testNet2SGDStep() throws { try check(.net2) }
  func testNet3AdamStep() throws { try check(.net3) }
}

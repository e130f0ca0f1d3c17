import DigitKit
import XCTest

/// Every layer's backward agrees with finite differences of its forward.
final class GradientCheckTests: XCTestCase {
  var random = SeededGenerator(seed: 3)

  func testLinear() {
    checkGradients(
      Linear(inputs: 6, outputs: 4, name: "fc", random: &random),
      input: randomTensor([3, 6], seed: 1))
  }

  /// Each convolution algorithm that runs on this CPU (the others fall back, and are
  /// checked through the one they fall back to).
  private var convAlgorithms: [ConvAlgorithm] {
    ConvAlgorithm.directAvailable ? [.winograd, .direct, .im2col] : [.im2col]
  }

  /// A fresh convolution running `algorithm`, initialised from `seed`.
  private func conv(
    _ c: Int, _ o: Int, kernel: Int, padding: Int = 0, _ algorithm: ConvAlgorithm,
    seed: UInt64 = 3
  ) -> Conv2d {
    var random = SeededGenerator(seed: seed)
    let layer = Conv2d(
      inputChannels: c, outputChannels: o, kernel: kernel, padding: padding, name: "conv",
      random: &random)
    layer.algorithm = algorithm
    return layer
  }

  func testConv2d() {
    for algorithm in convAlgorithms {
      checkGradients(conv(2, 3, kernel: 3, algorithm), input: randomTensor([2, 2, 6, 5], seed: 2))
    }
  }

  func testConv2dWithPadding() {
    for algorithm in convAlgorithms {
      checkGradients(
        conv(2, 2, kernel: 3, padding: 1, algorithm), input: randomTensor([2, 2, 5, 5], seed: 3))
    }
  }

  func testConv2dManySamples() {
    // 18 samples, more than the cores: the direct kernels take one input-gradient item per
    // sample and sum each dW slice over all of them; im2col packs up to 100 of these 2×2
    // outputs into one GEMM.
    for algorithm in convAlgorithms {
      checkGradients(conv(1, 2, kernel: 2, algorithm), input: randomTensor([18, 1, 3, 3], seed: 4))
    }
  }

  /// A layer Winograd F(2×2, 5×5) takes: 5×5, 16 input channels, an even output (with padding).
  func testConv2dWinogradShape() {
    for algorithm in convAlgorithms {
      checkGradients(
        conv(16, 3, kernel: 5, padding: 1, algorithm), input: randomTensor([2, 16, 4, 6], seed: 5))
    }
  }

  func testMaxPool2d() {
    // Distinct values keep the arg-max away from ties, where the gradient is not defined.
    var x = Tensor(zeros: [2, 2, 4, 6])
    for i in 0..<x.count { x.data[i] = Float((i * 37) % x.count) * 0.1 }
    checkGradients(MaxPool2d(kernel: 2), input: x)
  }

  func testReLU() {
    var x = randomTensor([4, 7], seed: 5)
    for i in 0..<x.count where abs(x.data[i]) < 0.05 { x.data[i] = 0.3 }
    checkGradients(ReLU(), input: x)
  }

  func testTanh() { checkGradients(Tanh(), input: randomTensor([3, 5], seed: 6)) }

  func testSigmoid() { checkGradients(Sigmoid(), input: randomTensor([3, 5], seed: 7)) }

  func testLogSoftmax() { checkGradients(LogSoftmax(), input: randomTensor([3, 10], seed: 8)) }

  func testFlatten() { checkGradients(Flatten(), input: randomTensor([2, 3, 2, 2], seed: 9)) }

  func testNLLLossGradient() {
    let logp = randomTensor([4, 10], seed: 10)
    let targets = [3, 0, 9, 3]
    let (_, g) = NLLLoss.lossAndGradient(logp, targets: targets)
    for row in 0..<4 {
      for k in 0..<10 {
        var plus = logp
        var minus = logp
        plus.data[row * 10 + k] += 1e-2
        minus.data[row * 10 + k] -= 1e-2
        let numeric =
          (NLLLoss.lossAndGradient(plus, targets: targets).loss
            - NLLLoss.lossAndGradient(minus, targets: targets).loss) / 2e-2
        XCTAssertEqual(g.data[row * 10 + k], numeric, accuracy: 1e-3)
      }
    }
  }

  /// Dropout's backward passes the gradient through exactly the values forward kept.
  func testDropoutMasksGradientLikeForward() {
    let layer = Dropout(p: 0.5)
    let x = Tensor(shape: [1, 1000], data: [Float](repeating: 1, count: 1000))
    let y = layer.forward(x, context: trainingContext)
    let dx = layer.backward(x, needsInputGradient: true)
    XCTAssertEqual(y.data, dx.data)
    let dropped = y.data.filter { $0 == 0 }.count
    XCTAssert((400...600).contains(dropped), "dropped \(dropped) of 1000 at p = 0.5")
    XCTAssert(y.data.allSatisfy { $0 == 0 || $0 == 2 }, "kept values are scaled by 1/(1-p)")
    XCTAssertEqual(
      layer.forward(x, context: ForwardContext(training: false, random: RandomSource(seed: 1)))
        .data, x.data)
  }

  /// Dropout2d drops whole feature maps.
  func testDropout2dDropsWholeChannels() {
    let layer = Dropout2d(p: 0.5)
    let x = Tensor(shape: [4, 8, 3, 3], data: [Float](repeating: 1, count: 4 * 8 * 9))
    let y = layer.forward(x, context: trainingContext)
    for plane in 0..<32 {
      let values = Set(y.data[(plane * 9)..<(plane * 9 + 9)])
      XCTAssertEqual(values.count, 1, "plane \(plane) is all kept or all dropped")
    }
    let dx = layer.backward(x, needsInputGradient: true)
    XCTAssertEqual(dx.data, y.data)
  }
}

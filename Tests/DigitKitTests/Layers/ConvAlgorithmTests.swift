import DigitKit
import XCTest

/// The direct AVX2 kernels must give what im2col + BLAS gives: the same outputs, input
/// gradients and parameter gradients, for the study's shapes and for awkward ones.
final class ConvAlgorithmTests: XCTestCase {
  /// (in, out, kernel, padding, batch, height, width)
  private let shapes: [(Int, Int, Int, Int, Int, Int, Int)] = [
    (1, 32, 5, 0, 16, 28, 28),   // Net3 conv1
    (32, 32, 5, 0, 16, 24, 24),  // Net3 conv2
    (32, 64, 5, 0, 5, 10, 10),   // Net3 conv3, a batch that does not split evenly
    (10, 20, 5, 0, 3, 12, 12),   // Net2 conv2: channels not a multiple of 16
    (3, 17, 3, 1, 2, 7, 9),      // padding, odd sizes, one row past a 16-row tile
    (2, 16, 3, 2, 1, 4, 4),      // padding wider than the output border
  ]

  func testDirectMatchesIm2col() throws {
    try XCTSkipUnless(ConvAlgorithm.directAvailable, "no AVX2 + FMA on this CPU")
    for (index, s) in shapes.enumerated() {
      let (c, o, k, pad, batch, h, w) = s
      let x = randomTensor([batch, c, h, w], seed: UInt64(10 + index))
      var results: [[[Float]]] = []
      for algorithm in [ConvAlgorithm.direct, .im2col] {
        var random = SeededGenerator(seed: 3)
        let conv = Conv2d(inputChannels: c, outputChannels: o, kernel: k, padding: pad, name: "conv", random: &random)
        conv.algorithm = algorithm
        let y = conv.forward(x, context: trainingContext)
        let dy = randomTensor(y.shape, seed: 77)
        // Backward adds into the gradients: run twice to check that it adds rather than sets.
        _ = conv.backward(dy, needsInputGradient: true)
        _ = conv.forward(x, context: trainingContext)
        let dx = conv.backward(dy, needsInputGradient: true)
        results.append([y.data, dx.data, conv.weight.gradient.data, conv.bias.gradient.data])
      }
      for (part, name) in ["output", "input gradient", "weight gradient", "bias gradient"].enumerated() {
        assertClose(results[0][part], results[1][part], tolerance: 2e-4, "shape \(index) \(name)")
      }
    }
  }

  /// The direct path keeps buffers between batches (a zero frame around dy, dx, offset tables):
  /// a change of batch size or image size must not leave stale values behind.
  func testBuffersFollowBatchAndImageSize() throws {
    try XCTSkipUnless(ConvAlgorithm.directAvailable, "no AVX2 + FMA on this CPU")
    var random = SeededGenerator(seed: 5)
    let direct = Conv2d(inputChannels: 16, outputChannels: 16, kernel: 3, name: "conv", random: &random)
    random = SeededGenerator(seed: 5)
    let reference = Conv2d(inputChannels: 16, outputChannels: 16, kernel: 3, name: "conv", random: &random)
    direct.algorithm = .direct
    reference.algorithm = .im2col
    for (step, (batch, h, w)) in [(4, 12, 12), (2, 12, 12), (3, 10, 14), (4, 12, 12)].enumerated() {
      let x = randomTensor([batch, 16, h, w], seed: UInt64(step))
      var outputs: [[Float]] = []
      for conv in [direct, reference] {
        conv.weight.zeroGradient()
        let y = conv.forward(x, context: trainingContext)
        let dx = conv.backward(randomTensor(y.shape, seed: 50 + UInt64(step)), needsInputGradient: true)
        outputs.append(y.data + dx.data + conv.weight.gradient.data)
      }
      assertClose(outputs[0], outputs[1], tolerance: 2e-4, "step \(step): \(batch)×\(h)×\(w)")
    }
  }

  func testFirstLayerSkipsInputGradient() throws {
    try XCTSkipUnless(ConvAlgorithm.directAvailable, "no AVX2 + FMA on this CPU")
    var random = SeededGenerator(seed: 3)
    let conv = Conv2d(inputChannels: 1, outputChannels: 32, kernel: 5, name: "conv1", random: &random)
    conv.algorithm = .direct
    let y = conv.forward(randomTensor([4, 1, 28, 28], seed: 1), context: trainingContext)
    let dx = conv.backward(randomTensor(y.shape, seed: 2), needsInputGradient: false)
    XCTAssertEqual(dx.count, 0)
    XCTAssertGreaterThan(conv.weight.gradient.data.map(abs).max() ?? 0, 0)
  }
}

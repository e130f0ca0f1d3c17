/// Convolution → ReLU as one pass each way, for `ExecutionPlan` (Net3's conv1 → ReLU):
///
///   forward:  y = max(0, conv(x)), rectified by the convolution as it writes y
///   backward: the convolution reads its dy sample by sample as dy · [y > 0], made in cache
///
/// The same numbers as the two layers one after the other, bit for bit; the ReLU's own
/// output and input-gradient buffers are never written.
final class FusedConvReLU: FusedPass {
  /// The layer indices this pass stands for, in the model.
  let layers: ClosedRange<Int>
  private let convolution: Conv2d
  private var output = Tensor()  // y, kept from forward to backward while training

  init(layers: ClosedRange<Int>, convolution: Conv2d) {
    self.layers = layers
    self.convolution = convolution
  }

  /// What `bench --layers` prints for the pass: "conv1+relu".
  var summary: String { "\(convolution.name)+relu" }

  func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    let y = convolution.forward(x, context: context, rectifying: true)
    output = context.training ? y : Tensor()
    return y
  }

  func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W), through dy · [y > 0]
    let y = output
    output = Tensor()  // the convolution's buffer has one owner again before its next forward
    guard y.count == dy.count, dy.batch > 0 else {
      // No forward kept y (not training): nothing passes the ReLU, as `ReLU.backward` says.
      return convolution.backward(Tensor(zeros: dy.shape), needsInputGradient: needsInputGradient)
    }
    let sample = dy.count / dy.batch
    return dy.data.withUnsafeBufferPointer { gp in
      y.data.withUnsafeBufferPointer { yp in
        let (g, kept) = (gp.baseAddress!, yp.baseAddress!)
        return convolution.backward(
          .bySample { n, into in
            reluBackward(g + n * sample, kept + n * sample, into, 0..<sample)
          }, needsInputGradient: needsInputGradient)
      }
    }
  }
}

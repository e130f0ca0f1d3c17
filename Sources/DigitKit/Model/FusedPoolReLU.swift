import CKernels

/// [Convolution →] max-pool 2×2 → ReLU → (optional) dropout as one pass each way, for
/// `ExecutionPlan`:
///
///   forward:  y = max(0, max of the 2×2 window) · mask     x: (B, C, H, W) → y: (B, C, H/2, W/2)
///   backward: dx = dy · mask at the window's arg-max where y > 0, 0 elsewhere
///
/// With a convolution in front that runs Winograd, its output tiles are made of the pool's
/// windows: the kernel pools each tile as it is made (the pool epilogue, CKernels/Winograd.h),
/// and the full-size output is never written. Backward then hands dx on to the convolution.
///
/// The same numbers as the layers one after another, bit for bit: the dropout mask is drawn
/// exactly as `Dropout` draws it (one seed per forward, a generator per 4,096 values), so a
/// seed trains the same weights fused or not. The layers stay as the lessons show them; this
/// reads their settings (the dropout's `p`) at every forward.
final class FusedPoolReLU: FusedPass {
  /// The layer indices this pass stands for, in the model.
  let layers: ClosedRange<Int>
  private let convolution: Conv2d?
  private let dropout: Dropout?
  private var inputShape: [Int] = []  // the pool's input: (B, C, H, W)
  private var output = Tensor(), inputGradient = Tensor()
  private var route: [UInt8] = []  // per output: the window position (0…3), or 4 for none
  private var keep: [UInt8] = []  // per output while dropping: 1 kept, 0 dropped
  private var scale: Float = 1  // 1/(1 − p) while dropping, else 1
  private var dropping = false

  init(layers: ClosedRange<Int>, convolution: Conv2d?, dropout: Dropout?) {
    self.layers = layers
    self.convolution = convolution
    self.dropout = dropout
  }

  /// What `bench --layers` prints for the pass: "conv2+pool+relu+dropout", "pool+relu fused".
  var summary: String {
    let pool = dropout == nil ? "pool+relu" : "pool+relu+dropout"
    return convolution.map { "\($0.name)+\(pool)" } ?? pool + " fused"
  }

  func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    guard let convolution else { return pool(x, context: context) }
    // x: (B, C, H, W) → conv (B, O, Ho, Wo) → y: (B, O, Ho/2, Wo/2)
    guard convolution.runsWinograd(on: x) else {
      return pool(convolution.forward(x, context: context), context: context)
    }
    prepare(
      [x.shape[0], convolution.outputChannels] + convolution.outputSize(x.shape),
      context: context)
    withEpilogue { convolution.forwardPooled(x, context: context, pool: $0) }
    return output
  }

  /// The pool → ReLU → dropout pass over a convolution's output, or any input.
  private func pool(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, C, H/2, W/2)
    prepare(x.shape, context: context)
    let (h, w) = (x.shape[2], x.shape[3])
    let count = output.count
    let block = 4_096
    x.data.withUnsafeBufferPointer { xp in
      withEpilogue { e in
        let x = xp.baseAddress!
        parallelItems((count + block - 1) / block) { index in
          let (first, end) = (index * block, min(count, (index + 1) * block))
          dl_pool2_relu_forward(
            x, Int32(h), Int32(w), first, end, e.pointee.keep.map { $0 + first },
            e.pointee.scale, e.pointee.y, e.pointee.route)
        }
      }
    }
    return output
  }

  /// Sizes the buffers for a pool input of `shape` and draws the dropout mask, as `Dropout`
  /// draws it (`drawDropoutMask`).
  private func prepare(_ shape: [Int], context: ForwardContext) {
    inputShape = shape
    output.reuse(shape: [shape[0], shape[1], shape[2] / 2, shape[3] / 2])
    let count = output.count
    let p = context.training ? (dropout?.p ?? 0) : 0
    dropping = p > 0
    scale = dropping ? 1 / (1 - p) : 1
    if route.count != count { route = [UInt8](repeating: 4, count: count) }
    guard dropping else { return }
    if keep.count != count { keep = [UInt8](repeating: 1, count: count) }
    keep.withUnsafeMutableBufferPointer { kp in
      drawDropoutMask(kp.baseAddress!, count: count, p: p, random: context.random)
    }
  }

  /// Runs `body` with the epilogue that writes `output` and `route` with this forward's mask.
  private func withEpilogue<R>(_ body: (UnsafePointer<DLPoolEpilogue>) -> R) -> R {
    output.data.withUnsafeMutableBufferPointer { yp in
      route.withUnsafeMutableBufferPointer { rp in
        keep.withUnsafeBufferPointer { kp in
          var epilogue = DLPoolEpilogue(
            keep: dropping ? kp.baseAddress : nil, scale: scale, y: yp.baseAddress!,
            route: rp.baseAddress!)
          return withUnsafePointer(to: &epilogue) { body($0) }
        }
      }
    }
  }

  func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, C, H/2, W/2) → dx: (B, C, H, W); every value of dx is written
    let (h, w) = (inputShape[2], inputShape[3])
    let scale = self.scale
    guard let convolution else {
      inputGradient.reuse(shape: inputShape)
      dy.data.withUnsafeBufferPointer { gp in
        route.withUnsafeBufferPointer { rp in
          inputGradient.data.withUnsafeMutableBufferPointer { dxp in
            let (g, r, dx) = (gp.baseAddress!, rp.baseAddress!, dxp.baseAddress!)
            parallelChunks(inputShape[0] * inputShape[1], minimum: 64) { range in
              dl_pool2_relu_backward(
                g, r, scale, Int32(h), Int32(w), range.lowerBound, range.upperBound, dx)
            }
          }
        }
      }
      return inputGradient
    }
    // The convolution reads its dy sample by sample, each made here as it asks: the pool's
    // input gradient for the batch is never written whole.
    inputGradient = Tensor()
    let channels = inputShape[1]
    return dy.data.withUnsafeBufferPointer { gp in
      route.withUnsafeBufferPointer { rp in
        let (g, r) = (gp.baseAddress!, rp.baseAddress!)
        let pooled = channels * (h / 2) * (w / 2)
        return convolution.backward(
          .bySample { n, into in
            dl_pool2_relu_backward(
              g + n * pooled, r + n * pooled, scale, Int32(h), Int32(w), 0, channels, into)
          }, needsInputGradient: needsInputGradient)
      }
    }
  }
}

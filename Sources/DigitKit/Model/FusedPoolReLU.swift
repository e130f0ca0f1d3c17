import CKernels

/// Max-pool 2×2 → ReLU → (optional) dropout as one pass each way, for `ExecutionPlan`:
///
///   forward:  y = max(0, max of the 2×2 window) · mask     x: (B, C, H, W) → y: (B, C, H/2, W/2)
///   backward: dx = dy · mask at the window's arg-max where y > 0, 0 elsewhere
///
/// The same numbers as the three layers one after another, bit for bit: the dropout mask is
/// drawn exactly as `Dropout` draws it (one seed per forward, a generator per 4,096 values),
/// so a seed trains the same weights fused or not. The layers stay as the lessons show them;
/// this reads their settings (the dropout's `p`) at every forward.
final class FusedPoolReLU {
  /// The layer indices this pass stands for, in the model.
  let layers: ClosedRange<Int>
  private let dropout: Dropout?
  private var inputShape: [Int] = []
  private var output = Tensor(), inputGradient = Tensor()
  private var route: [UInt8] = []  // per output: the window position (0…3), or 4 for none
  private var keep: [UInt8] = []  // per output while dropping: 1 kept, 0 dropped
  private var scale: Float = 1  // 1/(1 − p) while dropping, else 1

  init(layers: ClosedRange<Int>, dropout: Dropout?) {
    self.layers = layers
    self.dropout = dropout
  }

  /// What `bench --layers` prints for the pass: "pool+relu+dropout fused".
  var summary: String { (dropout == nil ? "pool+relu" : "pool+relu+dropout") + " fused" }

  func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, C, H/2, W/2)
    inputShape = x.shape
    let (h, w) = (x.shape[2], x.shape[3])
    output.reuse(shape: [x.shape[0], x.shape[1], h / 2, w / 2])
    let count = output.count
    let p = context.training ? (dropout?.p ?? 0) : 0
    let dropping = p > 0
    scale = dropping ? 1 / (1 - p) : 1
    if route.count != count { route = [UInt8](repeating: 4, count: count) }
    if dropping, keep.count != count { keep = [UInt8](repeating: 1, count: count) }
    // As Dropout's mask: one draw seeds a generator per block of 4,096 outputs.
    let seed = dropping ? context.random.generator.next() : 0
    let threshold = UInt64((p * 16_777_216).rounded(.up))
    let block = 4_096
    let scale = self.scale
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        route.withUnsafeMutableBufferPointer { rp in
          keep.withUnsafeMutableBufferPointer { kp in
            let (x, y, r, k) = (xp.baseAddress!, yp.baseAddress!, rp.baseAddress!, kp.baseAddress)
            parallelItems((count + block - 1) / block) { index in
              let (first, end) = (index * block, min(count, (index + 1) * block))
              if dropping, let k {
                var generator = SeededGenerator(seed: seed &+ UInt64(index))
                for i in first..<end {
                  k[i] = UInt8(1 &- ((generator.next() >> 40) &- threshold) >> 63)
                }
              }
              dl_pool2_relu_forward(
                x, Int32(h), Int32(w), first, end,
                dropping ? k.map { UnsafePointer($0 + first) } : nil, scale,
                y, r)
            }
          }
        }
      }
    }
    return output
  }

  func backward(_ dy: Tensor) -> Tensor {
    // dy: (B, C, H/2, W/2) → dx: (B, C, H, W); every value of dx is written
    inputGradient.reuse(shape: inputShape)
    let planes = inputShape[0] * inputShape[1]
    let (h, w) = (inputShape[2], inputShape[3])
    let scale = self.scale
    dy.data.withUnsafeBufferPointer { gp in
      route.withUnsafeBufferPointer { rp in
        inputGradient.data.withUnsafeMutableBufferPointer { dxp in
          let (g, r, dx) = (gp.baseAddress!, rp.baseAddress!, dxp.baseAddress!)
          parallelChunks(planes, minimum: 64) { range in
            dl_pool2_relu_backward(
              g, r, scale, Int32(h), Int32(w), range.lowerBound, range.upperBound, dx)
          }
        }
      }
    }
    return inputGradient
  }
}

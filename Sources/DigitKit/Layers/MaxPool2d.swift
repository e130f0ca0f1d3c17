/// Max pooling over non-overlapping k×k windows (stride k, floor mode, as PyTorch's `max_pool2d(x, k)`).
///
/// y[b, c, i, j] = max_{u,v < k} x[b, c, k·i+u, k·j+v]. The gradient flows to the arg-max only.
public final class MaxPool2d: Layer {
  public let kernel: Int
  private var inputShape: [Int] = []
  private var argmax: [Int32] = []  // per output value: the flat index into the input plane
  private var output = Tensor()

  public init(kernel: Int = 2) { self.kernel = kernel }

  public var spec: LayerSpec { LayerSpec(kind: .maxPool2d, kernel: kernel) }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[1] >= kernel, input[2] >= kernel else {
      throw DigitKitError(
        "maxpool \(kernel)×\(kernel) needs a C×H×W input of at least \(kernel)×\(kernel) but gets \(describeShape(input))"
      )
    }
    return [input[0], input[1] / kernel, input[2] / kernel]
  }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, C, H/k, W/k)
    inputShape = x.shape
    let planes = x.shape[0] * x.shape[1]
    let h = x.shape[2]
    let w = x.shape[3]
    let ho = h / kernel
    let wo = w / kernel
    let k = kernel
    output.reuse(shape: [x.shape[0], x.shape[1], ho, wo])
    if argmax.count != output.count { argmax = [Int32](repeating: 0, count: output.count) }
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        argmax.withUnsafeMutableBufferPointer { ap in
          let (xp, yp, ap) = (xp.baseAddress!, yp.baseAddress!, ap.baseAddress!)
          parallelChunks(planes, minimum: 64) { range in
            for p in range {
              let src = xp + p * h * w
              let dst = yp + p * ho * wo
              let arg = ap + p * ho * wo
              for i in 0..<ho {
                for j in 0..<wo {
                  var best = (k * i) * w + k * j
                  var bestValue = src[best]
                  for u in 0..<k {
                    for v in 0..<k {
                      let idx = (k * i + u) * w + k * j + v
                      if src[idx] > bestValue {
                        bestValue = src[idx]
                        best = idx
                      }
                    }
                  }
                  dst[i * wo + j] = bestValue
                  arg[i * wo + j] = Int32(best)
                }
              }
            }
          }
        }
      }
    }
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, C, H/k, W/k) → dx: (B, C, H, W)
    var dx = Tensor(zeros: inputShape)
    let planeIn = inputShape[2] * inputShape[3]
    let planeOut = dy.itemSize / max(inputShape[1], 1)
    dy.data.withUnsafeBufferPointer { dyp in
      argmax.withUnsafeBufferPointer { ap in
        dx.data.withUnsafeMutableBufferPointer { dxp in
          for p in 0..<(dy.count / max(planeOut, 1)) {
            for i in 0..<planeOut {
              dxp[p * planeIn + Int(ap[p * planeOut + i])] += dyp[p * planeOut + i]
            }
          }
        }
      }
    }
    return dx
  }
}

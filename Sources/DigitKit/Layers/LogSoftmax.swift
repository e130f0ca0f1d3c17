#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Log-probabilities over the last dimension: y_i = x_i − log Σ_j e^{x_j} (computed stably).
/// Backward: dx_i = dy_i − e^{y_i} · Σ_j dy_j.
public final class LogSoftmax: Layer {
  private var output = Tensor()
  public init() {}
  public var spec: LayerSpec { LayerSpec(kind: .logSoftmax) }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 1 else {
      throw DigitKitError(
        "logsoftmax needs a vector of scores but gets \(describeShape(input)); add flatten first")
    }
    return input
  }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, K) → y: (B, K)
    let k = x.itemSize
    if output.shape != x.shape { output = Tensor(zeros: x.shape) }
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        for row in 0..<x.batch {
          let r = xp.baseAddress! + row * k
          let o = yp.baseAddress! + row * k
          var m = -Float.infinity
          for i in 0..<k { m = max(m, r[i]) }
          var sum: Float = 0
          for i in 0..<k { sum += expf(r[i] - m) }
          let logSum = m + logf(sum)
          for i in 0..<k { o[i] = r[i] - logSum }
        }
      }
    }
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, K) → dx: (B, K)
    let k = dy.itemSize
    var dx = Tensor(zeros: dy.shape)
    dy.data.withUnsafeBufferPointer { dyp in
      output.data.withUnsafeBufferPointer { yp in
        dx.data.withUnsafeMutableBufferPointer { dxp in
          for row in 0..<dy.batch {
            let base = row * k
            var sum: Float = 0
            for i in 0..<k { sum += dyp[base + i] }
            for i in 0..<k { dxp[base + i] = dyp[base + i] - expf(yp[base + i]) * sum }
          }
        }
      }
    }
    return dx
  }
}

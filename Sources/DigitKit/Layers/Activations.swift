#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Element-wise activation: forward y = f(x), backward dx = dy · f′ expressed through y.
///
/// A conforming layer keeps `output` (reused between batches) and `saved` (y while training,
/// for backward); `map` and `chain` are the forward and backward loops, given f and f′(y).
protocol ElementwiseActivation: Layer {
  /// y of the last forward, reused as the next forward's buffer.
  var output: Tensor { get set }
  /// What backward's derivative reads (y); empty when not training.
  var saved: Tensor { get set }
}

extension ElementwiseActivation {
  public func outputShape(for input: [Int]) throws -> [Int] { input }

  /// Applies `f` to every value of x into `output`. x: (B, …) → y: (B, …)
  func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
    if output.shape != x.shape { output = Tensor(zeros: x.shape) }
    guard x.count > 0 else { return output }
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        let (xp, yp) = (xp.baseAddress!, yp.baseAddress!)
        parallelChunks(x.count) { range in for i in range { yp[i] = f(xp[i]) } }
      }
    }
    return output
  }

  /// dx[i] = dy[i] · g(saved[i]). dy: (B, …) → dx: (B, …)
  func chain(_ dy: Tensor, _ g: (Float) -> Float) -> Tensor {
    var dx = Tensor(zeros: dy.shape)
    guard dy.count > 0, saved.count == dy.count else { return dx }
    dy.data.withUnsafeBufferPointer { dyp in
      saved.data.withUnsafeBufferPointer { sp in
        dx.data.withUnsafeMutableBufferPointer { dxp in
          let (dyp, sp, dxp) = (dyp.baseAddress!, sp.baseAddress!, dxp.baseAddress!)
          parallelChunks(dy.count) { range in for i in range { dxp[i] = dyp[i] * g(sp[i]) } }
        }
      }
    }
    saved = Tensor()
    return dx
  }
}

/// y = max(0, x); dy/dx = 1 where x > 0, else 0.
///
/// The hottest element-wise layer (after every convolution), so it has its own loops with
/// no per-value closure call, and reuses its output and gradient buffers between batches.
public final class ReLU: ElementwiseActivation {
  var output = Tensor(), saved = Tensor()
  private var gradient = Tensor()

  public init() {}
  public var spec: LayerSpec { LayerSpec(kind: .relu) }
  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, …) → y: (B, …)
    output.reuse(shape: x.shape)
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        guard let x = xp.baseAddress, let y = yp.baseAddress else { return }
        parallelChunks(xp.count, minimum: 65_536) { range in reluForward(x, y, range) }
      }
    }
    saved = context.training ? output : Tensor()
    return output
  }
  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, …) → dx: (B, …), dx = dy where y > 0
    guard saved.count == dy.count else { return Tensor(zeros: dy.shape) }
    gradient.reuse(shape: dy.shape)
    dy.data.withUnsafeBufferPointer { dyp in
      saved.data.withUnsafeBufferPointer { yp in
        gradient.data.withUnsafeMutableBufferPointer { dxp in
          guard let dy = dyp.baseAddress, let y = yp.baseAddress, let dx = dxp.baseAddress else {
            return
          }
          parallelChunks(dyp.count, minimum: 65_536) { range in reluBackward(dy, y, dx, range) }
        }
      }
    }
    saved = Tensor()
    return gradient
  }
}

/// y[i] = max(x[i], 0) over `range`, eight lanes at a time (x may be y: in place).
@inline(__always)
func reluForward(
  _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ range: Range<Int>
) {
  let zero = SIMD8<Float>(repeating: 0)
  var i = range.lowerBound
  while i + 8 <= range.upperBound {
    let v = load8(x + i)
    store8(v.replacing(with: zero, where: v .< zero), y + i)
    i += 8
  }
  while i < range.upperBound {
    y[i] = Swift.max(x[i], 0)
    i += 1
  }
}

/// dx[i] = dy[i] where y[i] > 0, else 0, over `range`: a select, not a branch (half the
/// values are zero at random, and a branch per value mispredicts).
@inline(__always)
func reluBackward(
  _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
  _ dx: UnsafeMutablePointer<Float>, _ range: Range<Int>
) {
  let zero = SIMD8<Float>(repeating: 0)
  var i = range.lowerBound
  while i + 8 <= range.upperBound {
    let g = load8(dy + i)
    let v = load8(y + i)
    store8(zero.replacing(with: g, where: v .> zero), dx + i)
    i += 8
  }
  while i < range.upperBound {
    dx[i] = y[i] > 0 ? dy[i] : 0
    i += 1
  }
}

/// y = tanh(x); dy/dx = 1 − y².
public final class Tanh: ElementwiseActivation {
  var output = Tensor(), saved = Tensor()

  public init() {}
  public var spec: LayerSpec { LayerSpec(kind: .tanh) }
  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    let y = map(x) { tanhf($0) }
    saved = context.training ? y : Tensor()
    return y
  }
  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    chain(dy) { 1 - $0 * $0 }
  }
}

/// y = 1 / (1 + e^(−x)); dy/dx = y(1 − y).
public final class Sigmoid: ElementwiseActivation {
  var output = Tensor(), saved = Tensor()

  public init() {}
  public var spec: LayerSpec { LayerSpec(kind: .sigmoid) }
  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    let y = map(x) { 1 / (1 + expf(-$0)) }
    saved = context.training ? y : Tensor()
    return y
  }
  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    chain(dy) { $0 * (1 - $0) }
  }
}

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Which update rule, and its hyper-parameters.
public struct OptimizerSettings: Codable, Equatable, Sendable {
  public enum Kind: String, Codable, CaseIterable, Sendable { case sgd, adam }
  public var kind: Kind
  public var learningRate: Float
  /// SGD only.
  public var momentum: Float = 0

  public init(kind: Kind, learningRate: Float, momentum: Float = 0) {
    self.kind = kind
    self.learningRate = learningRate
    self.momentum = momentum
  }

  /// e.g. "adam lr 0.001" or "sgd lr 0.01 momentum 0.5".
  public var summary: String {
    kind == .adam ? "adam lr \(learningRate)" : "sgd lr \(learningRate) momentum \(momentum)"
  }

  /// A new optimizer over `parameters`.
  public func make(for parameters: [Parameter]) -> Optimizer {
    kind == .adam
      ? Adam(parameters: parameters, learningRate: learningRate)
      : SGD(parameters: parameters, learningRate: learningRate, momentum: momentum)
  }
}

/// Updates parameters from their gradients, then zeroes the gradients.
public protocol Optimizer: AnyObject {
  /// The step size; the trainer lowers it per epoch when a decay is set.
  var learningRate: Float { get set }
  /// SGD's momentum μ, or Adam's β₁; a one-cycle schedule moves it every step.
  var momentum: Float { get set }
  func step()
}

/// SGD with momentum, as PyTorch: v ← μ·v + g; θ ← θ − lr·v.
public final class SGD: Optimizer {
  let parameters: [Parameter]
  public var learningRate: Float
  public var momentum: Float
  private var velocity: [[Float]]

  public init(parameters: [Parameter], learningRate: Float, momentum: Float) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    velocity = parameters.map { [Float](repeating: 0, count: $0.value.count) }
  }

  public func step() {
    let lr = learningRate
    let mu = momentum
    for (i, p) in parameters.enumerated() {
      let count = p.value.count  // read before the exclusive accesses below
      velocity[i].withUnsafeMutableBufferPointer { v in
        p.gradient.data.withUnsafeMutableBufferPointer { g in
          p.value.data.withUnsafeMutableBufferPointer { w in
            let (v, g, w) = (v.baseAddress!, g.baseAddress!, w.baseAddress!)
            parallelChunks(count) { range in
              var j = range.lowerBound
              while j + 8 <= range.upperBound {  // 8 lanes at a time, then the tail
                let vj = mu * load8(v + j) + load8(g + j)
                store8(vj, v + j)
                store8(load8(w + j) - lr * vj, w + j)
                store8(.zero, g + j)  // zeroed in the same pass, ready for the next backward
                j += 8
              }
              for j in j..<range.upperBound {
                v[j] = mu * v[j] + g[j]
                w[j] -= lr * v[j]
                g[j] = 0
              }
            }
          }
        }
      }
    }
  }
}

/// Adam, as PyTorch (β₁ 0.9, β₂ 0.999, ε 1e-8):
/// m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ − lr · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
public final class Adam: Optimizer {
  let parameters: [Parameter]
  public var learningRate: Float
  var beta1: Float = 0.9
  let beta2: Float = 0.999, epsilon: Float = 1e-8
  /// β₁ under its general name (bias correction uses β₁ of the step, as PyTorch).
  public var momentum: Float {
    get { beta1 }
    set { beta1 = newValue }
  }
  private var m: [[Float]], v: [[Float]]
  private var t = 0

  public init(parameters: [Parameter], learningRate: Float) {
    self.parameters = parameters
    self.learningRate = learningRate
    m = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    v = m
  }

  public func step() {
    t += 1
    let b1 = beta1
    let b2 = beta2
    let eps = epsilon
    let correction1 = 1 - powf(b1, Float(t))
    let correction2 = 1 - powf(b2, Float(t))
    let stepSize = learningRate / correction1
    let rootCorrection2 = correction2.squareRoot()
    for (i, p) in parameters.enumerated() {
      let count = p.value.count  // read before the exclusive accesses below
      m[i].withUnsafeMutableBufferPointer { mp in
        v[i].withUnsafeMutableBufferPointer { vp in
          p.gradient.data.withUnsafeMutableBufferPointer { g in
            p.value.data.withUnsafeMutableBufferPointer { w in
              let (mp, vp, g, w) = (
                mp.baseAddress!, vp.baseAddress!, g.baseAddress!, w.baseAddress!
              )
              parallelChunks(count) { range in
                // 8 lanes at a time (a square root and a division each), then the tail.
                var j = range.lowerBound
                while j + 8 <= range.upperBound {
                  let gj = load8(g + j)
                  let mj = b1 * load8(mp + j) + (1 - b1) * gj
                  let vj = b2 * load8(vp + j) + (1 - b2) * gj * gj
                  store8(mj, mp + j)
                  store8(vj, vp + j)
                  store8(
                    load8(w + j) - stepSize * mj / (vj.squareRoot() / rootCorrection2 + eps), w + j)
                  store8(.zero, g + j)  // zeroed in the same pass, ready for the next backward
                  j += 8
                }
                for j in j..<range.upperBound {
                  mp[j] = b1 * mp[j] + (1 - b1) * g[j]
                  vp[j] = b2 * vp[j] + (1 - b2) * g[j] * g[j]
                  w[j] -= stepSize * mp[j] / (vp[j].squareRoot() / rootCorrection2 + eps)
                  g[j] = 0
                }
              }
            }
          }
        }
      }
    }
  }
}

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
  private let velocity: OptimizerState

  public init(parameters: [Parameter], learningRate: Float, momentum: Float) {
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    velocity = OptimizerState(parameters)
  }

  public func step() {
    let lr = learningRate
    let mu = momentum
    let velocity = velocity.addresses
    forEachPiece(of: parameters) { i, range, w, g in
      let v = velocity[i]
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
  private let m: OptimizerState, v: OptimizerState
  private var t = 0

  public init(parameters: [Parameter], learningRate: Float) {
    self.parameters = parameters
    self.learningRate = learningRate
    m = OptimizerState(parameters)
    v = OptimizerState(parameters)
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
    let (ms, vs) = (m.addresses, v.addresses)
    forEachPiece(of: parameters) { i, range, w, g in
      let (mp, vp) = (ms[i], vs[i])
      // 8 lanes at a time (a square root and a division each), then the tail.
      var j = range.lowerBound
      while j + 8 <= range.upperBound {
        let gj = load8(g + j)
        let mj = b1 * load8(mp + j) + (1 - b1) * gj
        let vj = b2 * load8(vp + j) + (1 - b2) * gj * gj
        store8(mj, mp + j)
        store8(vj, vp + j)
        store8(load8(w + j) - stepSize * mj / (vj.squareRoot() / rootCorrection2 + eps), w + j)
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

/// An optimizer's per-value state (SGD's velocity, Adam's moments): one zeroed array per
/// parameter, the same length as its value, owned here so that all of them can be written
/// at once by one parallel loop.
final class OptimizerState {
  let addresses: [UnsafeMutablePointer<Float>]
  private let counts: [Int]

  init(_ parameters: [Parameter]) {
    counts = parameters.map(\.value.count)
    addresses = counts.map { count in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
      p.initialize(repeating: 0, count: max(count, 1))
      return p
    }
  }

  deinit {
    for (p, count) in zip(addresses, counts) {
      p.deinitialize(count: max(count, 1))
      p.deallocate()
    }
  }
}

/// Values per item of `forEachPiece` when nothing is pinned: 64 KB, a multiple of 8 lanes.
let optimizerPiece = 16_384

/// Runs `update(i, range, w, g)` over every value of every parameter (i its index, w and g
/// its value and gradient) as the items of one parallel loop (one start and one wait per
/// step, however many parameters).
/// Each parameter is cut into pieces of `optimizerPiece` values, an idle core taking the next;
/// except when a parameter is large enough to pin (`pinsToCores`), as Net1's and Net3's first
/// linear layers. Then each such parameter is cut by whole rows into one part per core, core
/// c taking part c: the rows of W that the same core multiplied in Linear's forward and
/// backward (`BLAS.Product.span`), still in its cache. The other pieces go to the core with
/// the fewest values so far, so both cores end together.
func forEachPiece(
  of parameters: [Parameter],
  _ update: (Int, Range<Int>, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void
) {
  let cores = ProcessInfoCache.cores
  let pinning = parameters.contains { pinsToCores($0.value.count) }
  // Pinned: each core's list of pieces; unpinned: one list, every piece.
  var lists = [[(parameter: Int, range: Range<Int>)]](repeating: [], count: pinning ? cores : 1)
  var loads = [Int](repeating: 0, count: lists.count)
  func add(_ piece: (Int, Range<Int>), to list: Int) {
    lists[list].append(piece)
    loads[list] += piece.1.count
  }
  for (i, p) in parameters.enumerated() {
    let count = p.value.count
    if pinning && pinsToCores(count) {
      let rows = p.value.shape.first ?? count
      let perRow = count / max(rows, 1)
      for c in 0..<cores {
        let part = sliceOf16(c, of: cores, length: rows)
        add((i, (part.lowerBound * perRow)..<(part.upperBound * perRow)), to: c)
      }
      continue
    }
    for start in stride(from: 0, to: count, by: optimizerPiece) {
      let lightest = loads.indices.min { loads[$0] < loads[$1] } ?? 0
      add((i, start..<min(start + optimizerPiece, count)), to: lightest)
    }
  }
  // Item k runs on core k % cores when pinned: the lists interleaved, padded with empty items.
  var items: [(parameter: Int, range: Range<Int>)] = lists[0]
  if pinning {
    items = []
    for k in 0..<(lists.map(\.count).max() ?? 0) {
      for list in lists { items.append(k < list.count ? list[k] : (0, 0..<0)) }
    }
  }
  // nil for an empty parameter, which has no items.
  var values: [UnsafeMutablePointer<Float>?] = []
  var gradients: [UnsafeMutablePointer<Float>?] = []
  // Every parameter's value and gradient held at once (each a different array), then the loop.
  func hold(_ i: Int) {
    guard i < parameters.count else {
      parallelItems(items.count, pinned: pinning) { k in
        let (p, range) = items[k]
        guard !range.isEmpty else { return }
        update(p, range, values[p]!, gradients[p]!)
      }
      return
    }
    parameters[i].value.data.withUnsafeMutableBufferPointer { w in
      parameters[i].gradient.data.withUnsafeMutableBufferPointer { g in
        values.append(w.baseAddress)
        gradients.append(g.baseAddress)
        hold(i + 1)
      }
    }
  }
  hold(0)
}

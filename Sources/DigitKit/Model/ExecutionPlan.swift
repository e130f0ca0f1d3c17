#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// How `Model.forward` and `Model.backward` run the layers: one by one, except where
/// consecutive layers are only memory traffic and run as one fused pass.
///
/// The fused passes: convolution → max-pool 2×2 → ReLU → dropout (Net3's conv2 and conv3
/// blocks) or convolution → max-pool 2×2 → ReLU (Net2's conv1), in `FusedPoolReLU`; and
/// convolution → ReLU (Net3's conv1), in `FusedConvReLU`. Where the convolution runs
/// Winograd, its output tiles' 2×2 blocks are pooled as they are made and the full-size output is
/// never written; otherwise the pool reads it once and writes the small output once,
/// instead of three reads and three writes. Backward hands the convolution its output
/// gradient sample by sample, made in cache (`OutputGradient.bySample`).
///
/// The layer list (what `summary` and the lessons show) does not change; the plan is built
/// from it, again after every append. `bench --layers` prints the plan's steps.
struct ExecutionPlan {
  /// Whether models fuse by default: yes, unless the environment says `DIGITLAB_FUSE=0`.
  static let enabledByDefault: Bool = {
    guard let raw = getenv("DIGITLAB_FUSE") else { return true }
    return String(cString: raw) != "0"
  }()

  /// One step: a layer by itself, or a fused pass over several.
  enum Step {
    case layer(Int)
    case fused(any FusedPass)

    /// The layer indices the step stands for.
    var layers: ClosedRange<Int> {
      switch self {
      case .layer(let i): return i...i
      case .fused(let f): return f.layers
      }
    }
  }

  let steps: [Step]

  /// Each step in a few words, and the layers it stands for: ("pool+relu+dropout fused",
  /// 3...5), or ("conv 1→32 5×5", 0...0) for a layer by itself. What `bench --layers` prints.
  func summary(_ layers: [Layer]) -> [(name: String, layers: ClosedRange<Int>)] {
    steps.map { step in
      switch step {
      case .layer(let i): return (layers[i].spec.summary, i...i)
      case .fused(let f): return (f.summary, f.layers)
      }
    }
  }

  /// Fuses every max-pool 2×2 followed by a ReLU, and by a dropout after that when there is
  /// one, and the convolution before them when there is one; and every other convolution
  /// followed by a ReLU. With `fusing` false, one step per layer.
  init(_ layers: [Layer], fusing: Bool = true) {
    func isPool(_ i: Int) -> Bool {
      i + 1 < layers.count && (layers[i] as? MaxPool2d)?.kernel == 2 && layers[i + 1] is ReLU
    }
    var steps: [Step] = []
    var i = 0
    while i < layers.count {
      let convolution = fusing && isPool(i + 1) ? layers[i] as? Conv2d : nil
      let pool = convolution == nil ? i : i + 1
      if fusing, !isPool(pool), let conv = layers[i] as? Conv2d, i + 1 < layers.count,
        layers[i + 1] is ReLU
      {
        steps.append(.fused(FusedConvReLU(layers: i...(i + 1), convolution: conv)))
        i += 2
        continue
      }
      guard fusing, isPool(pool) else {
        steps.append(.layer(i))
        i += 1
        continue
      }
      let dropout = pool + 2 < layers.count ? layers[pool + 2] as? Dropout : nil
      let last = dropout == nil ? pool + 1 : pool + 2
      steps.append(
        .fused(FusedPoolReLU(layers: i...last, convolution: convolution, dropout: dropout)))
      i = last + 1
    }
    self.steps = steps
  }

  /// x through every step.
  func forward(_ x: Tensor, layers: [Layer], context: ForwardContext) -> Tensor {
    var y = x
    for step in steps { y = Self.forward(step, y, layers: layers, context: context) }
    return y
  }

  /// dy back through the steps down to layer `first`, which computes no input gradient.
  func backward(_ dy: Tensor, layers: [Layer], first: Int) {
    var g = dy
    for step in steps.reversed() where step.layers.lowerBound >= first {
      g = Self.backward(step, g, layers: layers, needsInputGradient: step.layers.lowerBound > first)
    }
  }

  static func forward(_ step: Step, _ x: Tensor, layers: [Layer], context: ForwardContext)
    -> Tensor
  {
    switch step {
    case .layer(let i): return layers[i].forward(x, context: context)
    case .fused(let f): return f.forward(x, context: context)
    }
  }

  static func backward(_ step: Step, _ dy: Tensor, layers: [Layer], needsInputGradient: Bool)
    -> Tensor
  {
    switch step {
    case .layer(let i): return layers[i].backward(dy, needsInputGradient: needsInputGradient)
    case .fused(let f): return f.backward(dy, needsInputGradient: needsInputGradient)
    }
  }
}

/// Several consecutive layers run as one pass each way (`FusedPoolReLU`, `FusedConvReLU`),
/// with the same numbers as the layers one by one.
protocol FusedPass: AnyObject {
  /// The layer indices the pass stands for, in the model.
  var layers: ClosedRange<Int> { get }
  /// The pass in a few words, for `bench --layers`: "conv2+pool+relu+dropout".
  var summary: String { get }
  /// x: (B, …) → the last layer's output. Keeps what backward needs while training.
  func forward(_ x: Tensor, context: ForwardContext) -> Tensor
  /// dy w.r.t. the last layer's output → dx w.r.t. the first layer's input.
  func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor
}

/// A network: a list of layers that grows one `append` at a time.
///
/// After every append the model knows each layer's output shape and parameter count, and
/// can run a digit through what exists so far. Parameter names follow PyTorch's
/// `state_dict` (`conv1.weight`), so checkpoints load in PyTorch.
public final class Model {
  /// Per-sample input shape, `[1, 28, 28]` for MNIST.
  public let inputShape: [Int]
  public private(set) var layers: [Layer] = []
  /// Per-sample output shape after each layer.
  public private(set) var shapes: [[Int]] = []
  /// Seeds initialisation of appended layers and dropout masks.
  public let random: RandomSource
  /// Whether whole-model passes run the fused execution plan (`ExecutionPlan`): the same
  /// numbers, fewer passes over memory. On unless `DIGITLAB_FUSE=0`; off for A/B timings.
  public var fusesLayers = ExecutionPlan.enabledByDefault
  /// The plan over `layers`, made on first use after a change of layers.
  private var plan: ExecutionPlan?
  /// Whether the last forward ran the plan, so backward follows the same steps.
  private var lastForwardRanPlan = false

  public init(inputShape: [Int] = [1, 28, 28], seed: UInt64 = 1) {
    self.inputShape = inputShape
    self.random = RandomSource(seed: seed)
  }

  /// The per-sample shape of an MNIST digit, (C, H, W): the only input DigitLab feeds a model.
  public static let mnistInputShape = [1, 28, 28]

  /// Refuses, with one line, a model for inputs other than MNIST digits: "NAME takes 3×28×28
  /// inputs; MNIST digits are 1×28×28". Such a model would read past the end of every batch.
  public static func checkTakesMNIST(_ inputShape: [Int], name: String = "the model") throws {
    guard inputShape != mnistInputShape else { return }
    func shape(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
    throw DigitKitError(
      "\(name) takes \(shape(inputShape)) inputs; MNIST digits are \(shape(mnistInputShape))")
  }

  /// Output shape of the whole model so far (the input shape when it has no layers).
  public var outputShape: [Int] { shapes.last ?? inputShape }

  /// Checks that `layer` fits the current output and appends it.
  public func append(_ layer: Layer) throws {
    let shape = try layer.outputShape(for: outputShape)
    if let name = layer.spec.name, layers.contains(where: { $0.spec.name == name }) {
      throw DigitKitError("a layer named \(name) exists already")
    }
    layers.append(layer)
    shapes.append(shape)
    plan = nil
  }

  /// Builds the layer `spec` describes and appends it. Layers with parameters and no
  /// name are named like PyTorch attributes: `conv1`, `conv2`, … and `fc1`, `fc2`, ….
  @discardableResult
  public func append(_ spec: LayerSpec) throws -> Layer {
    var spec = spec
    if spec.name == nil, spec.kind == .linear || spec.kind == .conv2d {
      let prefix = spec.kind == .linear ? "fc" : "conv"
      let taken = Set(layers.compactMap { $0.spec.name })
      var n = 1
      while taken.contains("\(prefix)\(n)") { n += 1 }
      spec.name = "\(prefix)\(n)"
    }
    try MemoryBudget.checkParameters(of: spec)
    let layer = try spec.makeLayer(random: &random.generator)
    try append(layer)
    return layer
  }

  /// Removes the last layer (for undoing a mistaken append).
  public func removeLast() {
    guard !layers.isEmpty else { return }
    layers.removeLast()
    shapes.removeLast()
    plan = nil
  }

  /// Specs of all layers, in order.
  public var specs: [LayerSpec] { layers.map(\.spec) }

  /// All parameters with their full names, in `state_dict` order.
  public var namedParameters: [(name: String, parameter: Parameter)] {
    layers.flatMap { layer in
      layer.parameters.map { ("\(layer.spec.name ?? "layer").\($0.name)", $0) }
    }
  }

  /// Number of learnable scalars.
  public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// Whether the output is a vector of 10 log-probabilities, ready for training.
  public var isClassifier: Bool {
    layers.last?.spec.kind == .logSoftmax && outputShape == [10]
  }

  /// Sets the drop probability of every dropout layer.
  public func setDropout(_ p: Float) {
    for layer in layers {
      if let d = layer as? Dropout { d.p = p }
      if let d = layer as? Dropout2d { d.p = p }
    }
  }

  /// The plan whole-model passes run, or nil when `fusesLayers` is off.
  var executionPlan: ExecutionPlan? {
    guard fusesLayers else { return nil }
    if plan == nil { plan = ExecutionPlan(layers) }
    return plan
  }

  /// The steps a whole-model pass runs, in a few words each, with the layer indices each
  /// stands for: ("pool+relu+dropout fused", 3...5) where layers are fused, else one per layer.
  public var executionSteps: [(name: String, layers: ClosedRange<Int>)] {
    (executionPlan ?? ExecutionPlan(layers, fusing: false)).summary(layers)
  }

  /// Runs x: (B, …input shape) through the first `upTo` layers (all by default): the whole
  /// model by its execution plan, part of it layer by layer.
  public func forward(_ x: Tensor, training: Bool = false, upTo: Int? = nil) -> Tensor {
    let context = ForwardContext(training: training, random: random)
    let count = upTo ?? layers.count
    if count == layers.count, let plan = executionPlan {
      lastForwardRanPlan = true
      return plan.forward(x, layers: layers, context: context)
    }
    lastForwardRanPlan = false
    var y = x
    for layer in layers.prefix(count) { y = layer.forward(y, context: context) }
    return y
  }

  /// Back-propagates the loss gradient `dy` (w.r.t. the last forward's output), adding into
  /// the parameters' gradients: from the last layer down to the first layer with parameters
  /// (`firstLayerWithParameters`), which computes no input gradient; the layers before it
  /// have nothing to learn and are not visited.
  public func backward(_ dy: Tensor) {
    let first = firstLayerWithParameters
    if lastForwardRanPlan, let plan {
      plan.backward(dy, layers: layers, first: first)
      return
    }
    var g = dy
    for (i, layer) in layers.enumerated().reversed() where i >= first {
      g = layer.backward(g, needsInputGradient: i > first)
    }
  }

  /// The first layer with parameters: backward stops there, and only the layers after it pass
  /// a gradient on. (Net1's first linear layer follows a flatten: its input gradient, a third
  /// of that layer's backward, went nowhere. PyTorch does not compute it either.)
  public var firstLayerWithParameters: Int {
    layers.firstIndex { !$0.parameters.isEmpty } ?? layers.count
  }

  /// Whether layer `index`'s backward must pass a gradient on (a layer before it has parameters).
  public func needsInputGradient(at index: Int) -> Bool { index > firstLayerWithParameters }

  /// Zeroes every parameter's gradient.
  public func zeroGradients() {
    for layer in layers { for p in layer.parameters { p.zeroGradient() } }
  }

  /// A copy with the same layers and weights (fresh optimizer state and caches).
  public func copy(seed: UInt64 = 1) throws -> Model {
    let clone = Model(inputShape: inputShape, seed: seed)
    for spec in specs { try clone.append(spec) }
    for ((_, target), (_, source)) in zip(clone.namedParameters, namedParameters) {
      target.value = source.value
    }
    return clone
  }
}

/// The three networks of the study, exactly as `torch_reference.py` builds them.
public enum NetName: String, CaseIterable, Codable, Sendable {
  case net1, net2, net3

  /// What the net is, in a few words.
  public var about: String {
    switch self {
    case .net1: return "fully connected 784-520-320-240-120-10, ReLU"
    case .net2: return "small CNN: conv 1→10, conv 10→20, Dropout2d, 320-50-10"
    case .net3: return "deeper CNN: conv 1→32, 32→32, 32→64, dropout 0.5, 576-256-10"
    }
  }

  /// The layer list, with PyTorch's attribute names.
  public var specs: [LayerSpec] {
    switch self {
    case .net1:
      let sizes = [784, 520, 320, 240, 120, 10]
      var list = [LayerSpec(kind: .flatten)]
      for i in 0..<5 {
        list.append(
          LayerSpec(kind: .linear, name: "l\(i + 1)", inputs: sizes[i], outputs: sizes[i + 1]))
        list.append(LayerSpec(kind: i < 4 ? .relu : .logSoftmax))
      }
      return list
    case .net2:
      return [
        LayerSpec(kind: .conv2d, name: "conv1", inputs: 1, outputs: 10, kernel: 5),
        LayerSpec(kind: .maxPool2d, kernel: 2), LayerSpec(kind: .relu),
        LayerSpec(kind: .conv2d, name: "conv2", inputs: 10, outputs: 20, kernel: 5),
        LayerSpec(kind: .dropout2d, p: 0.5),
        LayerSpec(kind: .maxPool2d, kernel: 2), LayerSpec(kind: .relu),
        LayerSpec(kind: .flatten),
        LayerSpec(kind: .linear, name: "fc1", inputs: 320, outputs: 50), LayerSpec(kind: .relu),
        LayerSpec(kind: .dropout, p: 0.5),
        LayerSpec(kind: .linear, name: "fc2", inputs: 50, outputs: 10),
        LayerSpec(kind: .logSoftmax),
      ]
    case .net3:
      return [
        LayerSpec(kind: .conv2d, name: "conv1", inputs: 1, outputs: 32, kernel: 5),
        LayerSpec(kind: .relu),
        LayerSpec(kind: .conv2d, name: "conv2", inputs: 32, outputs: 32, kernel: 5),
        LayerSpec(kind: .maxPool2d, kernel: 2), LayerSpec(kind: .relu),
        LayerSpec(kind: .dropout, p: 0.5),
        LayerSpec(kind: .conv2d, name: "conv3", inputs: 32, outputs: 64, kernel: 5),
        LayerSpec(kind: .maxPool2d, kernel: 2), LayerSpec(kind: .relu),
        LayerSpec(kind: .dropout, p: 0.5),
        LayerSpec(kind: .flatten),
        LayerSpec(kind: .linear, name: "fc1", inputs: 576, outputs: 256), LayerSpec(kind: .relu),
        LayerSpec(kind: .dropout, p: 0.5),
        LayerSpec(kind: .linear, name: "fc2", inputs: 256, outputs: 10),
        LayerSpec(kind: .logSoftmax),
      ]
    }
  }

  /// The reference's update rule: SGD for Net1 and Net2, Adam for Net3.
  public var optimizerKind: OptimizerSettings.Kind { self == .net3 ? .adam : .sgd }

  /// The reference's optimizer, `OptimizerSettings.defaults(for: self)`.
  public var defaultOptimizer: OptimizerSettings { .defaults(for: self) }
}

/// The optimizer defaults, in one place: every front end (train, finetune, lessons) asks here.
extension OptimizerSettings {
  /// The reference's hyper-parameters for an update rule: SGD lr 0.01 momentum 0.5,
  /// Adam lr 1e-3 (β₁ 0.9, β₂ 0.999, ε 1e-8, fixed in `Adam`).
  public static func defaults(for kind: Kind) -> OptimizerSettings {
    switch kind {
    case .sgd: return OptimizerSettings(kind: .sgd, learningRate: 0.01, momentum: 0.5)
    case .adam: return OptimizerSettings(kind: .adam, learningRate: 1e-3)
    }
  }

  /// The optimizer for a model of the study net `net`: SGD lr 0.01 momentum 0.5 for Net1 and
  /// Net2, Adam lr 1e-3 for Net3; Adam lr 1e-3 for a model of no known net (nil).
  public static func defaults(for net: NetName?) -> OptimizerSettings {
    defaults(for: net?.optimizerKind ?? .adam)
  }
}

extension Model {
  /// A freshly initialised copy of one of the study's nets.
  public static func make(_ net: NetName, seed: UInt64 = 1) -> Model {
    let model = Model(seed: seed)
    for spec in net.specs {
      // The zoo's specs are known to fit; failing here is a programming error.
      do { try model.append(spec) } catch { preconditionFailure("\(net): \(error)") }
    }
    return model
  }

  /// Rebuilds a model from layer specs (e.g. from a checkpoint).
  public static func make(specs: [LayerSpec], inputShape: [Int] = [1, 28, 28], seed: UInt64 = 1)
    throws -> Model
  {
    let model = Model(inputShape: inputShape, seed: seed)
    for spec in specs { try model.append(spec) }
    return model
  }
}

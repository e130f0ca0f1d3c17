/// The kinds of layer DigitLab knows, with the names used in commands and checkpoints.
public enum LayerKind: String, Codable, CaseIterable, Sendable {
  case linear
  case conv2d = "conv"
  case maxPool2d = "maxpool"
  case relu, tanh, sigmoid
  case dropout, dropout2d, flatten
  case logSoftmax = "logsoftmax"
}

/// A layer's description: kind, sizes and parameter-name prefix. Rebuilds the layer exactly.
///
/// Stored as JSON in checkpoint metadata, e.g. `{"kind":"conv","name":"conv1","inputs":1,"outputs":32,"kernel":5}`.
public struct LayerSpec: Codable, Equatable, Sendable {
  public var kind: LayerKind
  /// Prefix of parameter names (`conv1` gives `conv1.weight`); nil for layers without parameters.
  public var name: String?
  public var inputs: Int?
  public var outputs: Int?
  public var kernel: Int?
  public var padding: Int?
  /// Drop probability for dropout layers.
  public var p: Float?

  public init(
    kind: LayerKind, name: String? = nil, inputs: Int? = nil, outputs: Int? = nil,
    kernel: Int? = nil, padding: Int? = nil, p: Float? = nil
  ) {
    self.kind = kind
    self.name = name
    self.inputs = inputs
    self.outputs = outputs
    self.kernel = kernel
    self.padding = padding
    self.p = p
  }

  /// One-line description, e.g. `conv 1→32 5×5` or `dropout p=0.5`.
  public var summary: String {
    switch kind {
    case .linear: return "linear \(inputs ?? 0)→\(outputs ?? 0)"
    case .conv2d:
      let pad = (padding ?? 0) > 0 ? " pad \(padding ?? 0)" : ""
      return "conv \(inputs ?? 0)→\(outputs ?? 0) \(kernel ?? 0)×\(kernel ?? 0)\(pad)"
    case .maxPool2d: return "maxpool \(kernel ?? 2)×\(kernel ?? 2)"
    case .dropout, .dropout2d: return "\(kind.rawValue) p=\(String(format2: p ?? 0.5))"
    default: return kind.rawValue
    }
  }

  /// Builds the layer this spec describes, with fresh PyTorch-style initial weights.
  public func makeLayer(random: inout SeededGenerator) throws -> Layer {
    func positive(_ v: Int?, _ what: String, max: Int = 100_000) throws -> Int {
      guard let v, v > 0, v <= max else {
        throw DigitKitError("\(kind.rawValue): \(what) must be a whole number from 1 to \(max)")
      }
      return v
    }
    switch kind {
    case .linear:
      return Linear(
        inputs: try positive(inputs, "inputs"), outputs: try positive(outputs, "outputs"),
        name: name ?? "fc", random: &random)
    case .conv2d:
      let pad = padding ?? 0
      guard pad >= 0, pad <= 16 else { throw DigitKitError("conv: padding must be from 0 to 16") }
      return Conv2d(
        inputChannels: try positive(inputs, "input channels", max: 4096),
        outputChannels: try positive(outputs, "output channels", max: 4096),
        kernel: try positive(kernel, "kernel size", max: 28), padding: pad,
        name: name ?? "conv", random: &random)
    case .maxPool2d: return MaxPool2d(kernel: try positive(kernel ?? 2, "pool size", max: 28))
    case .relu: return ReLU()
    case .tanh: return Tanh()
    case .sigmoid: return Sigmoid()
    case .dropout, .dropout2d:
      let prob = p ?? 0.5
      do { try Dropout.checkProbability(prob) } catch let error as DigitKitError {
        throw DigitKitError("\(kind.rawValue): \(error.message)", setting: error.setting)
      }
      return kind == .dropout ? Dropout(p: prob) : Dropout2d(p: prob)
    case .flatten: return Flatten()
    case .logSoftmax: return LogSoftmax()
    }
  }
}

extension String {
  /// Shortest plain decimal for a probability-like float (up to 3 decimals).
  init(format2 value: Float) {
    var s = String(Double((value * 1000).rounded()) / 1000)
    if s.hasSuffix(".0") { s.removeLast(2) }
    self = s
  }
}

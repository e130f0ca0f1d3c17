/// A learnable tensor and the gradient that backward passes add into.
public final class Parameter {
  /// Name within its layer: "weight" or "bias".
  public let name: String
  public var value: Tensor
  /// Same shape as `value`. Backward *adds* into it; the optimizer zeroes it after a step.
  public var gradient: Tensor

  public init(name: String, value: Tensor) {
    self.name = name
    self.value = value
    self.gradient = Tensor(zeros: value.shape)
  }

  /// Sets the gradient to zero.
  public func zeroGradient() {
    gradient.data.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
  }
}

/// Whether a forward pass is for training (dropout active, inputs kept for backward) or inference.
public struct ForwardContext {
  public var training: Bool
  public var random: RandomSource
  public init(training: Bool, random: RandomSource) {
    self.training = training
    self.random = random
  }
}

/// One step of a network. Forward and backward sit side by side in each implementation.
///
/// Shapes passed between layers include the batch: `(B, …)`. `outputShape(for:)` works on
/// per-sample shapes (no batch), which is what summaries and lessons print.
public protocol Layer: AnyObject {
  /// Everything needed to rebuild this layer (kind, sizes, name); stored in checkpoints.
  var spec: LayerSpec { get }
  /// The learnable tensors, in PyTorch's `state_dict` order (weight, then bias).
  var parameters: [Parameter] { get }
  /// Per-sample output shape for a per-sample input shape, or an error naming the mismatch.
  func outputShape(for input: [Int]) throws -> [Int]
  /// x: (B, …) → y: (B, …). Keeps what backward needs when `context.training`.
  func forward(_ x: Tensor, context: ForwardContext) -> Tensor
  /// dy: the loss gradient w.r.t. the last forward's output. Adds parameter gradients and
  /// returns dx, or an empty tensor when `needsInputGradient` is false (the first layer).
  func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor
}

extension Layer {
  public var parameters: [Parameter] { [] }
  /// Number of learnable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

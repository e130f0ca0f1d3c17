/// Reshapes (B, C, H, W) to (B, C·H·W) without moving data (PyTorch's `x.view(-1, n)`).
public final class Flatten: Layer {
  private var inputShape: [Int] = []
  public init() {}
  public var spec: LayerSpec { LayerSpec(kind: .flatten) }
  public func outputShape(for input: [Int]) throws -> [Int] { [input.reduce(1, *)] }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, …) → y: (B, Π…)
    inputShape = x.shape
    return Tensor(shape: [x.batch, x.itemSize], data: x.data)
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    Tensor(shape: inputShape, data: dy.data)
  }
}

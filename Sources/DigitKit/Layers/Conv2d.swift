import CKernels

/// 2-D convolution, stride 1, square kernel, optional zero padding.
///
/// y[b, o, i, j] = bias[o] + Σ_{c, u, v} W[o, c, u, v] · x[b, c, i+u-pad, j+v-pad].
/// W: (out, in, k, k), b: (out), both ~ U(-1/√(in·k·k), 1/√(in·k·k)), as PyTorch's `nn.Conv2d`.
///
/// The layer holds the parameters and the shapes; the arithmetic is one of three
/// `ConvolutionAlgorithm`s, chosen per forward from `algorithm` and the input's size (same
/// numbers up to float rounding):
/// - `.winograd` (5×5 kernels, even outputs, 16+ input channels, AVX2 or AVX-512: `SIMDLevel`):
///   Winograd F(4×4, 5×5) or F(2×2, 5×5) for y and dx, the direct kernels for dW
///   (Conv2d+Winograd.swift, CKernels/Winograd.c);
/// - `.direct` (x86-64 with AVX2 or AVX-512): register-blocked kernels read x through offset
///   tables, with no im2col copy and no packing (Conv2d+Direct.swift, CKernels/GatherGEMM.c);
/// - `.im2col`: im2col + BLAS GEMM over groups of samples (Conv2d+Im2col.swift).
public final class Conv2d: Layer {
  public let inputChannels: Int
  public let outputChannels: Int
  public let kernel: Int
  public let padding: Int
  public let name: String
  public let weight: Parameter  // (out, in, k, k)
  public let bias: Parameter  // (out)

  /// How forward and backward multiply; `ConvAlgorithm.preferred` unless set. A layer the
  /// algorithm does not fit runs the next one down (`ConvAlgorithm.resolved(for:)`).
  public var algorithm = ConvAlgorithm.preferred

  /// The geometry and algorithm of the last forward, which backward follows.
  private var last: (geometry: ConvGeometry, algorithm: ConvolutionAlgorithm)?
  // One of each, made when first chosen: each keeps its buffers between batches.
  private lazy var byIm2col = Im2colConvolution()
  private lazy var byDirect = DirectConvolution()
  private lazy var byWinograd = WinogradConvolution()

  public init(
    inputChannels: Int, outputChannels: Int, kernel: Int, padding: Int = 0,
    name: String, random: inout SeededGenerator
  ) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.padding = padding
    self.name = name
    let fanIn = inputChannels * kernel * kernel
    let bound = 1 / Float(fanIn).squareRoot()
    let w = (0..<(outputChannels * fanIn)).map { _ in random.nextFloat(in: -bound, bound) }
    let b = (0..<outputChannels).map { _ in random.nextFloat(in: -bound, bound) }
    weight = Parameter(
      name: "weight",
      value: Tensor(shape: [outputChannels, inputChannels, kernel, kernel], data: w))
    bias = Parameter(name: "bias", value: Tensor(shape: [outputChannels], data: b))
  }

  public var spec: LayerSpec {
    LayerSpec(
      kind: .conv2d, name: name, inputs: inputChannels, outputs: outputChannels,
      kernel: kernel, padding: padding == 0 ? nil : padding)
  }
  public var parameters: [Parameter] { [weight, bias] }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[0] == inputChannels else {
      throw DigitKitError(
        "conv \(inputChannels)→\(outputChannels) needs \(inputChannels)×H×W input but gets \(describeShape(input))"
      )
    }
    let h = input[1] + 2 * padding - kernel + 1
    let w = input[2] + 2 * padding - kernel + 1
    guard h > 0, w > 0 else {
      throw DigitKitError("conv \(kernel)×\(kernel) does not fit a \(input[1])×\(input[2]) input")
    }
    return [outputChannels, h, w]
  }

  /// (Ho, Wo) for an input x: (B, C, H, W).
  func outputSize(_ inputShape: [Int]) -> [Int] {
    [inputShape[2] + 2 * padding - kernel + 1, inputShape[3] + 2 * padding - kernel + 1]
  }

  /// The sizes of a convolution by this layer of x: (B, C, H, W).
  func geometry(batch: Int, height: Int, width: Int) -> ConvGeometry {
    ConvGeometry(
      batch: batch, channels: inputChannels, height: height, width: width,
      outputChannels: outputChannels, kernel: kernel, padding: padding)
  }

  /// The algorithm this layer runs on an input of geometry `g`.
  func algorithm(for g: ConvGeometry) -> ConvAlgorithm { algorithm.resolved(for: g) }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    forward(x, context: context, rectifying: false)
  }

  /// Forward, then y = max(0, y) when `rectifying` (the plan's fused conv → ReLU), done by the
  /// algorithm in its own pass over y (per sample, in cache, by the direct kernels).
  func forward(_ x: Tensor, context: ForwardContext, rectifying: Bool) -> Tensor {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    let g = geometry(batch: x.batch, height: x.shape[2], width: x.shape[3])
    let running: ConvolutionAlgorithm
    switch algorithm(for: g) {
    case .winograd: running = byWinograd
    case .direct: running = byDirect
    case .im2col: running = byIm2col
    }
    last = (g, running)
    running.rectifies = rectifying
    return running.forward(x, g, weight: weight, bias: bias, training: context.training)
  }

  /// Whether a forward of x: (B, C, H, W) runs Winograd (and so can pool its tiles' 2×2 blocks).
  func runsWinograd(on x: Tensor) -> Bool {
    algorithm(for: geometry(batch: x.batch, height: x.shape[2], width: x.shape[3])) == .winograd
  }

  /// Forward by Winograd with each 2×2 block of y going through `pool` (the pool epilogue,
  /// CKernels/Winograd.h) instead of into y, for `ExecutionPlan`'s conv → pool → ReLU →
  /// dropout pass. Only for an input that `runsWinograd(on:)`.
  func forwardPooled(_ x: Tensor, context: ForwardContext, pool: UnsafePointer<DLPoolEpilogue>) {
    // x: (B, C, H, W) → pool's y: (B, O, Ho/2, Wo/2)
    let g = geometry(batch: x.batch, height: x.shape[2], width: x.shape[3])
    precondition(algorithm(for: g) == .winograd, "Conv2d \(name): pooled forward needs Winograd")
    last = (g, byWinograd)
    byWinograd.forwardPooled(
      x, g, weight: weight, bias: bias, training: context.training, pool: pool)
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    backward(.tensor(dy), needsInputGradient: needsInputGradient)
  }

  /// Backward with dy as a fused step hands it over: a tensor, or made per sample.
  func backward(_ dy: OutputGradient, needsInputGradient: Bool) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += Σ dy ⋆ x, db += Σ dy
    guard let last else { preconditionFailure("Conv2d \(name): backward before forward") }
    return last.algorithm.backward(
      dy, last.geometry, weight: weight, bias: bias,
      needsInputGradient: needsInputGradient)
  }
}

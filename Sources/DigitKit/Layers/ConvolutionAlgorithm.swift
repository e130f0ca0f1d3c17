import CKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which algorithm a convolution runs: all give the same numbers up to float rounding.
/// `Conv2d` picks the `ConvolutionAlgorithm` that implements it for each forward.
public enum ConvAlgorithm: String, Sendable {
  /// Winograd F(4×4, 5×5) or F(2×2, 5×5) for the output and the input gradient: 64 products
  /// per 4×4 outputs instead of 400, or 36 per 2×2 instead of 100 (Conv2d+Winograd.swift, CKernels/Winograd.c); the weight
  /// gradient comes from the direct kernels. Layers it does not fit (not 5×5, an odd output,
  /// fewer than 16 input channels, no vector width: `SIMDLevel`) use `direct`, or `im2col`.
  case winograd
  /// Register-blocked vector kernels that read the input through offset tables (no im2col
  /// copy, no packing; Conv2d+Direct.swift), at the width `SIMDLevel.current` names: AVX-512
  /// or AVX2 + FMA on x86-64; `im2col` elsewhere or with `SIMDLevel.portable`.
  case direct
  /// im2col columns multiplied by BLAS sgemm (Conv2d+Im2col.swift).
  case im2col

  /// `winograd`, unless `DIGITLAB_CONV` names `direct` or `im2col`.
  public static let preferred: ConvAlgorithm = {
    guard let raw = getenv("DIGITLAB_CONV") else { return .winograd }
    return ConvAlgorithm(rawValue: String(cString: raw)) ?? .winograd
  }()

  /// What the convolutions run on this machine, in a few words (for `bench`).
  public static var inUse: String {
    let isa = SIMDLevel.current == .avx512 ? "AVX-512" : "AVX2"
    switch (preferred, directAvailable) {
    case (.winograd, true):
      return "Winograd F(4×4,5×5) or F(2×2,5×5) + direct \(isa) (DIGITLAB_CONV=direct|im2col)"
    case (.direct, true): return "direct \(isa) kernels (DIGITLAB_CONV=winograd|im2col)"
    default: return "im2col + BLAS"
    }
  }

  /// Whether the direct kernels run: a vector width is in use (`SIMDLevel.current`).
  public static var directAvailable: Bool { dl_gather_available() != 0 }

  /// The algorithm that runs when this one is asked for on a layer of geometry `g`:
  /// Winograd where it fits, else direct where a vector width is in use, else im2col.
  func resolved(for g: ConvGeometry) -> ConvAlgorithm {
    switch (self, WinogradConvolution.fits(g), ConvAlgorithm.directAvailable) {
    case (.winograd, true, _): return .winograd
    case (.winograd, false, true), (.direct, _, true): return .direct
    default: return .im2col
    }
  }
}

/// Sizes of a stride-1 square convolution over one batch: x (B, C, H, W) ⋆ W (O, C, k, k)
/// with `padding` zeros around x gives y (B, O, Ho, Wo).
struct ConvGeometry: Equatable {
  let batch: Int, channels: Int, height: Int, width: Int
  let outputChannels: Int, kernel: Int, padding: Int
  var outHeight: Int { height + 2 * padding - kernel + 1 }
  var outWidth: Int { width + 2 * padding - kernel + 1 }
  /// Rows of the column matrix: one per (channel, ky, kx).
  var patchSize: Int { channels * kernel * kernel }
  /// Output positions per sample.
  var positions: Int { outHeight * outWidth }
  /// x framed by the padding: (H + 2p, W + 2p).
  var paddedHeight: Int { height + 2 * padding }
  var paddedWidth: Int { width + 2 * padding }
}

/// One way to compute a convolution, forward and backward side by side:
///
///   y[b, o, i, j] = bias[o] + Σ_{c, u, v} W[o, c, u, v] · x[b, c, i+u-pad, j+v-pad]
///   dx = Σ dy ⋆ rot180(W),  dW += Σ_b dy ⋆ x,  db += Σ dy
///
/// Each implementation owns its scratch buffers and what forward keeps for backward;
/// `Conv2d` holds the parameters and hands them in. Implementations: `Im2colConvolution`,
/// `DirectConvolution`, `WinogradConvolution` (which takes dW and db from the direct kernels).
protocol ConvolutionAlgorithm: AnyObject {
  /// Whether forward passes y through ReLU, y = max(0, y), before returning it (the plan's
  /// fused conv → ReLU; `ExecutionPlan`). The direct kernels do it per sample, in cache.
  var rectifies: Bool { get set }
  /// x: (B, C, H, W) → y: (B, O, Ho, Wo). Keeps what backward needs when `training`.
  func forward(_ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool)
    -> Tensor
  /// dy: (B, O, Ho, Wo) → dx: (B, C, H, W), or an empty tensor unless `needsInputGradient`.
  /// Adds into `weight.gradient` and `bias.gradient`. Follows the last forward, same geometry.
  /// dy is a tensor, or made per sample by a fused step (`OutputGradient`).
  func backward(
    _ dy: OutputGradient, _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    needsInputGradient: Bool
  ) -> Tensor
}

extension ConvolutionAlgorithm {
  /// Backward with dy as a tensor.
  func backward(
    _ dy: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    needsInputGradient: Bool
  ) -> Tensor {
    backward(
      .tensor(dy), g, weight: weight, bias: bias, needsInputGradient: needsInputGradient)
  }
}

/// The loss gradient w.r.t. a convolution's output, dy: (B, O, Ho, Wo), as backward reads it:
/// a tensor, or made one sample at a time by a fused step of the execution plan
/// (`ExecutionPlan`), which writes sample n's (O, Ho, Wo) into the buffer given. Made per
/// sample, it is read while still in cache, and the whole batch's dy is never written.
enum OutputGradient {
  case tensor(Tensor)
  case bySample((_ sample: Int, _ into: UnsafeMutablePointer<Float>) -> Void)

  /// The whole dy as a tensor of `shape` (made sample by sample when it has to be).
  func tensor(shape: [Int]) -> Tensor {
    switch self {
    case .tensor(let dy): return dy
    case .bySample(let make):
      var dy = Tensor(zeros: shape)
      let sample = shape.dropFirst().reduce(1, *)
      dy.data.withUnsafeMutableBufferPointer { p in
        let base = p.baseAddress!
        parallelItems(shape[0]) { n in make(n, base + n * sample) }
      }
      return dy
    }
  }
}

/// y = max(0, y) in place over `y`'s values, on the cores.
func rectify(_ y: inout Tensor) {
  y.data.withUnsafeMutableBufferPointer { p in
    guard let base = p.baseAddress else { return }
    parallelChunks(p.count, minimum: 65_536) { range in reluForward(base, base, range) }
  }
}

/// `n` rounded up to the direct and Winograd kernels' 16-row tiles.
func tiled(_ n: Int) -> Int { (n + 15) / 16 * 16 }

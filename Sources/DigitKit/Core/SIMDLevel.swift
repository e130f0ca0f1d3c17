import CKernels

/// The vector width DigitKit's C kernels (direct convolution and Winograd, CKernels) run at.
///
/// The kernels are written once and built for 16 lanes (AVX-512), 8 lanes (AVX2 + FMA) and
/// none (`portable`: convolutions then use im2col + BLAS). The widest the CPU has is used,
/// unless the environment variable `DIGITLAB_SIMD` is `avx512`, `avx2` or `portable`; a value
/// the CPU cannot run prints a one-line warning and the best available is used instead.
public enum SIMDLevel: Int, Sendable, CaseIterable, CustomStringConvertible {
  /// No vector kernels: im2col + BLAS.
  case portable = 0
  /// 8 floats per vector (x86-64 with AVX2 and FMA).
  case avx2 = 8
  /// 16 floats per vector (x86-64 with AVX-512 F, VL, BW and DQ).
  case avx512 = 16

  /// Floats per vector: 16, 8 or 0.
  public var lanes: Int { rawValue }

  /// The level in use now.
  public static var current: SIMDLevel { SIMDLevel(rawValue: Int(dl_simd_width())) ?? .portable }

  /// The widest level this CPU runs.
  public static var best: SIMDLevel { SIMDLevel(rawValue: Int(dl_simd_best_width())) ?? .portable }

  /// Whether this CPU runs the level (`portable` always).
  public var isAvailable: Bool { rawValue <= SIMDLevel.best.rawValue }

  /// The levels this CPU runs, widest first.
  public static var available: [SIMDLevel] { allCases.filter(\.isAvailable).reversed() }

  /// "AVX-512 (16 lanes)", "AVX2 (8 lanes)" or "portable (no vector kernels)".
  public var description: String {
    switch self {
    case .avx512: return "AVX-512 (16 lanes)"
    case .avx2: return "AVX2 (8 lanes)"
    case .portable: return "portable (no vector kernels)"
    }
  }

  /// Runs `body` with the kernels at `level` (or the best available, if this CPU lacks it),
  /// then goes back to the level used before. For tests and benchmarks: not while other
  /// threads run convolutions.
  public static func withForced<R>(_ level: SIMDLevel, _ body: () throws -> R) rethrows -> R {
    let previous = dl_simd_forced_width()
    dl_simd_set_width(Int32(level.rawValue))
    defer { dl_simd_set_width(previous) }
    return try body()
  }
}

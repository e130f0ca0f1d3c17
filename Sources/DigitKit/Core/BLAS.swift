import CBLAS

/// The one place DigitLab calls BLAS. Every matrix product in the engine goes through `gemm`.
///
/// OpenBLAS on Linux, Accelerate on macOS; `Sources/CBLAS/shim.h` picks the header.
public enum BLAS {
  /// Row-major single-precision GEMM on the calling thread:
  /// `C = alpha · op(A) · op(B) + beta · C`, with `op(A)` of shape `(m, k)`, `op(B)` of shape
  /// `(k, n)` and `C` of shape `(m, n)`. `lda`, `ldb`, `ldc` are the row strides as stored.
  ///
  /// BLAS itself always runs on one thread: DigitLab shares work between the cores itself
  /// (`parallelGemm`, and whole samples in `Conv2d`). OpenBLAS's own idle threads spin in
  /// `sched_yield` and took a fifth of both cores when they were allowed to run.
  @inline(__always)
  public static func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    _ = singleThreadedBLAS
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasInt(m), blasInt(n), blasInt(k), alpha, a, blasInt(lda), b, blasInt(ldb), beta, c,
      blasInt(ldc))
  }

  /// The same product, with the columns of C shared out between the cores when it is
  /// large enough to be worth it (each core runs a single-threaded GEMM on its slice).
  /// From 1 MFLOP: with the polling worker pool a split starts in about a microsecond
  /// (measured on Net1 at batch 16: 9.7k images/s unsplit below 16 MFLOP, 17.6k from 1 MFLOP).
  public static func parallelGemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let workers = min(ProcessInfoCache.cores, n / 16)
    guard workers > 1, 2 * m * n * k >= 1_000_000 else {
      gemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
        a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
      return
    }
    parallelItems(workers) { w in
      // Slices start on multiples of 16 columns, the kernels' favourite width.
      let first = (w * n / workers) & ~15
      let last = w == workers - 1 ? n : ((w + 1) * n / workers) & ~15
      guard last > first else { return }
      let bSlice = transposeB ? b + first * ldb : b + first
      gemm(
        transposeA: transposeA, transposeB: transposeB, m: m, n: last - first, k: k, alpha: alpha,
        a: a, lda: lda, b: bSlice, ldb: ldb, beta: beta, c: c + first, ldc: ldc)
    }
  }

  /// Pins OpenBLAS to one thread, once, before the first product.
  private static let singleThreadedBLAS: Void = {
    #if !canImport(Darwin)
      openblas_set_num_threads(1)
    #endif
  }()

  #if canImport(Darwin)
    @inline(__always) static func blasInt(_ v: Int) -> Int32 { Int32(v) }
  #else
    @inline(__always) static func blasInt(_ v: Int) -> blasint { blasint(v) }
  #endif

  /// The BLAS library in use and, for OpenBLAS, the kernel it picked (e.g. "OpenBLAS 0.3.21, kernel Zen").
  public static var description: String {
    #if canImport(Darwin)
      return "Accelerate"
    #else
      let config = openblas_get_config().map { String(cString: $0) } ?? "OpenBLAS"
      let version = config.split(separator: " ").prefix(2).joined(separator: " ")
      return "\(version), kernel \(coreName)"
    #endif
  }

  /// OpenBLAS's kernel name (`openblas_get_corename()`), or "Accelerate".
  public static var coreName: String {
    #if canImport(Darwin)
      return "Accelerate"
    #else
      return openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    #endif
  }

  /// Cores DigitLab shares work between (`DIGITLAB_THREADS` overrides the processor count).
  public static var cores: Int { ProcessInfoCache.cores }
}

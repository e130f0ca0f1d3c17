import CBLAS

/// The one place DigitLab calls BLAS. Every matrix product in the engine goes through `gemm`.
///
/// OpenBLAS on Linux, Accelerate on macOS; `Sources/CBLAS/shim.h` picks the header.
public enum BLAS {
  /// Row-major single-precision GEMM: `C = alpha · op(A) · op(B) + beta · C`,
  /// with `op(A)` of shape `(m, k)`, `op(B)` of shape `(k, n)` and `C` of shape `(m, n)`.
  /// `lda`, `ldb`, `ldc` are the row strides of the matrices as stored.
  @inline(__always)
  public static func gemm(
    transposeA: Bool = false, transposeB: Bool = false,
    m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
    b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    guard m > 0, n > 0 else { return }
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasInt(m), blasInt(n), blasInt(k), alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
  }

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

  /// Threads BLAS may use.
  public static var threads: Int {
    get {
      #if canImport(Darwin)
      return 0
      #else
      return Int(openblas_get_num_threads())
      #endif
    }
    set {
      #if !canImport(Darwin)
      openblas_set_num_threads(Int32(newValue))
      #endif
    }
  }
}

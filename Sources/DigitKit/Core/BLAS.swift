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
    parallelGemms([
      Product(
        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
        a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    ])
  }

  /// The arguments of one `gemm`: `C = alpha · op(A) · op(B) + beta · C`.
  struct Product {
    var transposeA = false, transposeB = false
    var m: Int, n: Int, k: Int
    var alpha: Float = 1
    var a: UnsafePointer<Float>, lda: Int
    var b: UnsafePointer<Float>, ldb: Int
    var beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    /// Cut C into row slices instead of column slices: for a wide A and a narrow B (m ≫ n),
    /// so each core reads only its own rows of A.
    var slicingRows = false

    /// Slices for the cores: one per core from 1 MFLOP (2·m·n·k), at least 16 columns (or
    /// rows) each.
    var slices: Int { Self.slices(flops: 2 * m * n * k, length: slicingRows ? m : n) }

    /// `slices` of a product of `flops` (2·m·n·k) cut along `length` rows or columns.
    static func slices(flops: Int, length: Int) -> Int {
      flops >= 1_000_000 ? max(1, min(ProcessInfoCache.cores, length / 16)) : 1
    }

    /// The rows (or columns) of C in slice `w` of `slices`: they start on a multiple of 16,
    /// the kernels' favourite width. Empty when the product is too narrow for that slice.
    func span(slice w: Int, of slices: Int) -> Range<Int> {
      sliceOf16(w, of: slices, length: slicingRows ? m : n)
    }

    /// Slice `w` of `slices` of the product (`span`): the GEMM of C's block of those rows
    /// (or columns), from A's matching rows and B's matching columns.
    func run(slice w: Int, of slices: Int) {
      let span = span(slice: w, of: slices)
      guard !span.isEmpty else { return }
      let rows = slicingRows ? span : 0..<m
      let columns = slicingRows ? 0..<n : span
      let (firstRow, firstColumn) = (rows.lowerBound, columns.lowerBound)
      gemm(
        transposeA: transposeA, transposeB: transposeB, m: rows.count, n: columns.count, k: k,
        alpha: alpha, a: transposeA ? a + firstRow : a + firstRow * lda, lda: lda,
        b: transposeB ? b + firstColumn * ldb : b + firstColumn, ldb: ldb,
        beta: beta, c: c + firstRow * ldc + firstColumn, ldc: ldc)
    }
  }

  /// Independent products, and `extraItems` calls of `extra(i)`, as the items of one parallel
  /// loop: each product cut into column slices as `parallelGemm` cuts it, an idle core taking
  /// the next item. One start and one wait for all of them (Linear's backward: dW, dx and db).
  /// `pinned`: item i runs on core i % cores instead (`parallelItems`), so slice w of the
  /// first product (with as many slices as cores) runs where slice w of W's forward ran.
  static func parallelGemms(
    _ products: [Product], alongside extraItems: Int = 0, pinned: Bool = false,
    _ extra: (Int) -> Void = { _ in }
  ) {
    var items: [(product: Int, slice: Int, of: Int)] = []
    for (i, p) in products.enumerated() where p.m > 0 && p.n > 0 {
      let slices = p.slices
      for w in 0..<slices { items.append((i, w, slices)) }
    }
    if items.count + extraItems <= 1 {
      for item in items { products[item.product].run(slice: item.slice, of: item.of) }
      for i in 0..<extraItems { extra(i) }
      return
    }
    parallelItems(items.count + extraItems, pinned: pinned) { i in
      guard i < items.count else { return extra(i - items.count) }
      let item = items[i]
      products[item.product].run(slice: item.slice, of: item.of)
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

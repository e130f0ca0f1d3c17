import Foundation

extension BLAS {
  /// OpenBLAS kernels that use AVX-512.
  static let avx512Kernels: Set<String> = ["SkylakeX", "Cooperlake", "SapphireRapids"]

  /// The OpenBLAS core type DigitLab should ask for, or nil to keep what OpenBLAS picked.
  ///
  /// Debian's OpenBLAS 0.3.21 detects some AVX-512 Xeons as "Prescott" and runs sgemm at
  /// about a fifth of the speed its SkylakeX kernel reaches there (60 vs 318 GFLOPS, measured).
  /// A core type the user set (`OPENBLAS_CORETYPE`) is never overridden.
  public static func preferredCoreType(
    cpuFlags: Set<String>, detectedCore: String,
    environment: [String: String]
  ) -> String? {
    if let set = environment["OPENBLAS_CORETYPE"], !set.isEmpty { return nil }
    let needed: Set<String> = ["avx512f", "avx512bw", "avx512dq", "avx512vl"]
    guard needed.isSubset(of: cpuFlags), !avx512Kernels.contains(detectedCore) else { return nil }
    return "SkylakeX"
  }

  /// The CPU's feature flags from /proc/cpuinfo (empty where there is none).
  public static func cpuFlags() -> Set<String> {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
      let colon = line.firstIndex(of: ":")
    else { return [] }
    return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
  }
}

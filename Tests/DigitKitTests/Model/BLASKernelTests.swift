import DigitKit
import XCTest

/// The decision to ask OpenBLAS for its AVX-512 kernel.
final class BLASKernelTests: XCTestCase {
  let avx512: Set<String> = ["sse2", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"]

  func testAsksForSkylakeXWhenOpenBLASPickedAnOldKernelOnAnAVX512Machine() {
    XCTAssertEqual(
      BLAS.preferredCoreType(cpuFlags: avx512, detectedCore: "Prescott", environment: [:]),
      "SkylakeX")
    XCTAssertEqual(
      BLAS.preferredCoreType(cpuFlags: avx512, detectedCore: "Zen", environment: [:]), "SkylakeX")
  }

  func testNeverOverridesTheUser() {
    XCTAssertNil(
      BLAS.preferredCoreType(
        cpuFlags: avx512, detectedCore: "Prescott", environment: ["OPENBLAS_CORETYPE": "Haswell"]))
  }

  func testLeavesGoodChoicesAndOtherMachinesAlone() {
    XCTAssertNil(
      BLAS.preferredCoreType(cpuFlags: avx512, detectedCore: "SkylakeX", environment: [:]))
    XCTAssertNil(
      BLAS.preferredCoreType(cpuFlags: ["avx2", "fma"], detectedCore: "Zen", environment: [:]))
    XCTAssertNil(
      BLAS.preferredCoreType(cpuFlags: ["avx512f"], detectedCore: "Prescott", environment: [:]))
  }
}

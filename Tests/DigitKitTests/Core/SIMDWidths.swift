import DigitKit
import XCTest

/// The vector widths this CPU runs, widest first: AVX-512 and AVX2 on an AVX-512 machine,
/// AVX2 alone on an AVX2 machine, and the level in use (portable) elsewhere.
var testedSIMDLevels: [SIMDLevel] {
  let vector = SIMDLevel.available.filter { $0 != .portable }
  return vector.isEmpty ? [SIMDLevel.current] : vector
}

/// Runs `body` once at each of `testedSIMDLevels`, forcing it. Without AVX-512 it says so on
/// the test log, since the 16-lane kernels then go untested.
func atEverySIMDWidth(_ test: String, _ body: (SIMDLevel) throws -> Void) rethrows {
  if !SIMDLevel.avx512.isAvailable {
    print(
      "\(test): no AVX-512 on this CPU: the 16-lane kernels were NOT run, only \(testedSIMDLevels)")
  }
  for level in testedSIMDLevels {
    try SIMDLevel.withForced(level) { try body(level) }
  }
}

/// Forcing a width: what `DIGITLAB_SIMD` does, through the public API.
final class SIMDLevelTests: XCTestCase {
  /// On an AVX2-only machine this test is skipped with a message saying the 16-lane path
  /// was not run: the other tests ran at 8 lanes only.
  func testAVX512KernelsRunOnThisMachine() throws {
    try XCTSkipUnless(
      SIMDLevel.avx512.isAvailable,
      "this CPU has no AVX-512: the 16-lane kernels were not run, only \(testedSIMDLevels)")
    SIMDLevel.withForced(.avx512) { XCTAssertEqual(SIMDLevel.current, .avx512) }
    XCTAssertEqual(testedSIMDLevels, [.avx512, .avx2])
  }

  func testForcingAWidthAndComingBack() {
    let before = SIMDLevel.current
    for level in SIMDLevel.allCases {
      SIMDLevel.withForced(level) {
        // A width the CPU lacks gives the best it has.
        XCTAssertEqual(SIMDLevel.current, level.isAvailable ? level : SIMDLevel.best, "\(level)")
        XCTAssertEqual(ConvAlgorithm.directAvailable, SIMDLevel.current != .portable)
      }
      XCTAssertEqual(SIMDLevel.current, before)
    }
    SIMDLevel.withForced(.portable) {
      SIMDLevel.withForced(.avx2) { XCTAssertLessThanOrEqual(SIMDLevel.current.lanes, 8) }
      XCTAssertEqual(SIMDLevel.current, .portable, "the outer level comes back")
    }
  }

  /// With portable forced (im2col + BLAS), a Winograd-sized layer gives what it gives at the
  /// best width.
  func testPortableGivesTheSameOutput() {
    var outputs: [[Float]] = []
    for level in [SIMDLevel.portable, SIMDLevel.best] {
      var random = SeededGenerator(seed: 9)
      let conv = Conv2d(
        inputChannels: 16, outputChannels: 16, kernel: 5, name: "conv", random: &random)
      let x = randomTensor([2, 16, 8, 8], seed: 4)
      outputs.append(SIMDLevel.withForced(level) { conv.forward(x, context: trainingContext).data })
    }
    assertClose(outputs[0], outputs[1], tolerance: 5e-4, "portable vs \(SIMDLevel.best)")
  }
}

import DigitKit
import XCTest

/// Dropout's masks come from vector kernels that draw several blocks of 4,096 values side by
/// side. They must be the masks the documented rule gives: a seed from the model's random
/// source, then one xoshiro256** generator per block, a value dropped when its 24 random bits
/// are below ⌈p·2²⁴⌉. So a seed gives the same training at every width, and as before.
final class DropoutMaskTests: XCTestCase {
  /// The rule, one value at a time with `SeededGenerator`.
  private func expectedMask(count: Int, p: Float, seed: UInt64) -> [Float] {
    var source = SeededGenerator(seed: seed)
    let first = source.next()
    let threshold = UInt64((p * 16_777_216).rounded(.up))
    var mask: [Float] = []
    for block in 0..<((count + 4_095) / 4_096) {
      var generator = SeededGenerator(seed: first &+ UInt64(block))
      for _ in 0..<min(4_096, count - block * 4_096) {
        mask.append(generator.next() >> 40 < threshold ? 0 : 1 / (1 - p))
      }
    }
    return mask
  }

  func testMasksFollowTheRuleAtEveryWidth() {
    let levels = Array(Set(testedSIMDLevels + [.portable])).sorted { $0.rawValue > $1.rawValue }
    for level in levels {
      SIMDLevel.withForced(level) {
        // Counts with partial blocks, fewer blocks than a vector holds, and more.
        for (count, p) in [
          (1, 0.5), (4_095, 0.25), (10_000, 0.5), (8 * 4_096 + 5, 0.25), (70_000, 0.1),
        ] {
          let p = Float(p)
          let x = Tensor(shape: [1, count], data: [Float](repeating: 1, count: count))
          let y = Dropout(p: p).forward(
            x, context: ForwardContext(training: true, random: RandomSource(seed: 7)))
          let expected = expectedMask(count: count, p: p, seed: 7)
          let differing = zip(y.data, expected).filter { $0 != $1 }.count
          XCTAssertEqual(y.count, count)
          XCTAssertEqual(differing, 0, "values unlike the rule: \(level), \(count) values, p \(p)")
        }
      }
    }
  }

  /// About p of the values are dropped: 10% of 70,000 give 7,000 ± a few hundred.
  func testAboutPOfTheValuesAreDropped() {
    let x = Tensor(shape: [1, 70_000], data: [Float](repeating: 1, count: 70_000))
    for p: Float in [0.1, 0.5] {
      let y = Dropout(p: p).forward(
        x, context: ForwardContext(training: true, random: RandomSource(seed: 3)))
      let dropped = Float(y.data.filter { $0 == 0 }.count) / 70_000
      XCTAssertEqual(dropped, p, accuracy: 0.01)
    }
  }
}

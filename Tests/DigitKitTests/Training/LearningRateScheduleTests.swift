import DigitKit
import XCTest

final class LearningRateScheduleTests: XCTestCase {
  /// PyTorch 2.13's `OneCycleLR(max_lr=3e-3, total_steps=100, pct_start=0.25)` on Adam,
  /// read before each step: (step, lr, β₁).
  static let torch: [(Int, Float, Float)] = [
    (0, 0.00012, 0.95), (1, 0.00013231940, 0.94957224), (10, 0.0011873006, 0.91294095),
    (24, 0.003, 0.85), (25, 0.0029986843, 0.85004386), (50, 0.0021949473, 0.8768352),
    (99, 1.2e-08, 0.95),
  ]

  func testOneCycleMatchesPyTorch() {
    for (step, lr, beta1) in Self.torch {
      let v = LearningRateSchedule.onecycle.values(step: step, total: 100, peak: 0.003)
      XCTAssertEqual(v.learningRate, lr, accuracy: lr * 1e-4 + 1e-10, "lr at step \(step)")
      XCTAssertEqual(v.momentum, beta1, accuracy: 1e-5, "β₁ at step \(step)")
    }
  }

  /// The rate a learner would see: it climbs to the peak a quarter of the way, then falls.
  func testRisesThenFalls() {
    let lrs = (0..<400).map {
      LearningRateSchedule.onecycle.values(step: $0, total: 400, peak: 0.01).learningRate
    }
    XCTAssertEqual(lrs.firstIndex(of: lrs.max()!), 99)
    XCTAssertEqual(lrs[0..<100], lrs[0..<100].sorted()[...])
    XCTAssertEqual(Array(lrs[99...]), lrs[99...].sorted(by: >))
  }
}

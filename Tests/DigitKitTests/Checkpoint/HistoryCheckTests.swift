import DigitKit
import XCTest

/// Issue 19, defect 16: a checkpoint's history is read from a file, so it is checked before
/// it is shown ("test accuracy: 5/0" and a 300-digit loss were printed as they came).
final class HistoryCheckTests: XCTestCase {
  func epoch(
    _ n: Int = 1, trainLoss: Double = 0.3, testLoss: Double = 0.2, correct: Int = 9000,
    total: Int = 10000,
    watch: (Int, Int)? = nil
  ) -> EpochResult {
    EpochResult(
      epoch: n, trainLoss: trainLoss, trainCorrect: 50000, trainTotal: 60000, testLoss: testLoss,
      testCorrect: correct, testTotal: total, seconds: 3, watchCorrect: watch?.0,
      watchTotal: watch?.1)
  }

  func testARealHistoryIsSensible() {
    XCTAssertNil(ModelInfo(history: []).historyProblem)
    XCTAssertNil(
      ModelInfo(history: [
        epoch(1), epoch(2, watch: (7, 9)), epoch(3, correct: 0), epoch(4, correct: 10000),
      ]).historyProblem)
  }

  func testImpossibleCountsAreNamed() {
    XCTAssertEqual(
      ModelInfo(history: [epoch(1), epoch(2, correct: 5, total: 0)]).historyProblem,
      "epoch 2 has 5 right of 0 test images")
    XCTAssertEqual(
      ModelInfo(history: [epoch(correct: 10001)]).historyProblem,
      "epoch 1 has 10001 right of 10000 test images")
    XCTAssertEqual(
      ModelInfo(history: [epoch(correct: -1)]).historyProblem,
      "epoch 1 has -1 right of 10000 test images")
    XCTAssertEqual(
      ModelInfo(history: [epoch(watch: (4, 3))]).historyProblem,
      "epoch 1 has 4 right of 3 watched drawings")
    XCTAssertEqual(ModelInfo(history: [epoch(0)]).historyProblem, "an epoch is numbered 0")
  }

  func testLossesNoFloat32ModelCanGiveAreNamed() {
    XCTAssertEqual(
      ModelInfo(history: [epoch(testLoss: 1e300)]).historyProblem,
      "epoch 1 has a test loss of 1e+300")
    XCTAssertEqual(
      ModelInfo(history: [epoch(trainLoss: -0.5)]).historyProblem,
      "epoch 1 has a train loss of -0.5")
    XCTAssertEqual(
      ModelInfo(history: [epoch(testLoss: .nan)]).historyProblem, "epoch 1 has a test loss of nan")
  }
}

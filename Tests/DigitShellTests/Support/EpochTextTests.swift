import DigitKit
import DigitShell
import XCTest

/// The line printed after each training epoch: complete for scripts, never wrapped at 80 columns.
final class EpochTextTests: XCTestCase {
  let watched = EpochResult(
    epoch: 18, trainLoss: 0.0789, trainCorrect: 59_000, trainTotal: 60_000,
    testLoss: 0.0290, testCorrect: 9918, testTotal: 10_000, seconds: 120.4,
    watchCorrect: 371, watchTotal: 386)

  func testFullLineWhenNotATerminal() {
    XCTAssertEqual(
      EpochText.line(watched, width: nil),
      "epoch 18  train loss 0.0789  test loss 0.0290  test 9918/10000 (99.18%)  120.4 s  drawings 371/386"
    )
  }

  func testEightyColumnsGetAShorterLineThatKeepsTheDrawings() {
    let line = EpochText.line(watched, width: 80)
    XCTAssertLessThanOrEqual(line.count, 80)
    XCTAssertEqual(
      line, "epoch 18  train loss 0.0789  test loss 0.0290  test 99.18%  drawings 371/386")
  }

  func testWideTerminalKeepsTheFullLine() {
    XCTAssertEqual(EpochText.line(watched, width: 120), EpochText.line(watched, width: nil))
  }

  func testWithoutDrawingsTheTimeStaysAtEightyColumns() {
    var plain = watched
    plain.watchCorrect = nil
    plain.watchTotal = nil
    XCTAssertEqual(
      EpochText.line(plain, width: 80),
      "epoch 18  train loss 0.0789  test loss 0.0290  test 9918/10000 (99.18%)  120.4 s")
  }

  /// Issue 18: a tiny model's epoch is not "0.0 s", and the wait for the test says what it is.
  func testAShortEpochShowsMillisecondsAndTestingIsNamed() {
    var quick = watched
    (quick.watchCorrect, quick.watchTotal, quick.seconds) = (nil, nil, 0.042)
    XCTAssertTrue(
      EpochText.line(quick, width: nil).hasSuffix("(99.18%)  42 ms"),
      EpochText.line(quick, width: nil))
    XCTAssertEqual(EpochText.duration(2.46), "2.5 s")
    XCTAssertEqual(
      EpochText.testing(epoch: 3, images: 10_000), "epoch 3: testing on 10,000 test images…")
  }
}

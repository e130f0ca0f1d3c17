import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 16: `about` shows text from a checkpoint's metadata, which may hold
/// anything: control characters are made visible, and a history that cannot be is named so.
final class RobustnessAboutTests: XCTestCase {
  func checkpoint(note: String?, history: [EpochResult]) throws -> URL {
    let model = Model.make(.net1)
    let url = Binary.temporaryHome().appendingPathComponent("odd.safetensors")
    try model.save(to: url, info: ModelInfo(net: "net1", history: history, note: note))
    return url
  }

  func testANoteCannotClearTheScreen() throws {
    let file = try checkpoint(note: "\u{1B}[2J\u{1B}]0;owned\u{07}hello\nthere", history: [])
    let (output, status) = try Binary.run(["about", "--model", file.path])
    XCTAssertEqual(status, 0, output)
    XCTAssertFalse(
      output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, output)
    XCTAssertTrue(output.contains("note: ^[[2J^[]0;owned^Ghello^Jthere\n"), output)
  }

  func testAnImpossibleHistoryIsCalledSo() throws {
    let odd = EpochResult(
      epoch: 1, trainLoss: 0.5, trainCorrect: 1, trainTotal: 2, testLoss: 1e300,
      testCorrect: 5, testTotal: 0, seconds: 1)
    let (output, status) = try Binary.run([
      "about", "--model", try checkpoint(note: nil, history: [odd]).path,
    ])
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(
      output.contains(
        "(history in the file is not sensible: epoch 1 has 5 right of 0 test images)"), output)
    XCTAssertFalse(output.contains("5/0") || output.contains("0000000000"), output)
  }

  func testAHugeButPossibleLossIsShownShort() throws {
    let big = EpochResult(
      epoch: 1, trainLoss: 2.5e7, trainCorrect: 1, trainTotal: 2, testLoss: 0.25,
      testCorrect: 9, testTotal: 10, seconds: 1)
    let (output, status) = try Binary.run([
      "about", "--model", try checkpoint(note: nil, history: [big]).path,
    ])
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("   1: 2.5e+07  0.2500  90.00%"), output)
  }
}

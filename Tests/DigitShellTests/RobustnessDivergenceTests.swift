import Foundation
import XCTest

/// Issue 19, defect 14: training whose loss stops being a number says so in one line, keeps
/// the last good weights, saves them, and fails.
final class RobustnessDivergenceTests: XCTestCase {
  func testTrainingThatDivergesSaysSoKeepsGoodWeightsAndFails() throws {
    let out = Binary.temporaryHome().appendingPathComponent("diverged.safetensors")
    let (output, status) = try Binary.run(
      [
        "train", "--net", "net1", "--lr", "10", "--limit", "2000", "--test-limit", "200", "--out",
        out.path,
      ])
    XCTAssertEqual(status, 1, output)
    XCTAssertTrue(output.contains("error: training diverged at epoch 1, batch "), output)
    XCTAssertTrue(output.contains("(the loss is not a number); try a smaller --lr"), output)
    XCTAssertFalse(output.contains("EncodingError") || output.contains("Done."), output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), "the good weights are saved")
    let (about, aboutStatus) = try Binary.run(["eval", "--model", out.path])
    XCTAssertEqual(aboutStatus, 0, about)
  }
}

import Foundation
import XCTest

/// Issue 19, defect 18: a `torch.save` file given as a model said "header length … truncated?".
final class RobustnessPyTorchFileTests: XCTestCase {
  func testAPyTorchFileGivenAsAModelSaysHowToConvertIt() throws {
    let pt = Binary.temporaryHome().appendingPathComponent("model.pt")
    try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x61, count: 300)).write(to: pt)
    let (output, status) = try Binary.run(["eval", "--model", pt.path])
    XCTAssertEqual(status, 1, output)
    XCTAssertTrue(
      output.hasPrefix(
        "error: model.pt: this is a PyTorch file (torch.save), and DigitLab reads safetensors; convert it with python3 -c"
      ), output)
    XCTAssertFalse(output.contains("header length"), output)
    XCTAssertEqual(output.split(separator: "\n").count, 1, output)
  }
}

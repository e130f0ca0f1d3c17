import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 2: layers and checkpoints whose parameters would not fit in memory.
final class RobustnessMemoryTests: XCTestCase {
  /// The shell aborted with "failed to allocate 40000000032 bytes" and the session was lost.
  func testHugeLayerIsRefusedAndTheShellGoesOn() throws {
    let (output, status) = try Binary.run(
      input: "new m\nadd m flatten\nadd m linear 100000\nadd m linear 100000\nmodels\n")
    XCTAssert(
      output.contains(
        "linear 100000→100000 would need 80.0 GB for its weights and their gradients; only "),
      output)
    XCTAssert(output.contains("m: 2 layers, 78,500,000 parameters"), output)
    XCTAssertNotEqual(status, 0, output)
    XCTAssertLessThan(status, 128, output)
  }

  /// The same layers in a checkpoint's metadata are refused as it loads.
  func testCheckpointWithHugeLayersIsRefused() throws {
    var file = SafeTensors()
    file.metadata["format"] = "digitlab/1"
    file.metadata["layers"] =
      #"[{"kind":"flatten"},{"kind":"linear","inputs":784,"outputs":100000},"#
      + #"{"kind":"linear","inputs":100000,"outputs":100000}]"#
    let url = Binary.temporaryHome().appendingPathComponent("bomb.safetensors")
    try file.write(to: url)
    let (output, status) = try Binary.run(["eval", "--model", url.path])
    XCTAssertEqual(status, 1, output)
    XCTAssert(output.contains("bomb.safetensors: linear 100000→100000 would need 80.0 GB"), output)
  }
}

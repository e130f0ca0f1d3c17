import Foundation
import XCTest

/// `load`, as a learner types it: with a name, or with only the file.
final class LoadTests: XCTestCase {
  func testAFileAloneIsNamedAfterItselfAndAShippedNameNeedsNoLoad() throws {
    let dir = Binary.temporaryHome()
    let file = dir.appendingPathComponent("mynet.safetensors")
    try FileManager.default.copyItem(
      at: Binary.repository.appendingPathComponent("Data/models/net1.safetensors"), to: file)
    let (output, _) = try Binary.run(
      [],
      input: "load \(file.path)\nload again \(file.path)\nmodels\nload net3\nload \(file.path)\n")
    XCTAssertTrue(output.contains("Loaded \(file.path) as mynet:"), output)
    XCTAssertTrue(output.contains("Loaded \(file.path) as again:"), output)
    XCTAssertTrue(output.contains("  mynet: "), output)
    XCTAssertTrue(output.contains("error: net3 is shipped and always here"), output)
    XCTAssertTrue(output.contains("as mynet, replacing the mynet you had: 11 layers"), output)
  }

  func testAFileWhoseNameCannotNameAModelAsksForOne() throws {
    let (output, _) = try Binary.run([], input: "load /tmp/my.net.v2.safetensors\n")
    XCTAssertTrue(output.contains("error: name the model: load NAME /tmp/my.net.v2"), output)
  }
}

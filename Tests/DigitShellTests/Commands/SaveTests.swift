import Foundation
import XCTest

/// Saving never replaces a shipped model by accident, and the file the learner named is
/// written first.
final class SaveTests: XCTestCase {
  /// A copy of Data/ whose models folder holds a copy of the shipped Net1.
  func dataCopy() throws -> (data: URL, net1: URL) {
    let data = Binary.temporaryHome().appendingPathComponent("Data")
    let fm = FileManager.default
    try fm.createDirectory(
      at: data.appendingPathComponent("models"), withIntermediateDirectories: true)
    let real = Binary.repository.appendingPathComponent("Data")
    try fm.createSymbolicLink(
      at: data.appendingPathComponent("mnist"),
      withDestinationURL: real.appendingPathComponent("mnist"))
    let net1 = data.appendingPathComponent("models/net1.safetensors")
    try fm.copyItem(at: real.appendingPathComponent("models/net1.safetensors"), to: net1)
    return (data, net1)
  }

  func testAModelAloneIsSavedUnderItsOwnNameAndLoadsBack() throws {
    let folder = Binary.temporaryHome()
    let (output, status) = try Binary.run(
      input: "save net1\nload copy net1.safetensors\n", directory: folder)
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("Saved net1 to net1.safetensors."), output)
    XCTAssertTrue(output.contains("Loaded net1.safetensors as copy: 11 layers"), output)
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("net1.safetensors").path)
    )
  }

  func testShippedNamesAndFilesAreNotReplacedWithoutForce() throws {
    let (data, net1) = try dataCopy()
    let before = try Data(contentsOf: net1)
    let (output, status) = try Binary.run(
      input: "new net1\nnew mine\nsave mine \(net1.path)\n",
      environment: ["DIGITLAB_DATA": data.path])
    XCTAssertNotEqual(status, 0)
    XCTAssertTrue(
      output.contains("error: net1 is a shipped model's name; pick another, e.g. my-net1"), output)
    XCTAssertTrue(
      output.contains(
        "error: \(net1.path) is a shipped model in Data/models; add --force to replace it"), output)
    XCTAssertEqual(try Data(contentsOf: net1), before, "the shipped file is untouched")

    let (forced, forcedStatus) = try Binary.run(
      input: "new mine\nsave mine \(net1.path) --force\n", environment: ["DIGITLAB_DATA": data.path]
    )
    XCTAssertEqual(forcedStatus, 0, forced)
    XCTAssertNotEqual(try Data(contentsOf: net1), before, "--force replaces it")
  }

  func testTheOutFileIsWrittenEvenWhenTheHomeFolderCannotBe() throws {
    let out = Binary.temporaryHome().appendingPathComponent("mine.safetensors")
    let (output, status) = try Binary.run(
      ["train", "--net", "net1", "--limit", "500", "--test-limit", "100", "--out", out.path],
      home: URL(fileURLWithPath: "/proc/no-such-home"))
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(FileManager.default.fileExists(atPath: out.path), output)
    XCTAssertTrue(
      output.contains("error: could not save to /proc/no-such-home/last.safetensors"), output)
    XCTAssertTrue(output.contains("Done. Saved to \(out.path)."), output)
  }

  /// Training a shipped model trains a copy, kept as `last`: `net1` still means the shipped
  /// Net1 afterwards, in the session as on disk.
  func testTrainingAShippedModelKeepsTheShippedOne() throws {
    let (output, status) = try Binary.run(
      input: """
        train net1 --epochs 1 --limit 500 --test-limit 100 --lr 0.5
        eval net1 --json
        eval last --json
        """)
    XCTAssertEqual(status, 0, output)
    let results = output.split(separator: "\n").filter { $0.hasPrefix("{\"test_correct\"") }
    XCTAssertEqual(results.count, 2, output)
    XCTAssertTrue(results.first?.contains("\"test_correct\":9827") == true, output)
    XCTAssertNotEqual(results.first, results.last, "last is the trained copy")
  }
}

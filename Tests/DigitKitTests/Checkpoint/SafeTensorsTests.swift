import DigitKit
import Foundation
import XCTest

final class SafeTensorsTests: XCTestCase {
  func temporaryURL(_ name: String = "m.safetensors") -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)-\(name)")
  }

  func testModelRoundTripKeepsWeightsLayersAndHistory() throws {
    let model = Model.make(.net2, seed: 5)
    let history = [
      EpochResult(
        epoch: 1, trainLoss: 0.5, trainCorrect: 10, trainTotal: 20, testLoss: 0.4,
        testCorrect: 9000, testTotal: 10000, seconds: 1.5)
    ]
    let info = ModelInfo(net: "net2", history: history)
    let url = temporaryURL()
    try model.save(to: url, info: info)
    let (loaded, loadedInfo) = try Model.load(contentsOf: url)
    XCTAssertEqual(loaded.specs, model.specs)
    XCTAssertEqual(loadedInfo, info)
    for ((n1, p1), (n2, p2)) in zip(model.namedParameters, loaded.namedParameters) {
      XCTAssertEqual(n1, n2)
      XCTAssertEqual(p1.value, p2.value)
    }
  }

  func testPyTorchNamesAndLayouts() throws {
    let file = try Model.make(.net3).checkpoint(info: ModelInfo())
    XCTAssertEqual(file.tensors["conv1.weight"]?.shape, [32, 1, 5, 5])
    XCTAssertEqual(file.tensors["fc1.weight"]?.shape, [256, 576])
    XCTAssertEqual(Model.make(.net1).namedParameters.map(\.name).first, "l1.weight")
  }

  /// A file saved without DigitLab metadata (as PyTorch saves a state_dict) is recognised by its names.
  func testLoadsBareStateDict() throws {
    var file = try Model.make(.net2).checkpoint(info: ModelInfo())
    file.metadata = [:]
    let (model, info) = try Model.load(SafeTensors(bytes: try file.serialized()))
    XCTAssertEqual(info.net, "net2")
    XCTAssertEqual(model.parameterCount, Model.make(.net2).parameterCount)
  }

  func assertRejects(
    _ bytes: [UInt8], _ text: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: bytes)), file: file, line: line) {
      error in
      XCTAssert(
        "\(error)".contains(text), "'\(error)' should say '\(text)'", file: file, line: line)
      XCTAssertFalse("\(error)".contains("\n"), file: file, line: line)
    }
  }

  func header(_ json: String, data: [UInt8] = []) -> [UInt8] {
    let h = Array(json.utf8)
    var out: [UInt8] = []
    for i in 0..<8 { out.append(UInt8((h.count >> (8 * i)) & 0xff)) }
    return out + h + data
  }

  func testTruncatedFile() throws {
    let bytes = try Model.make(.net2).checkpoint(info: ModelInfo()).serialized()
    assertRejects(Array(bytes.prefix(bytes.count - 100)), "truncated")
    assertRejects(Array(bytes.prefix(5)), "too short")
  }

  func testHeaderLengthPastEndOfFile() {
    assertRejects([0, 0, 0, 0, 0, 0, 0, 0x80] + Array("{}".utf8), "past the end")  // claims 2^63 bytes
    assertRejects([100, 0, 0, 0, 0, 0, 0, 0] + Array("{}".utf8), "past the end")
  }

  func testATextFileIsCalledOne() {
    // /etc/passwd, a drawing or a lesson given to load: its first 8 bytes as a length are
    // absurd, and the learner should hear what the file is, not a header length.
    assertRejects(Array("root:x:0:0:root:/root:/bin/bash\n".utf8), "a text file, not a safetensors")
    assertRejects(Array("........\n...##...\n".utf8), "a text file")
  }

  func testHeaderNotJSON() { assertRejects(header("{not json"), "not valid JSON") }

  func testWrongDtype() {
    assertRejects(
      header(#"{"a":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#, data: [0, 0]), "F16")
  }

  func testWrongShape() throws {
    var file = try Model.make(.net2).checkpoint(info: ModelInfo())
    file.tensors["fc2.weight"] = Tensor(zeros: [10, 49])
    assertRejects(
      try file.serialized(), "fc2.weight has shape [10, 49] but the layer needs [10, 50]")
  }

  func testDataOffsetsDisagreeWithShape() {
    assertRejects(
      header(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0]),
      "4 bytes of data for shape [2]")
  }

  func testUnknownLayerKind() throws {
    var file = try Model.make(.net2).checkpoint(info: ModelInfo())
    file.metadata["layers"] = #"[{"kind":"transformer"}]"#
    assertRejects(try file.serialized(), "unknown layer kind")
  }

  func testUnknownTensor() throws {
    var file = try Model.make(.net2).checkpoint(info: ModelInfo())
    file.tensors["fc9.weight"] = Tensor(zeros: [1])
    assertRejects(try file.serialized(), "fc9.weight belongs to no layer")
  }

  func testMissingFileNamesThePath() {
    XCTAssertThrowsError(
      try Model.load(contentsOf: URL(fileURLWithPath: "/nonexistent/x.safetensors"))
    ) {
      XCTAssert("\($0)".contains("/nonexistent/x.safetensors"))
    }
  }

  /// A save replaces the old file whole: a failed save leaves the previous file intact.
  func testFailedSaveLeavesOldFileIntact() throws {
    let url = temporaryURL()
    try Model.make(.net2).save(to: url, info: ModelInfo(note: "old"))
    let before = try Data(contentsOf: url)
    // Writing into a folder that does not allow it fails before touching the target.
    XCTAssertThrowsError(
      try AtomicFile.write([1, 2, 3], to: URL(fileURLWithPath: "/proc/digitlab-test/x")))
    XCTAssertEqual(try Data(contentsOf: url), before)
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: url.deletingLastPathComponent().path
    )
    .filter { $0.contains(url.lastPathComponent) && $0.contains(".tmp-") }
    XCTAssertEqual(leftovers, [])
  }
}

import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 22: a checkpoint's header is checked before the rest of the file is read.
final class CheckpointReadingTests: XCTestCase {
  /// A 3 GB file (sparse: it takes no disk) whose first bytes are `prefix`.
  func bigFile(startingWith prefix: [UInt8]) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "junk-\(UUID().uuidString).safetensors")
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(prefix))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 3 << 30)
    try handle.close()
    return url
  }

  /// The process's peak resident set, in bytes (/proc/self/status VmHWM).
  func peakBytes() throws -> Double {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
    return try XCTUnwrap(line.split(separator: " ").dropFirst().first.flatMap { Double($0) }) * 1024
  }

  /// A 3 GB junk file used 6.3 GB of memory on its way to "header is not valid JSON".
  func testJunkIsRefusedWithoutReadingTheWholeFile() throws {
    #if !os(Linux)
      throw XCTSkip("reads /proc/self/status")
    #else
      let junk = try bigFile(
        startingWith: [16, 0, 0, 0, 0, 0, 0, 0] + Array("not json at all!".utf8))
      let declaresTooMuch = try bigFile(startingWith: [0, 0, 0, 0x40, 0, 0, 0, 0])  // a 1 GB header
      let badTensor = try bigFile(
        startingWith: header(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#))
      defer {
        for url in [junk, declaresTooMuch, badTensor] {
          try? FileManager.default.removeItem(at: url)
        }
      }
      let before = try peakBytes()
      for (url, text) in [
        (junk, "header is not valid JSON"),
        (declaresTooMuch, "header of 1073741824 bytes is too large"),
        (badTensor, "a: 4 bytes of data for shape [2]"),
      ] {
        XCTAssertThrowsError(try SafeTensors(contentsOf: url)) { error in
          XCTAssertEqual("\(error)", "\(url.lastPathComponent): \(text)")
        }
      }
      let grown = try peakBytes() - before
      XCTAssertLessThan(
        grown, 100_000_000,
        "reading the headers of three 3 GB files raised the peak by \(Int(grown / 1e6)) MB")
    #endif
  }

  /// Only the bytes the header names are read: a checkpoint with trailing bytes still loads.
  func testCheckpointReadsAsBefore() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ok-\(UUID().uuidString).safetensors")
    defer { try? FileManager.default.removeItem(at: url) }
    let model = Model.make(.net2, seed: 4)
    try model.save(to: url, info: ModelInfo(net: "net2"))
    let (loaded, info) = try Model.load(contentsOf: url)
    XCTAssertEqual(info.net, "net2")
    XCTAssertEqual(
      loaded.namedParameters.map(\.parameter.value), model.namedParameters.map(\.parameter.value))
    XCTAssertThrowsError(try SafeTensors(contentsOf: FileManager.default.temporaryDirectory)) {
      XCTAssertFalse("\($0)".contains("\n"))
    }
  }

  func header(_ json: String) -> [UInt8] {
    let h = Array(json.utf8)
    return (0..<8).map { UInt8((h.count >> (8 * $0)) & 0xff) } + h
  }
}

import DigitKit
import Foundation
import XCTest

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// A save that fails says why in one line, and what to do when disk or memory ran out.
final class SaveFailureTests: XCTestCase {
  let url = URL(fileURLWithPath: "/tmp/mine.safetensors")

  func testFullDiskSaysSoAndWhatToDo() {
    XCTAssertEqual(
      AtomicFile.error(writing: url, code: ENOSPC).message,
      "cannot write /tmp/mine.safetensors: No space left on device (free some disk space, or save elsewhere)"
    )
  }

  func testNoMemorySaysSoAndWhatToDo() {
    XCTAssertEqual(
      AtomicFile.error(writing: url, code: ENOMEM).message,
      "cannot write /tmp/mine.safetensors: Cannot allocate memory (close other programs and save again)"
    )
  }

  func testAMissingFolderReportsTheSystemsReason() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digitlab-\(UUID().uuidString)")
    try Data("x".utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    // A plain file where a folder should be.
    XCTAssertThrowsError(
      try Model.make(.net1).save(
        to: file.appendingPathComponent("net1.safetensors"), info: ModelInfo())
    ) {
      XCTAssertEqual(
        ($0 as? DigitKitError)?.message,
        "cannot write \(file.path)/net1.safetensors: Not a directory")
    }
  }
}

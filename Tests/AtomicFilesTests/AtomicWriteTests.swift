import AtomicFiles
import Foundation
import XCTest

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// A save replaces the file whole or not at all, and never leaves a temporary file behind.
final class AtomicWriteTests: XCTestCase {
  var folder: URL!

  override func setUpWithError() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(at: folder)
  }

  private func contents(of url: URL? = nil) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: (url ?? folder).path).sorted()
  }

  func testReplaceWritesTheFileAndItsFolder() throws {
    let url = folder.appendingPathComponent("new/progress.json")
    try AtomicWrite.replace(url, with: Data("one".utf8))
    try AtomicWrite.replace(url, with: Array("two".utf8))
    XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "two")
    XCTAssertEqual(try contents(of: url.deletingLastPathComponent()), ["progress.json"])
  }

  /// The write itself fails half-way (the process may not grow a file past 64 KiB): the old
  /// file keeps its bytes and the half-written temporary is gone.
  func testAFailedWriteLeavesTheOldFileAndNoTemporary() throws {
    let url = folder.appendingPathComponent("mine.safetensors")
    try Data("old".utf8).write(to: url)
    let resource = Int32(RLIMIT_FSIZE.rawValue)
    var saved = rlimit()
    XCTAssertEqual(getrlimit(resource, &saved), 0)
    let previousHandler = signal(SIGXFSZ, SIG_IGN)  // else the kernel stops the process at the limit
    var limit = saved
    limit.rlim_cur = 64 * 1024
    XCTAssertEqual(setrlimit(resource, &limit), 0)
    let result = Result {
      try AtomicWrite.replace(url, with: [UInt8](repeating: 7, count: 256 * 1024))
    }
    setrlimit(resource, &saved)
    signal(SIGXFSZ, previousHandler)

    XCTAssertThrowsError(try result.get()) {
      XCTAssertEqual(($0 as? AtomicWriteError)?.code, EFBIG)
      XCTAssert("\($0)".hasPrefix("cannot write \(url.path): "), "\($0)")
    }
    XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "old")
    XCTAssertEqual(try contents(), ["mine.safetensors"])
  }

  /// The rename fails (a folder stands at the target): it stays as it was, no temporary left.
  func testAFailedRenameLeavesTheTargetAndNoTemporary() throws {
    let url = folder.appendingPathComponent("drawings")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try Data("7".utf8).write(to: url.appendingPathComponent("7-001.txt"))
    XCTAssertThrowsError(try AtomicWrite.replace(url, with: Data("x".utf8)))
    XCTAssertEqual(try contents(), ["drawings"])
    XCTAssertEqual(try contents(of: url), ["7-001.txt"])
  }

  func testMoveReplacesTheDestination() throws {
    let source = folder.appendingPathComponent("progress.json")
    let aside = folder.appendingPathComponent("progress.json.corrupt")
    try Data("new".utf8).write(to: source)
    try Data("old".utf8).write(to: aside)
    try AtomicWrite.move(source, to: aside)
    XCTAssertEqual(try contents(), ["progress.json.corrupt"])
    XCTAssertEqual(try String(contentsOf: aside, encoding: .utf8), "new")
    XCTAssertThrowsError(try AtomicWrite.move(source, to: aside)) {
      XCTAssert("\($0)".hasPrefix("cannot move \(source.path): No such file"), "\($0)")
    }
  }

  func testAFullDiskSaysWhatToDo() {
    XCTAssertEqual(
      AtomicWriteError(writing: URL(fileURLWithPath: "/tmp/x"), code: ENOSPC).message,
      "cannot write /tmp/x: No space left on device (free some disk space, or save elsewhere)")
  }

  /// Issue 19, defect 12: a device (or folder) is never turned into a regular file; a
  /// symbolic link is followed and the file it names is replaced.
  func testSavingRefusesDevicesAndFollowsLinks() throws {
    XCTAssertThrowsError(
      try AtomicWrite.replace(URL(fileURLWithPath: "/dev/null"), with: Data("x".utf8))
    ) {
      XCTAssertEqual(
        "\($0)", "cannot write /dev/null: it is not a regular file; save to a file name instead")
    }
    XCTAssertThrowsError(try AtomicWrite.replace(folder, with: Data("x".utf8)))
    let real = folder.appendingPathComponent("real.txt")
    let link = folder.appendingPathComponent("link.txt")
    try Data("old".utf8).write(to: real)
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
    try AtomicWrite.replace(link, with: Data("new".utf8))
    XCTAssertEqual(try String(contentsOf: real, encoding: .utf8), "new")
    XCTAssertEqual(
      try FileManager.default.destinationOfSymbolicLink(atPath: link.path), real.path,
      "still a link")
  }

  /// Issue 19, defect 19: at most the last folder is made; a mistyped deep path is an error.
  func testOnlyTheLastFolderIsMade() throws {
    let deep = folder.appendingPathComponent("no/such/deep/file.txt")
    XCTAssertThrowsError(try AtomicWrite.replace(deep, with: Data("x".utf8))) {
      XCTAssertEqual(
        "\($0)", "cannot write \(deep.path): there is no folder \(folder.path)/no/such")
    }
    XCTAssertEqual(try contents(), [], "nothing was made")
    XCTAssertTrue(
      try AtomicWrite.replace(folder.appendingPathComponent("one/file.txt"), with: Data("x".utf8)))
    XCTAssertFalse(
      try AtomicWrite.replace(folder.appendingPathComponent("one/file.txt"), with: Data("y".utf8)))
  }

  /// Issue 19, defect 17: a temporary file left by a save that was killed is removed by the
  /// next save of the same file; one of a process still running is left alone.
  func testTheNextSaveClearsTemporariesOfDeadSaves() throws {
    let target = folder.appendingPathComponent("net.safetensors")
    let dead = folder.appendingPathComponent(".net.safetensors.tmp-999999999-ab12")
    let alive = folder.appendingPathComponent(".net.safetensors.tmp-\(getpid())-cd34")
    try Data("half".utf8).write(to: dead)
    try Data("busy".utf8).write(to: alive)
    try AtomicWrite.replace(target, with: Data("whole".utf8))
    XCTAssertEqual(try contents(), [alive.lastPathComponent, "net.safetensors"])
  }
}

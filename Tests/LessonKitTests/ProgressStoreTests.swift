import Foundation
import LessonKit
import XCTest

final class ProgressStoreTests: XCTestCase {
  func testSavesAtOnceAndResumes() throws {
    let url = try temporaryFolder(self).appendingPathComponent("sub/progress.json")
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.progress(for: "03-net1"), LessonProgress(step: 0, completed: false))
    store.update("03-net1") { $0.step = 4 }
    store.update("01-welcome") {
      $0.step = 9
      $0.completed = true
    }
    XCTAssertNil(store.notice)
    let reopened = ProgressStore(url: url)
    XCTAssertEqual(reopened.progress(for: "03-net1"), LessonProgress(step: 4, completed: false))
    XCTAssertEqual(reopened.progress(for: "01-welcome"), LessonProgress(step: 9, completed: true))
    reopened.forget("03-net1")
    XCTAssertEqual(ProgressStore(url: url).lessons.keys.sorted(), ["01-welcome"])
  }

  func testFileIsAlwaysCompleteJSON() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    let store = ProgressStore(url: url)
    store.update("a") { $0.step = 1 }
    // A reader holding the old file keeps seeing the old, whole file: saves replace it by rename.
    let handle = try FileHandle(forReadingFrom: url)
    let before = try Data(contentsOf: url)
    for step in 2...50 {
      store.update("lesson-\(step % 7)") { $0.step = step }
      let data = try Data(contentsOf: url)
      XCTAssertNoThrow(try JSONSerialization.jsonObject(with: data), "save \(step)")
    }
    XCTAssertEqual(handle.readDataToEndOfFile(), before)
    try handle.close()
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["progress.json"], "no temporary files left")
  }

  func testCorruptFileIsSetAsideWithANotice() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    try Data("{\"lessons\": {\"a\": {\"step\": 3".utf8).write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.lessons, [:])
    let notice = try XCTUnwrap(store.notice)
    XCTAssertTrue(notice.hasSuffix("was unusable (it is not valid progress JSON); moved it to progress.json.corrupt and started afresh."), notice)
    XCTAssertFalse(notice.contains("\n"))
    let aside = folder.appendingPathComponent("progress.json.corrupt")
    XCTAssertEqual(try String(contentsOf: aside, encoding: .utf8), "{\"lessons\": {\"a\": {\"step\": 3")
    XCTAssertEqual(store.takeNotice(), notice)
    XCTAssertNil(store.notice)
    store.update("a") { $0.step = 1 }
    XCTAssertEqual(ProgressStore(url: url).progress(for: "a").step, 1)
  }

  /// Regression test for the fuzzer's find (Fuzz/FuzzProgress.swift): an empty file.
  func testEmptyFileIsSetAsideWithANotice() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    try Data().write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.lessons, [:])
    let notice = try XCTUnwrap(store.notice)
    XCTAssertTrue(notice.contains("(it is empty)"), notice)
    store.update("a") { $0.step = 2 }
    XCTAssertEqual(ProgressStore(url: url).progress(for: "a").step, 2)
  }

  func testWrongShapeAndFolderAreUnusable() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    try Data("[1, 2, 3]".utf8).write(to: url)
    XCTAssertNotNil(ProgressStore(url: url).notice)
    let dir = folder.appendingPathComponent("dir.json")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let store = ProgressStore(url: dir)
    XCTAssertNotNil(store.notice)
  }

  func testLenientFields() throws {
    let url = try temporaryFolder(self).appendingPathComponent("progress.json")
    try Data(#"{"version": 1, "lessons": {"a": {"step": -4}, "b": {"completed": true}}}"#.utf8).write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertNil(store.notice)
    XCTAssertEqual(store.progress(for: "a"), LessonProgress(step: 0, completed: false))
    XCTAssertEqual(store.progress(for: "b"), LessonProgress(step: 0, completed: true))
  }

  func testFailedSaveIsANoticeNotACrash() throws {
    let folder = try temporaryFolder(self)
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let store = ProgressStore(url: blocker.appendingPathComponent("progress.json"))
    store.update("a") { $0.step = 2 }
    XCTAssertEqual(store.progress(for: "a").step, 2, "kept in memory")
    XCTAssertTrue(store.notice?.hasPrefix("Progress not saved: cannot write ") ?? false, store.notice ?? "nil")
  }
}

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

  /// Issue 19, defect 10: shell A reaches step 4 of lesson 1 while shell B, opened before,
  /// is in lesson 2; B's save keeps A's step instead of writing its stale copy over it.
  func testTwoShellsKeepEachOthersProgress() throws {
    let url = try temporaryFolder(self).appendingPathComponent("progress.json")
    let a = ProgressStore(url: url)
    let b = ProgressStore(url: url)
    a.update("01-welcome") { $0.step = 4 }
    b.update("02-mnist") { $0.step = 2 }
    a.update("01-welcome") { $0.step = 5 }
    let later = ProgressStore(url: url)
    XCTAssertEqual(later.progress(for: "01-welcome").step, 5)
    XCTAssertEqual(later.progress(for: "02-mnist").step, 2)
    XCTAssertEqual(b.progress(for: "01-welcome").step, 4, "B sees what A had saved when B saved")
    b.forget("01-welcome")
    XCTAssertNil(ProgressStore(url: url).lessons["01-welcome"], "forgetting is a change too")
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
    // The lock file two shells share stays; no temporary file does.
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
      ["progress.json", "progress.json.lock"], "no temporary files left")
  }

  func testCorruptFileIsSetAsideWithANotice() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    try Data("{\"lessons\": {\"a\": {\"step\": 3".utf8).write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.lessons, [:])
    let notice = try XCTUnwrap(store.notice)
    XCTAssertTrue(
      notice.hasSuffix(
        "was unusable (it is not valid progress JSON); moved it to progress.json.corrupt and started afresh."
      ), notice)
    XCTAssertFalse(notice.contains("\n"))
    let aside = folder.appendingPathComponent("progress.json.corrupt")
    XCTAssertEqual(
      try String(contentsOf: aside, encoding: .utf8), "{\"lessons\": {\"a\": {\"step\": 3")
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

  /// Issue 19, defect 13: a second corrupt file deleted the first one's backup, even a folder.
  func testEveryCorruptFileIsKeptUnderANewName() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    let first = folder.appendingPathComponent("progress.json.corrupt")
    try FileManager.default.createDirectory(at: first, withIntermediateDirectories: true)
    try Data("keep me".utf8).write(to: first.appendingPathComponent("inside.txt"))
    let taken = folder.appendingPathComponent("progress.json.corrupt-2")
    try FileManager.default.createSymbolicLink(atPath: taken.path, withDestinationPath: "nowhere")
    for (index, junk) in ["junk one", "junk two", "[]"].enumerated() {
      try Data(junk.utf8).write(to: url)
      let notice = try XCTUnwrap(ProgressStore(url: url).notice)
      XCTAssertTrue(notice.contains("moved it to progress.json.corrupt-\(index + 3) "), notice)
    }
    XCTAssertEqual(
      try String(contentsOf: first.appendingPathComponent("inside.txt"), encoding: .utf8), "keep me"
    )
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: taken.path), "nowhere")
    for (index, junk) in ["junk one", "junk two", "[]"].enumerated() {
      let aside = folder.appendingPathComponent("progress.json.corrupt-\(index + 3)")
      XCTAssertEqual(try String(contentsOf: aside, encoding: .utf8), junk)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
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
    try Data(#"{"version": 1, "lessons": {"a": {}, "b": {"completed": true}}}"#.utf8).write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertNil(store.notice)
    XCTAssertEqual(store.progress(for: "a"), LessonProgress(step: 0, completed: false))
    XCTAssertEqual(store.progress(for: "b"), LessonProgress(step: 0, completed: true))
  }

  /// Issue 19, defect 6: `"step": 9223372036854775807` made `lessons` overflow on every run.
  func testOutOfRangeStepsAreDroppedAndTheFileKeptAside() throws {
    let folder = try temporaryFolder(self)
    let url = folder.appendingPathComponent("progress.json")
    let original =
      #"{"version": 1, "lessons": {"a": {"step": 9223372036854775807}, "b": {"step": -4}, "c": {"step": 3}}}"#
    try Data(original.utf8).write(to: url)
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.lessons, ["c": LessonProgress(step: 3)])
    let notice = try XCTUnwrap(store.takeNotice())
    XCTAssertTrue(notice.contains("(a at step 9223372036854775807, b at step -4)"), notice)
    XCTAssertTrue(
      notice.hasSuffix("those lessons start afresh, and the old file is progress.json.corrupt."),
      notice)
    XCTAssertFalse(notice.contains("\n"))
    let aside = folder.appendingPathComponent("progress.json.corrupt")
    XCTAssertEqual(try String(contentsOf: aside, encoding: .utf8), original)
    let reopened = ProgressStore(url: url)
    XCTAssertNil(reopened.notice, "the file saved holds only steps in range")
    XCTAssertEqual(reopened.lessons, ["c": LessonProgress(step: 3)])
    reopened.update("a") { $0.step += 1 }
    XCTAssertEqual(reopened.progress(for: "a").step, 1)
  }

  func testStepsChangedOutOfRangeAreHeldInIt() throws {
    let store = ProgressStore(
      url: try temporaryFolder(self).appendingPathComponent("progress.json"))
    store.update("a") { $0.step = .max }
    XCTAssertEqual(store.progress(for: "a").step, LessonProgress.maximumStep)
    store.update("a") { $0.step += 1 }
    XCTAssertEqual(store.progress(for: "a").step, LessonProgress.maximumStep)
    store.update("a") { $0.step = .min }
    XCTAssertEqual(store.progress(for: "a").step, 0)
    XCTAssertNil(store.notice)
  }

  func testAStepPastTheLessonIsHeldAtItsEndWithANotice() throws {
    let url = try temporaryFolder(self).appendingPathComponent("progress.json")
    ProgressStore(url: url).update("01-welcome") { $0.step = 50 }
    let store = ProgressStore(url: url)
    XCTAssertEqual(store.progress(for: "01-welcome", stepCount: 11), LessonProgress(step: 11))
    XCTAssertEqual(
      store.takeNotice(),
      "Progress for 01-welcome was at step 50, but the lesson has 11 steps; it resumes at step 11.")
    XCTAssertEqual(store.progress(for: "01-welcome", stepCount: 11), LessonProgress(step: 11))
    XCTAssertNil(store.notice, "said once")
    XCTAssertEqual(
      ProgressStore(url: url).progress(for: "01-welcome", stepCount: 20), LessonProgress(step: 11),
      "saved")
  }

  func testEveryNoticeIsKeptUntilTaken() throws {
    let url = try temporaryFolder(self).appendingPathComponent("progress.json")
    try Data(#"{"version": 1, "lessons": {"a": {"step": 100001}, "b": {"step": 7}}}"#.utf8).write(
      to: url)
    let store = ProgressStore(url: url)
    _ = store.progress(for: "b", stepCount: 5)
    let notice = try XCTUnwrap(store.takeNotice())
    XCTAssertTrue(notice.contains("(a at step 100001)"), notice)
    XCTAssertTrue(
      notice.hasSuffix(
        " Progress for b was at step 7, but the lesson has 5 steps; it resumes at step 5."), notice)
  }

  func testFailedSaveIsANoticeNotACrash() throws {
    let folder = try temporaryFolder(self)
    let blocker = folder.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let store = ProgressStore(url: blocker.appendingPathComponent("progress.json"))
    store.update("a") { $0.step = 2 }
    XCTAssertEqual(store.progress(for: "a").step, 2, "kept in memory")
    XCTAssertTrue(
      store.notice?.hasPrefix("Progress not saved: cannot write ") ?? false, store.notice ?? "nil")
  }
}

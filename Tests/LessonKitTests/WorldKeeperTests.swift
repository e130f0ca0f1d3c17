import Foundation
import LessonKit
import XCTest

/// A world held in a dictionary of strings, counting captures and applies.
final class FakeWorld: LessonWorld {
  var items: [String: String] = [:]
  var applied: [[String: [UInt8]?]] = []

  init(_ items: [String: String] = [:]) { self.items = items }

  func capture() throws -> [String: [UInt8]] {
    items.mapValues { Array($0.utf8) }
  }

  func apply(_ changes: [String: [UInt8]?]) throws {
    applied.append(changes)
    for (key, bytes) in changes {
      items[key] = bytes.map { String(decoding: $0, as: UTF8.self) }
    }
  }
}

final class WorldKeeperTests: XCTestCase {
  private func blobNames(_ folder: URL) -> [String] {
    let blobs = folder.appendingPathComponent("blobs").path
    return ((try? FileManager.default.contentsOfDirectory(atPath: blobs)) ?? []).sorted()
  }

  /// Runs step `step` of a lesson on `keeper`: `change` stands for its commands.
  private func run(
    _ keeper: WorldKeeper, step: Int, _ world: FakeWorld, completed: Bool = true,
    _ change: (inout [String: String]) -> Void
  ) throws -> [String] {
    let restored = try keeper.willRun(step: step)
    change(&world.items)
    try keeper.didRun(step: step, completed: completed)
    return restored
  }

  /// The bug of issue 17: back, then Enter, ran `add mine linear 520` a second time and the
  /// model had the layer twice. Rerunning a step first undoes what it did.
  func testRerunningAStepUndoesOnlyWhatItChanged() throws {
    let folder = try temporaryFolder(self).appendingPathComponent("lessons/05-build")
    let world = FakeWorld(["drawing": "a seven"])
    let keeper = WorldKeeper(folder: folder, world: world)
    XCTAssertEqual(try run(keeper, step: 0, world) { $0["model mine"] = "flatten" }, [])
    XCTAssertEqual(try run(keeper, step: 1, world) { $0["model mine"]! += " linear" }, [])
    XCTAssertEqual(keeper.status(of: 1), .ran)
    world.items["model yours"] = "the learner's own"
    world.items["drawing"] = "a four"

    let restored = try keeper.willRun(step: 1)
    XCTAssertEqual(restored, ["model mine"])
    XCTAssertEqual(world.items["model mine"], "flatten", "the layer step 1 added is gone")
    XCTAssertEqual(world.items["model yours"], "the learner's own", "no step made it")
    XCTAssertEqual(world.items["drawing"], "a four", "no step changed the drawing")
    XCTAssertEqual(keeper.status(of: 1), .started)
    world.items["model mine"]! += " linear"
    try keeper.didRun(step: 1, completed: true)
    XCTAssertEqual(world.items["model mine"], "flatten linear", "the layer once, not twice")

    XCTAssertEqual(try keeper.willRun(step: 0), ["model mine"])
    XCTAssertNil(world.items["model mine"], "absent before step 0, so removed")
    XCTAssertNil(keeper.status(of: 1), "later records are forgotten: those steps run afresh")
  }

  /// Going back two steps and running them again: the later step's changes are undone too,
  /// and a step rerun on a fresh world does not bring back the stale one.
  func testRerunningAnEarlierStepRewindsTheLaterOnes() throws {
    let folder = try temporaryFolder(self)
    let world = FakeWorld()
    let keeper = WorldKeeper(folder: folder, world: world)
    _ = try run(keeper, step: 2, world) { $0["model mine"] = "trained once" }
    _ = try run(keeper, step: 3, world) { $0["kept 9-001.txt"] = "a nine" }
    _ = try run(keeper, step: 4, world) { $0["model mine"]! += " +relu" }

    XCTAssertEqual(try keeper.willRun(step: 2), ["kept 9-001.txt", "model mine"])
    XCTAssertEqual(world.items, [:], "as before step 2")
    world.items["model mine"] = "trained twice"
    try keeper.didRun(step: 2, completed: true)
    XCTAssertEqual(try run(keeper, step: 3, world) { $0["kept 9-001.txt"] = "a nine" }, [])
    XCTAssertEqual(try run(keeper, step: 4, world) { $0["model mine"]! += " +relu" }, [])
    XCTAssertEqual(world.items["model mine"], "trained twice +relu")
  }

  func testAnUnchangedWorldRestoresNothingAndAStoppedStepIsUndoneToo() throws {
    let folder = try temporaryFolder(self)
    let world = FakeWorld(["results": "accuracy=0.9"])
    let keeper = WorldKeeper(folder: folder, world: world)
    _ = try run(keeper, step: 0, world) { _ in }
    XCTAssertEqual(try keeper.willRun(step: 0), [], "the step changed nothing")
    XCTAssertEqual(world.applied.count, 0, "and nothing was applied")
    world.items["model a"] = "half"
    try keeper.didRun(step: 0, completed: false)
    XCTAssertEqual(keeper.status(of: 0), .stopped)
    XCTAssertEqual(try keeper.willRun(step: 0), ["model a"])
    XCTAssertNil(world.items["model a"])
  }

  /// A lesson resumed in a new shell gets back what its steps built, and learns which steps
  /// behind the learner never recorded a world (to replay them quietly if they are cells).
  func testRestoreForResumeSetsTheLatestAfterAndListsUnrecordedSteps() throws {
    let folder = try temporaryFolder(self)
    let first = FakeWorld()
    let keeper = WorldKeeper(folder: folder, world: first)
    _ = try run(keeper, step: 1, first) { $0["model mine"] = "flatten" }
    _ = try run(keeper, step: 3, first) {
      $0["model mine"]! += " linear"
      $0["page"] = "sevens, page 2"
    }
    _ = try run(keeper, step: 6, first) { $0["drawing"] = "a two" }

    let second = FakeWorld(["kept 1-001.txt": "a one", "page": "threes"])
    let resumed = WorldKeeper(folder: folder, world: second)
    XCTAssertEqual(try resumed.restore(before: 6), [4, 5])
    XCTAssertEqual(
      second.items,
      ["model mine": "flatten linear", "page": "sevens, page 2", "kept 1-001.txt": "a one"])
    XCTAssertEqual(resumed.status(of: 3), .ran)

    let third = FakeWorld()
    XCTAssertEqual(try WorldKeeper(folder: folder, world: third).restore(before: 1), [0])
    XCTAssertEqual(third.items, [:], "no step before 1 recorded a world")
    let fresh = FakeWorld()
    let empty = try temporaryFolder(self)
    XCTAssertEqual(try WorldKeeper(folder: empty, world: fresh).restore(before: 3), [0, 1, 2])
    XCTAssertTrue(fresh.applied.isEmpty)
  }

  func testSkippedStepsAreRecordedAndNotReplayed() throws {
    let folder = try temporaryFolder(self)
    let world = FakeWorld()
    let keeper = WorldKeeper(folder: folder, world: world)
    _ = try run(keeper, step: 0, world) { $0["model m"] = "x" }
    try keeper.didSkip(step: 1)
    XCTAssertEqual(keeper.status(of: 1), .skipped)
    XCTAssertNil(keeper.status(of: 2))
    let reopened = WorldKeeper(folder: folder, world: FakeWorld())
    XCTAssertEqual(reopened.status(of: 1), .skipped, "kept on disk")
    XCTAssertEqual(try reopened.restore(before: 3), [2])
  }

  /// Identical bytes are stored once; blobs no record names are removed on the next write.
  func testBlobsAreStoredOnceAndUnusedOnesRemoved() throws {
    let folder = try temporaryFolder(self)
    let big = String(repeating: "w", count: 100_000)
    let world = FakeWorld(["model a": big, "model b": big])
    let keeper = WorldKeeper(folder: folder, world: world)
    for step in 0..<5 { _ = try run(keeper, step: step, world) { _ in } }
    XCTAssertEqual(blobNames(folder), [WorldKeeper.hash(Array(big.utf8))])
    _ = try run(keeper, step: 5, world) { $0["model a"] = "small" }
    XCTAssertEqual(blobNames(folder).count, 2)
    _ = try run(keeper, step: 5, world) { $0["model a"] = "smaller" }
    XCTAssertEqual(
      blobNames(folder).sorted(),
      [WorldKeeper.hash(Array("smaller".utf8)), WorldKeeper.hash(Array(big.utf8))].sorted(),
      "small is named by no record now")
    try keeper.forget()
    XCTAssertEqual(blobNames(folder), [])
    XCTAssertNil(keeper.status(of: 0))
  }

  /// FNV-1a 64 of the empty input and of "a" (published test vectors), then the length.
  func testBlobNamesAreFNV1aAndLength() {
    XCTAssertEqual(WorldKeeper.hash([]), "cbf29ce484222325-0")
    XCTAssertEqual(WorldKeeper.hash(Array("a".utf8)), "af63dc4c8601ec8c-1")
  }

  func testACorruptIndexIsKeptAsideAndTheKeeperStartsAfresh() throws {
    let folder = try temporaryFolder(self)
    let index = folder.appendingPathComponent("world.json")
    try Data("{\"version\": 1, \"steps\": {\"0\": ".utf8).write(to: index)
    let world = FakeWorld(["model m": "x"])
    let keeper = WorldKeeper(folder: folder, world: world)
    XCTAssertNil(keeper.status(of: 0))
    XCTAssertTrue(keeper.takeNotice()?.contains("world.json.corrupt") == true)
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("world.json.corrupt"), encoding: .utf8),
      "{\"version\": 1, \"steps\": {\"0\": ")
    XCTAssertEqual(try keeper.restore(before: 2), [0, 1])
    XCTAssertEqual(world.items, ["model m": "x"])
    _ = try run(keeper, step: 0, world) { $0["model m"] = "y" }
    XCTAssertEqual(WorldKeeper(folder: folder, world: world).status(of: 0), .ran, "saved anew")
  }

  /// A record naming a blob that is gone, or a file outside blobs/, counts as no record.
  func testARecordWithAMissingOrStrangeBlobCountsAsNone() throws {
    let folder = try temporaryFolder(self)
    let world = FakeWorld()
    let keeper = WorldKeeper(folder: folder, world: world)
    _ = try run(keeper, step: 0, world) { $0["model m"] = "x" }
    _ = try run(keeper, step: 1, world) { $0["model m"] = "xy" }
    try FileManager.default.removeItem(
      at: folder.appendingPathComponent("blobs/" + WorldKeeper.hash(Array("xy".utf8))))
    let second = FakeWorld()
    let reopened = WorldKeeper(folder: folder, world: second)
    XCTAssertEqual(reopened.status(of: 0), .ran)
    XCTAssertNil(reopened.status(of: 1))
    XCTAssertNotNil(reopened.takeNotice())
    XCTAssertEqual(try reopened.restore(before: 2), [1])
    XCTAssertEqual(second.items, ["model m": "x"])

    let strange =
      #"{"version": 1, "steps": {"0": {"after": {"k": "../../etc/passwd"}, "status": "ran"}}}"#
    try Data(strange.utf8).write(to: folder.appendingPathComponent("world.json"))
    XCTAssertNil(WorldKeeper(folder: folder, world: FakeWorld()).status(of: 0))
  }

  /// A blob changed on disk after it was written is not applied.
  func testADamagedBlobIsNotApplied() throws {
    let folder = try temporaryFolder(self)
    let world = FakeWorld()
    let keeper = WorldKeeper(folder: folder, world: world)
    _ = try run(keeper, step: 0, world) { $0["model m"] = "good" }
    try Data("evil".utf8).write(
      to: folder.appendingPathComponent("blobs/" + WorldKeeper.hash(Array("good".utf8))))
    let second = FakeWorld()
    XCTAssertEqual(try WorldKeeper(folder: folder, world: second).restore(before: 1), [0])
    XCTAssertEqual(second.items, [:])
  }
}

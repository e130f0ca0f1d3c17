import DigitKit
import DigitShell
import Foundation
import LessonKit
import XCTest

/// A session as a lesson's world: what lesson cells build (models, the drawing, the page,
/// kept drawings) is captured as bytes and set again, in the same session or a new one.
final class SessionWorldTests: XCTestCase {
  private var home: URL!
  private var previousHome: String?

  override func setUpWithError() throws {
    home = FileManager.default.temporaryDirectory
      .appendingPathComponent("session-world-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    previousHome = ProcessInfo.processInfo.environment["DIGITLAB_HOME"]
    setenv("DIGITLAB_HOME", home.path, 1)
  }

  override func tearDownWithError() throws {
    if let previousHome {
      setenv("DIGITLAB_HOME", previousHome, 1)
    } else {
      unsetenv("DIGITLAB_HOME")
    }
    try? FileManager.default.removeItem(at: home)
  }

  /// A session whose console prints nothing and collects what it would have printed.
  private final class Shell {
    let session = Session()
    var text = ""
    init() {
      session.console.isMuted = true
      session.console.tee = { [unowned self] in self.text += $0 }
    }
    /// Runs one command line and returns what it printed.
    @discardableResult
    func run(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) -> String {
      text = ""
      let status = CommandRunner.run(line.split(separator: " ").map(String.init), session: session)
      XCTAssertEqual(status, 0, "\(line): \(text)", file: file, line: lineNumber)
      return text
    }
  }

  func testAModelBuiltInOneSessionIsTheSameInAnother() throws {
    let first = Shell()
    first.run("new mine")
    first.run("add mine flatten")
    first.run("add mine linear 10")
    // (What commands measured travels too, as "results"; here only the model matters.)
    let items = try SessionWorld(session: first.session).capture().filter { $0.key != "results" }
    XCTAssertEqual(items.keys.sorted(), ["model mine"])

    let second = Shell()
    try SessionWorld(session: second.session).apply(items.mapValues { Optional($0) })
    XCTAssertEqual(second.run("summary mine"), first.run("summary mine"))
    let weights = { (shell: Shell) in
      shell.session.models["mine"]?.model.namedParameters.map(\.parameter.value.data)
    }
    XCTAssertEqual(weights(second), weights(first))
    XCTAssertEqual(
      try SessionWorld(session: second.session).capture()["model mine"], items["model mine"],
      "same bytes")

    try SessionWorld(session: second.session).apply(["model mine": nil])
    XCTAssertNil(second.session.models["mine"])
  }

  /// net3 loaded only to be used is left out (the next use loads it again); changed, it is in.
  func testAShippedModelIsCapturedOnlyOnceChanged() throws {
    let shell = Shell()
    let net3 = try shell.session.resolveModel("net3")
    XCTAssertTrue(net3.isUnchangedShipped)
    XCTAssertEqual(try SessionWorld(session: shell.session).capture(), [:])
    net3.model.removeLast()
    XCTAssertFalse(net3.isUnchangedShipped)
    XCTAssertEqual(try SessionWorld(session: shell.session).capture().keys.sorted(), ["model net3"])
    shell.run("new copy --from net3")
    XCTAssertFalse(shell.session.models["copy"]?.isUnchangedShipped ?? true)
  }

  /// The page on screen, the drawing, the runs and the results go to another session too.
  func testThePageTheDrawingTheRunsAndTheResultsTravel() throws {
    let first = Shell()
    first.run("show --digit 3 --page 2")
    first.session.drawing = try Drawing(text: "..#..\n.##..\n..#..\n..#..\n.###.")
    let epoch = EpochResult(
      epoch: 1, trainLoss: 0.25, trainCorrect: 50, trainTotal: 60, testLoss: 0.3,
      testCorrect: 9, testTotal: 10, seconds: 1.5)
    var blownUp = epoch
    blownUp.testLoss = .infinity
    first.session.runs = [(label: "mine", history: [epoch, blownUp])]
    first.session.results = ["accuracy": "90%"]
    let items = try SessionWorld(session: first.session).capture()
    XCTAssertEqual(items.keys.sorted(), ["drawing", "page", "results", "runs"])

    let second = Shell()
    try SessionWorld(session: second.session).apply(items.mapValues { Optional($0) })
    XCTAssertEqual(second.session.results, first.session.results)
    XCTAssertTrue(second.run("next").contains("page 3 of"), second.text)
    XCTAssertEqual(second.session.drawing, first.session.drawing)
    XCTAssertEqual(second.session.runs.map(\.label), ["mine"])
    XCTAssertEqual(second.session.runs.first?.history, [epoch, blownUp], "infinity included")

    try SessionWorld(session: second.session).apply([
      "drawing": nil, "page": nil, "runs": nil, "results": nil,
    ])
    XCTAssertNil(second.session.drawing)
    XCTAssertTrue(second.session.runs.isEmpty)
    XCTAssertTrue(second.session.results.isEmpty)
    let status = CommandRunner.run(["next"], session: second.session)
    XCTAssertNotEqual(status, 0, "no page to turn any more")
  }

  /// Issue 17: back, then Enter, reran `add mine linear 10` and mine had the layer twice.
  /// With the keeper, the rerun starts from mine as it was before the cell; a model the
  /// learner made meanwhile survives.
  func testRerunningACellDoesNotAddTheLayerTwice() throws {
    let shell = Shell()
    let keeper = WorldKeeper(
      folder: SessionWorld.folder(for: "05-build"), world: SessionWorld(session: shell.session))
    try keeper.willRun(step: 0)
    shell.run("new mine")
    shell.run("add mine flatten")
    try keeper.didRun(step: 0, completed: true)
    try keeper.willRun(step: 1)
    shell.run("add mine linear 10")
    try keeper.didRun(step: 1, completed: true)
    shell.run("new yours")

    XCTAssertEqual(try keeper.willRun(step: 1), ["model mine"])
    shell.run("add mine linear 10")
    try keeper.didRun(step: 1, completed: true)
    XCTAssertEqual(shell.session.models["mine"]?.model.layers.count, 2, "flatten, linear")
    XCTAssertNotNil(shell.session.models["yours"], "the learner's own model survives")
    let index = home.appendingPathComponent("lessons/05-build/world.json")
    XCTAssertTrue(FileManager.default.fileExists(atPath: index.path), "kept in DIGITLAB_HOME")

    let resumed = Shell()
    let again = WorldKeeper(
      folder: SessionWorld.folder(for: "05-build"), world: SessionWorld(session: resumed.session))
    XCTAssertEqual(try again.restore(before: 3), [2])
    XCTAssertEqual(resumed.session.models["mine"]?.model.layers.count, 2)
    XCTAssertNotNil(resumed.session.models["yours"], "it was there after step 1")
    XCTAssertTrue(resumed.run("summary mine").contains("fc1"), resumed.text)
  }

  /// A drawing a cell kept is removed when the cell runs again, so it keeps 7-001.txt again
  /// rather than adding 7-002.txt; drawings kept at the prompt stay.
  func testAKeptDrawingIsRemovedWhenItsCellRunsAgain() throws {
    let shell = Shell()
    let drawings = home.appendingPathComponent("drawings")
    shell.session.drawing = try Drawing(text: "..#..\n..#..\n..#..")
    shell.run("keep 1")
    let keeper = WorldKeeper(
      folder: SessionWorld.folder(for: "09-own"), world: SessionWorld(session: shell.session))
    shell.session.drawing = try Drawing(text: "###\n..#\n..#")
    try keeper.willRun(step: 4)
    shell.run("keep 7")
    try keeper.didRun(step: 4, completed: true)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: drawings.path).sorted(),
      ["1-001.txt", "7-001.txt"])

    XCTAssertEqual(try keeper.willRun(step: 4), ["kept 7-001.txt"])
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: drawings.path).sorted(), ["1-001.txt"])
    XCTAssertTrue(shell.run("keep 7").contains("Kept as 7-001.txt"), shell.text)
  }
}

import Foundation
import LessonKit
import XCTest

/// Issue 17: every lesson walked in a real terminal at 80×24, each walk in a fresh home, three
/// ways: Enter to the end; `back` at several points; `quit` halfway, a new shell, `lesson N`
/// to the end. Each walk ends with no `error:` line, and the session's models (names, layers,
/// parameters) are the same as after the first walk.
final class LessonWalkTests: XCTestCase {
  func testLesson01() throws { try walkThreeWays(1) }
  func testLesson02() throws { try walkThreeWays(2) }
  func testLesson03() throws { try walkThreeWays(3) }
  func testLesson04() throws { try walkThreeWays(4) }
  func testLesson05() throws { try walkThreeWays(5) }
  func testLesson06() throws { try walkThreeWays(6) }
  func testLesson07() throws { try walkThreeWays(7) }
  func testLesson08() throws { try walkThreeWays(8) }
  func testLesson09() throws { try walkThreeWays(9) }
  func testLesson10() throws { try walkThreeWays(10) }
  func testLesson11() throws { try walkThreeWays(11) }

  /// Ctrl-C in a multi-command cell (lesson 7 trains three models in one cell) stops the
  /// whole cell: none of its later commands run, and the learner is told which.
  func testCtrlCStopsTheWholeCell() throws {
    let plan = try LessonPlan(number: 7)
    guard let cell = plan.firstCell(containing: "train b32") else {
      return XCTFail("lesson 7 has no cell that trains b32")
    }
    let words =
      plan.words(until: cell) + ["", "<C-c> after Training b32", "models"]
    let shell = try LessonWalk.run([words]).shells[0]
    XCTAssertEqual(shell.stuck, [], shell.screen)
    let flat = LessonWalk.flattened(shell.transcript)
    XCTAssertTrue(flat.contains("You stopped `train b32"), flat.suffix(1500).description)
    XCTAssertTrue(
      flat.contains("so `new b64 --from net2`, `train b64"), flat.suffix(1500).description)
    let models = LessonWalk.models(in: shell.transcript)
    XCTAssertNotNil(models["b32"], "\(models)")
    XCTAssertNil(models["b64"], "b64 was never made: \(models)")
  }

  /// Esc in a lesson's editor stops the cell: `keep 9` does not keep an older drawing.
  func testEscInTheEditorStopsTheCell() throws {
    let plan = try LessonPlan(number: 10)
    guard let cell = plan.firstCell(containing: "keep 9") else {
      return XCTFail("lesson 10 has no cell that keeps a 9")
    }
    let home = Binary.temporaryHome()
    let words = plan.words(until: cell) + ["random", "", "models"]
    let shell = try LessonWalk.run([words], home: home, answers: ["Esc leave": "\u{1B}"]).shells[0]
    XCTAssertEqual(shell.stuck, [], shell.screen)
    let flat = LessonWalk.flattened(shell.transcript)
    XCTAssertTrue(flat.contains("so `keep 9` did not run"), String(flat.suffix(1500)))
    let kept = (try? FileManager.default.contentsOfDirectory(atPath: home.path + "/drawings")) ?? []
    XCTAssertEqual(kept, [], "nothing was kept")
  }

  private func walkThreeWays(_ number: Int) throws {
    let plan = try LessonPlan(number: number)
    let straight = try LessonWalk.run([plan.straight() + ["models"]]).shells[0]
    try check(straight, "lesson \(number), Enter to the end")
    let expected = LessonWalk.models(in: straight.transcript)

    let backs = try LessonWalk.run([plan.withBacks() + ["models"]]).shells[0]
    try check(backs, "lesson \(number), with back")
    XCTAssertEqual(LessonWalk.models(in: backs.transcript), expected, "lesson \(number), back")

    let (first, second) = plan.splitHalfway()
    let resumed = try LessonWalk.run([first + ["quit", "<C-d>"], second + ["models"]]).shells
    try check(resumed[0], "lesson \(number), first half")
    try check(resumed[1], "lesson \(number), resumed")
    XCTAssertEqual(
      LessonWalk.models(in: resumed[1].transcript), expected, "lesson \(number), resumed")
  }

  private func check(_ shell: LessonWalk.Shell, _ walk: String) throws {
    XCTAssertEqual(shell.stuck, [], "\(walk): the prompt never came back:\n\(shell.screen)")
    let errors = shell.transcript.split(separator: "\n").filter { $0.contains("error:") }
    XCTAssertEqual(errors, [], "\(walk): \(errors)")
  }
}

/// The words a learner types to walk a lesson, worked out by running the lesson's own
/// `LessonRunner` with commands that always succeed and checks that never pass (so every
/// exercise is skipped: `skip` runs its solution).
struct LessonPlan {
  let number: Int
  let lesson: Lesson

  init(number: Int) throws {
    self.number = number
    let folder = Binary.repository.appendingPathComponent("Lessons")
    let name = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .first { Lesson.number(forID: Lesson.id(forFileName: $0)) == number && $0.hasSuffix(".md") }
    guard let name else { throw CocoaError(.fileNoSuchFile) }
    lesson = try Lesson(contentsOf: folder.appendingPathComponent(name))
  }

  private func runner() -> LessonRunner {
    let store = FileManager.default.temporaryDirectory
      .appendingPathComponent("plan-\(UUID().uuidString).json")
    return LessonRunner(
      lesson: lesson, progress: ProgressStore(url: store),
      executor: ClosureExecutor { _ in .succeeded }, facts: ClosureFacts { _ in nil })
  }

  /// `lesson N`, then Enter (or `skip` at an exercise) until the lesson ends; `backAt` lists
  /// the word counts after which `back` is typed.
  func straight(backAt: Set<Int> = []) -> [String] {
    let runner = runner()
    runner.start()
    var words = ["lesson \(number)"]
    while !runner.isFinished {
      if backAt.contains(words.count) && runner.currentStep.map({ $0 > 0 }) == true {
        words.append("back")
        runner.back()
      }
      if runner.isExercisePending {
        words.append("skip")
        runner.skip()
      } else {
        words.append("")
        runner.next()
      }
    }
    return words
  }

  /// The walk with `back` typed at a quarter, half and three quarters of the way (then Enter
  /// reruns what follows).
  func withBacks() -> [String] {
    let count = straight().count
    return straight(backAt: [count / 4, count / 2, 3 * count / 4])
  }

  /// The walk cut in two: up to halfway, and `lesson N` then the rest.
  func splitHalfway() -> ([String], [String]) {
    let words = straight()
    let half = max(1, words.count / 2)
    return (Array(words[..<half]), ["lesson \(number)"] + words[half...])
  }

  /// The step index of the first cell with a command containing `text`.
  func firstCell(containing text: String) -> Int? {
    lesson.steps.firstIndex {
      if case .cell(let cell) = $0 { return cell.commands.contains { $0.contains(text) } }
      return false
    }
  }

  /// The words that bring the lesson to just before step `index` runs.
  func words(until index: Int) -> [String] {
    let runner = runner()
    runner.start()
    var words = ["lesson \(number)"]
    while runner.position < index {
      words.append(runner.isExercisePending ? "skip" : "")
      if runner.isExercisePending { runner.skip() } else { runner.next() }
    }
    return words
  }
}

/// `lesson_walk.py`: the real shell in a pseudo-terminal at 80×24.
enum LessonWalk {
  struct Shell: Decodable {
    let transcript: String
    let screen: String
    let status: Int32?
    let stuck: [Int]
  }
  struct Result: Decodable { let shells: [Shell] }

  static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Terminal/lesson_walk.py")

  /// Runs each list of words in its own shell, one after another, in one fresh home.
  /// The drawing editor opened by a lesson's `draw --load` (its key help says "Esc leave"):
  /// Enter keeps the drawing.
  static let keepTheDrawing = ["Esc leave": "\r"]

  static func run(
    _ shells: [[String]], home: URL = Binary.temporaryHome(),
    answers: [String: String] = keepTheDrawing
  ) throws -> Result {
    let plan: [String: Any] = ["shells": shells, "answers": answers]
    let json = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", driver.path, Binary.url.path, home.path, "80", "24", json]
    process.currentDirectoryURL = Binary.repository
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_DATA"] = Binary.repository.appendingPathComponent("Data").path
    process.environment = env
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONDecoder().decode(Result.self, from: data)
  }

  /// Shipped models a lesson only loads to use them (a new shell loads them when needed).
  static let shipped: Set<String> = [
    "net1", "net2", "net3", "net3-augmented", "net3-people", "net3-study",
  ]

  /// The session models `models` listed last, shipped ones aside: name → "N layers, P parameters".
  static func models(in transcript: String) -> [String: String] {
    guard let start = transcript.range(of: "> models\n", options: .backwards) else { return [:] }
    var found: [String: String] = [:]
    for line in transcript[start.upperBound...].split(separator: "\n") {
      guard line.hasPrefix("  "), let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces)
      if shipped.contains(name) { continue }
      let rest = line[line.index(after: colon)...]
      let shape = rest.range(of: ", output").map { rest[..<$0.lowerBound] } ?? rest
      found[name] = shape.trimmingCharacters(in: .whitespaces)
    }
    return found
  }

  /// The transcript with line breaks as spaces, so a wrapped sentence reads as one.
  static func flattened(_ transcript: String) -> String {
    transcript.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}

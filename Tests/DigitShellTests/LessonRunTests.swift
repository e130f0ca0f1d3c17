import Foundation
import XCTest

/// Every lesson runs headless from top to bottom (`digitlab run FILE`) with no failing cell.
final class LessonRunTests: XCTestCase {
  static let lessons = Binary.repository.appendingPathComponent("Lessons")

  func testEveryLessonRunsHeadless() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path)
      .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
    XCTAssertGreaterThanOrEqual(files.count, 10)
    for file in files {
      // A folder of this run's own: two checkouts testing at once must not share transcripts.
      let transcript = Binary.temporaryHome().appendingPathComponent("\(file).transcript.md")
      let (output, status) = try Binary.run([
        "run", "Lessons/\(file)", "--transcript", transcript.path,
      ])
      XCTAssertEqual(status, 0, "\(file) failed:\n\(output.suffix(3000))")
      // The transcript holds the lesson's commands with their outputs.
      let markdown = (try? String(contentsOf: transcript, encoding: .utf8)) ?? ""
      XCTAssert(markdown.contains("```digitlab"), "\(file): transcript has the cells")
    }
  }

  /// A lesson whose cell runs the lesson itself stops at once with one line, instead of
  /// recursing until the stack runs out.
  func testALessonThatRunsItselfStopsWithOneLine() throws {
    let folder = Binary.temporaryHome()
    let file = folder.appendingPathComponent("loop.md")
    try "# Loop\n\n```digitlab\nrun \(file.path)\n```\n".write(
      to: file, atomically: true, encoding: .utf8)
    let (output, status) = try Binary.run(["run", file.path])
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(
      output.contains(
        "error: run cannot start a lesson from inside a lesson's cell; run it at the prompt"),
      output)
    XCTAssertFalse(output.contains("Fatal error") || output.contains("Backtrace"), output)
  }

  /// Writes `markdown` to a lesson file in a fresh folder and runs it headless.
  private func runLesson(_ markdown: String, named name: String) throws -> (String, Int32) {
    let file = Binary.temporaryHome().appendingPathComponent(name)
    try markdown.write(to: file, atomically: true, encoding: .utf8)
    return try Binary.run(["run", file.path])
  }

  /// A claim the output does not bear out stops the run, naming the file, line and claim.
  func testAFalseClaimStopsTheRunNamingFileLineAndClaim() throws {
    let lesson =
      "# Claim\n\n```digitlab\npredict --index 0 --model net3\nexpect: prediction net3 == 9\n```\n\nNot reached.\n"
    let (output, status) = try runLesson(lesson, named: "claim.md")
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(
      output.contains(
        "claim.md:5: step 1: claim `prediction net3 == 9` does not hold: prediction net3 is 7, expected 9"
      ), output)
    XCTAssertFalse(output.contains("Not reached."), output)
  }

  /// Templates are filled from what the commands printed: measured results and model history.
  func testTemplatesAreFilledFromWhatTheCommandsMeasured() throws {
    let lesson = """
      # Templates

      ```digitlab
      data
      predict --index 0 --model net1
      about --model net1
      expect: prediction net1 == 7
      expect: model net1 epoch of lowest test loss < 20
      ```

      {{data test 6}} sixes; net1 reads a {{prediction net1}} ({{probability net1}}%).

      Lowest at epoch {{model net1 epoch of lowest test loss}} ({{model net1 lowest test loss}}).

      {{model net1 test loss}} at the end.

      """
    let (output, status) = try runLesson(lesson, named: "templates.md")
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("958 sixes; net1 reads a 7 ("), output)
    XCTAssertTrue(output.contains("Lowest at epoch 8 (0.0669)."), output)
    XCTAssertTrue(output.contains("0.0786 at the end."), output)
  }

  /// A prose template whose fact no cell has measured yet stops the run.
  func testATemplateWithoutAValueStopsTheRun() throws {
    let lesson = "# T\n\nNet2 reads {{accuracy net2}}%.\n\n```digitlab\neval --model net2\n```\n"
    let (output, status) = try runLesson(lesson, named: "early.md")
    XCTAssertNotEqual(status, 0, output)
    XCTAssertTrue(
      output.contains("early.md:3: step 1: template {{accuracy net2}} has no value here"), output)
  }
}

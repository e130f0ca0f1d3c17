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
}

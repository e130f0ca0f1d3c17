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
      let transcript = FileManager.default.temporaryDirectory.appendingPathComponent("\(file).transcript.md")
      let (output, status) = try Binary.run(["run", "Lessons/\(file)", "--transcript", transcript.path])
      XCTAssertEqual(status, 0, "\(file) failed:\n\(output.suffix(3000))")
      // The transcript holds the lesson's commands with their outputs.
      let markdown = (try? String(contentsOf: transcript, encoding: .utf8)) ?? ""
      XCTAssert(markdown.contains("```digitlab"), "\(file): transcript has the cells")
    }
  }
}

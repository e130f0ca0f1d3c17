import Foundation
import XCTest

/// The README's "A first session" is the first thing a newcomer types. Every line of it runs
/// in the real shell without an error, and every test score its comments promise ("9953 of
/// the 10,000 test digits") is what the shell prints.
final class ReadmeFirstSessionTests: XCTestCase {
  /// The `digitlab> ` lines of the README's first ```text block after "## A first session":
  /// the command, and the comment after `#` (empty when there is none).
  private func firstSession() throws -> [(command: String, comment: String)] {
    let readme = try String(
      contentsOf: Binary.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try XCTUnwrap(
      readme.components(separatedBy: "## A first session").dropFirst().first)
    let block = try XCTUnwrap(section.components(separatedBy: "```").dropFirst().first)
    return block.split(separator: "\n").compactMap { line in
      guard line.hasPrefix("digitlab> ") else { return nil }
      let text = line.dropFirst("digitlab> ".count)
      let parts = text.split(separator: "#", maxSplits: 1)
      let command = parts[0].trimmingCharacters(in: .whitespaces)
      let comment = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
      return (command, comment)
    }
  }

  func testEveryLineRunsAndEveryScoreItPromisesIsPrinted() throws {
    let lines = try firstSession()
    XCTAssertGreaterThanOrEqual(lines.count, 5, "the README's first session was not found")
    let (output, status) = try Binary.run(
      [], input: lines.map(\.command).joined(separator: "\n") + "\n")
    XCTAssertEqual(status, 0, "a line of the README's first session failed:\n\(output)")
    XCTAssertFalse(output.contains("error:"), output)
    // "9953 of the 10,000 test digits (99.53%)": the shell printed "9953/10000" and "99.53%".
    let score = try Regex(#"(\d+) of the 10,000[^(]*\((\d+\.\d+%)\)"#)
    let promises = lines.flatMap { $0.comment.matches(of: score) }
    XCTAssertFalse(promises.isEmpty, "no score found in the first session's comments")
    for promise in promises {
      let right = String(promise.output[1].substring ?? "")
      let percent = String(promise.output[2].substring ?? "")
      XCTAssertTrue(output.contains("\(right)/10000"), "the README promises \(right):\n\(output)")
      XCTAssertTrue(output.contains(percent), "the README promises \(percent):\n\(output)")
    }
  }
}

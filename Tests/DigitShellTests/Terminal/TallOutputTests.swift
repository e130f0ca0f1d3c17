import Foundation
import XCTest

/// Issue 18 at 80×24, as a learner sees it: a command whose output is tall still shows its
/// first line (it fits, or the pager opens at its top), and `--big` fills the screen.
final class TallOutputTests: XCTestCase {
  /// The shell at 80×24 with `less -FRX` as the pager, whatever the machine's $PAGER.
  /// The screen after `command` at 80×24, run on a cleared screen once `setup` is done.
  /// Every output here holds a `:` (as does the pager's prompt), so the wait ends when the
  /// output arrives whether or not its top is still on the screen; `slow` commands read
  /// thousands of images (minutes in a debug build).
  func screen(
    after setup: [Pty.Step] = [], _ command: String, slow: Bool = false
  ) throws -> String {
    let result = try Pty.run(
      setup + [
        .init("clear\r"),
        .init(command + "\r", until: ":", timeout: slow ? 900 : 60),
        // Paged output arrives all at once; a moment more shows anything printed after it.
        .init(""),
      ], environment: ["DIGITLAB_PAGER": "less -FRX"])
    let last = result.screens.last ?? ""
    XCTAssertEqual(result.timedOut, [], "\(command): \(result.screens.joined(separator: "\n--\n"))")
    return last
  }

  func assertFirstLineShows(
    _ command: String, _ firstLine: String, after setup: [Pty.Step] = [], slow: Bool = false,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let shown = try screen(after: setup, command, slow: slow)
    let rows = shown.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertTrue(
      rows.contains { $0.hasPrefix(firstLine) }, "\(command) lost its top:\n\(shown)", file: file,
      line: line)
  }

  func testHelp() throws {
    try assertFirstLineShows("help", "Commands (help CMD for details):")
  }

  /// `help` is a list by topic that fits 80×24 with room for the prompt (issue 18).
  func testHelpFitsTheScreen() throws {
    let shown = try screen(after: [], "help", slow: false)
    let rows = shown.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertTrue(
      rows.first?.hasSuffix("> help") ?? false, "the command is still on screen:\n\(shown)")
    XCTAssertTrue(rows.contains { $0.hasPrefix("  train") && $0.contains("plot") }, shown)
  }

  func testHelpAll() throws {
    try assertFirstLineShows("help all", "All commands (help CMD for details):")
  }

  func testHelpTrain() throws {
    try assertFirstLineShows("help train", "OVERVIEW: Train")
  }

  func testShow() throws {
    try assertFirstLineShows("show", "Test set, all digits: page 1 of 100")
  }

  func testShowWrong() throws {
    try assertFirstLineShows(
      "show --model net3 --wrong", "Test set, all digits that net3 gets wrong: page 1 of 1",
      slow: true)
  }

  func testConfusion() throws {
    try assertFirstLineShows(
      "confusion", "net3-people on 850 test images of each digit (8,500 in all):", slow: true)
  }

  func testActivations() throws {
    try assertFirstLineShows("activations", "Test image 0 (a 7) after layer 1 of net3")
  }

  func testAbout() throws {
    try assertFirstLineShows("about", "net3-people — net3: deeper CNN")
  }

  func testRandom() throws {
    try assertFirstLineShows("random --seed 3", "MNIST test image 6906, labelled 2:")
  }

  func testWhy() throws {
    try assertFirstLineShows(
      "why", "Reading the 60000 training images through net3",
      after: [.init("random --seed 3 --no-pager\r", until: "keeps it)")], slow: true)
  }

  /// `show --index 0 --big` at 80×24: the caption, a picture 21 lines tall and the bars
  /// beside it fill the screen under the command, with the prompt on the last line.
  func testBigDigitFillsTheScreen() throws {
    let shown = try screen("show --index 0 --big")
    let rows = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    XCTAssertEqual(rows.count, 24)
    XCTAssertEqual(rows[0], "digitlab> show --index 0 --big", shown)
    XCTAssertEqual(rows[1], "test image 0: a 7", shown)
    XCTAssertEqual(rows[23], "digitlab>", shown)
    // The picture's half blocks reach its top and bottom rows' neighbours; the bars sit beside.
    XCTAssertTrue(rows[2..<23].contains { $0.contains("▀") && $0.contains("> 7 │█") }, shown)
    XCTAssertTrue(rows[2..<23].contains { $0.contains("Most likely: 7") }, shown)
  }

  /// `random --big` at 200×60 fills that screen too: a picture 56 lines tall, 112 columns
  /// wide, thick bars beside it.
  func testBigRandomFillsALargeScreen() throws {
    let result = try Pty.run(
      [
        .init("random --big --seed 3\r", until: "keeps it).", timeout: 120), .init(""),
      ], columns: 200, rows: 60, environment: ["DIGITLAB_PAGER": "less -FRX"])
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
    let rows = (result.screens.last ?? "").split(separator: "\n", omittingEmptySubsequences: false)
      .map(String.init)
    XCTAssertEqual(rows.first, "digitlab> random --big --seed 3")
    XCTAssertEqual(rows[1], "MNIST test image 6906, labelled 2:")
    XCTAssertEqual(rows.last, "digitlab>")
    XCTAssertGreaterThanOrEqual(rows.filter { $0.contains("│██████████") }.count, 3, rows[30])
    XCTAssertTrue(
      rows.contains { $0.hasPrefix("net3-people is right.") }, rows.joined(separator: "\n"))
  }
}

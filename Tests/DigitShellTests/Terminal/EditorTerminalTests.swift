import Foundation
import XCTest

/// The drawing editor in a real terminal at 80×24 (issue 18): a 7 in a few keys, and what
/// stays on the screen after Enter; `predict FILE` showing the image beside the bars.
final class EditorTerminalTests: XCTestCase {
  /// The rows of a screen.
  func rows(_ screen: String) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// The rows from the last one holding `title` down to the end of the screen.
  func block(titled title: String, in screen: String) -> [String] {
    let all = rows(screen)
    guard let top = all.lastIndex(where: { $0.contains(title) }) else { return [] }
    return Array(all[top...])
  }

  /// 17 keys: to the top left of the 7 with Shift moves, `-` to start, the top bar, then the
  /// slanted stem, each line one `-` (DrawKeystrokeTests counts the same keys).
  static let seven = "KKHhh-LLL-BBJJj-"

  func testASevenInSeventeenKeysStaysOnTheScreenWithItsBarsAfterEnter() throws {
    XCTAssertEqual(Self.seven.count + 1, 17)
    let result = try Pty.run([
      .init("draw --new\r", until: "your drawing"),
      .init(Self.seven, until: "Most likely: 7"),
      // "Kept your drawing" comes a moment before the picture and bars, in its own write.
      .init("\r", until: "Your drawing, model", settle: 0.5),
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    let editor = result.screens[1]
    XCTAssertTrue(editor.contains("z undo  r redo"), editor)
    // pyte has no alternate screen, so the editor's last frame stays above what is printed
    // (a real terminal goes back to the shell's screen); look below it.
    let kept = result.screens[2]
    let printed = block(titled: "Your drawing, model net3", in: kept)
    guard printed.count >= 17 else {
      return XCTFail("no picture and bars below the title: \(kept)")
    }
    XCTAssertTrue(printed[1].hasPrefix("┌─ your drawing ─"), kept)
    XCTAssertTrue(printed[16].hasPrefix("└────"), kept)
    // The 7 in the frame: a top bar, then a stem that slants left as it goes down.
    let interior = printed[2...15].map { Array($0.dropFirst().prefix(28)) }
    let leftmost = interior.map { $0.firstIndex { $0 != " " } }
    let top = try XCTUnwrap(leftmost.firstIndex { $0 != nil }, kept)
    XCTAssertGreaterThanOrEqual(
      interior[top].filter { $0 != " " }.count, 12, "the top bar: \(printed[2 + top])")
    let stem = leftmost[(top + 2)...].compactMap { $0 }
    XCTAssertGreaterThanOrEqual(stem.count, 6, kept)
    XCTAssertEqual(stem, stem.sorted(by: >), "each row of the stem starts left of the last")
    XCTAssertGreaterThan(stem.first ?? 0, stem.last ?? 0, kept)
    XCTAssertTrue(interior.joined().contains("█"), "solid ink shows as text")
    // Beside the picture: the bars, 7 marked most likely.
    XCTAssertNotNil(
      printed.first { $0.hasPrefix("│") && $0.contains("> 7 │") && $0.hasSuffix("%") }, kept)
    XCTAssertTrue(kept.contains("Most likely: 7"), kept)
    XCTAssertTrue(rows(kept).allSatisfy { $0.count <= 80 })
  }

  func testPredictShowsWhatTheNetSeesBesideTheBars() throws {
    let result = try Pty.run([
      .init("predict Data/drawings/3-looks-like-2.txt --model net2\r", until: "Most likely:")
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
    let screen = result.screens[0]
    let printed = block(titled: "Data/drawings/3-looks-like-2.txt, model net2", in: screen)
    guard printed.count >= 17 else {
      return XCTFail("no picture and bars below the title: \(screen)")
    }
    XCTAssertTrue(printed[1].hasPrefix("┌─ what net2 sees ─"), screen)
    XCTAssertTrue(printed[2...15].allSatisfy { $0.hasPrefix("│") }, screen)
    XCTAssertTrue(printed[2...15].contains { $0.contains("▀") }, "the 3 is drawn: \(screen)")
    XCTAssertNotNil(
      printed.first { $0.hasPrefix("│") && $0.contains("3 │") && $0.hasSuffix("%") },
      "the bars are beside the picture: \(screen)")
    XCTAssertTrue(screen.contains("Most likely: 3"), screen)
    XCTAssertFalse(screen.contains("(END)"), "no pager for 18 lines at 24 rows")
  }
}

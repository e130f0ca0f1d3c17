import TextArt
import XCTest

/// Issue 19, defect 16: text from files is printed with its control characters made visible.
final class ControlCharactersTests: XCTestCase {
  func testEscapeSequencesAreShownNotObeyed() {
    XCTAssertEqual(showingControlCharacters("\u{1B}[2Jgone"), "^[[2Jgone")
    XCTAssertEqual(showingControlCharacters("\u{1B}]0;title\u{07}"), "^[]0;title^G")
    XCTAssertEqual(showingControlCharacters("a\u{9B}2Jb"), "aM-^[2Jb")
  }

  func testEveryControlCharacterHasOneVisibleForm() {
    XCTAssertEqual(showingControlCharacters("\u{0}\u{1}\t\n\r\u{1F}\u{7F}"), "^@^A^I^J^M^_^?")
    XCTAssertEqual(showingControlCharacters("\u{80}\u{85}\u{9F}"), "M-^@M-^EM-^_")
  }

  func testOrdinaryTextIsKept() {
    let text = "cancelled during epoch 3 — 99.3% ✓ 数字 ^[ é"
    XCTAssertEqual(showingControlCharacters(text), text)
    XCTAssertEqual(showingControlCharacters(""), "")
  }
}

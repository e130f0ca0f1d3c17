import TextArt
import XCTest

final class ANSITests: XCTestCase {
  func testVisibleWidthIgnoresEscapes() {
    XCTAssertEqual(visibleWidth("\u{1B}[0;1;38;5;77mabc\u{1B}[0m"), 3)
    XCTAssertEqual(visibleWidth(""), 0)
    XCTAssertEqual(visibleWidth("▀▄█⣿│"), 5)
  }

  func testVisibleWidthCountsWideAndZeroWidthCharacters() {
    XCTAssertEqual(visibleWidth("数字"), 4)
    XCTAssertEqual(visibleWidth("e\u{301}"), 1)
    XCTAssertEqual(visibleWidth("a\tb"), 2)
  }

  func testVisibleWidthOfSubstring() {
    let text = "ab\u{1B}[31mcd\u{1B}[0m"
    XCTAssertEqual(visibleWidth(text.dropFirst()), 3)
  }

  func testStripANSIRemovesCSIAndOSC() {
    XCTAssertEqual(stripANSI("\u{1B}[38;5;232mx\u{1B}[0m"), "x")
    XCTAssertEqual(stripANSI("a\u{1B}]0;title\u{07}b"), "ab")
    XCTAssertEqual(stripANSI("a\u{1B}]8;;http://x\u{1B}\\b"), "ab")
    XCTAssertEqual(stripANSI("plain"), "plain")
  }

  func testUnterminatedEscapeDoesNotCrash() {
    XCTAssertEqual(stripANSI("ab\u{1B}"), "ab")
    XCTAssertEqual(stripANSI("ab\u{1B}[12"), "ab")
  }
}

import DigitShell
import XCTest

/// Sessions are passed in, never global: two of them in one process keep their own models,
/// pages and output.
final class SessionTests: XCTestCase {
  /// A session whose console prints nothing and collects what it would have printed.
  final class Captured {
    let session = Session()
    var text = ""
    init() {
      session.console.isMuted = true
      session.console.tee = { [unowned self] in self.text += $0 }
    }
    @discardableResult
    func run(_ line: String) -> Int32 {
      CommandRunner.run(line.split(separator: " ").map(String.init), session: session)
    }
  }

  func testTwoSessionsSideBySideDoNotSeeEachOthersModelsOrPages() {
    let first = Captured()
    let second = Captured()
    XCTAssertEqual(first.run("new mine"), 0)
    XCTAssertEqual(first.run("add mine flatten"), 0)
    XCTAssertNotEqual(second.run("summary mine"), 0, "the second session has no model called mine")
    XCTAssertTrue(second.text.contains("no model or file named mine"), second.text)
    XCTAssertEqual(second.run("new mine"), 0, "the same name is free in the second session")
    XCTAssertEqual(first.session.models["mine"]?.model.layers.count, 1)
    XCTAssertEqual(second.session.models["mine"]?.model.layers.count, 0)

    XCTAssertEqual(first.run("show --digit 3"), 0)
    XCTAssertEqual(first.run("next"), 0, "the first session showed a page")
    XCTAssertNotEqual(second.run("next"), 0, "the second did not")
    XCTAssertTrue(second.text.contains("nothing to page through yet: use show first"), second.text)
    XCTAssertFalse(
      first.text.contains("nothing to page through"), "each session's output stays its own")
  }
}

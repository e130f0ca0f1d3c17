import Foundation
import XCTest

/// The shell in a real terminal at 80×24, as a learner types: what the screen shows.
final class TerminalTests: XCTestCase {
  /// A typo along the way is not a failure of the session, and Ctrl-D keeps the models the
  /// learner built and says where (issue 18).
  func testCtrlDKeepsTheModelsAndASessionWithATypoEndsWell() throws {
    let home = Binary.temporaryHome()
    let result = try Pty.run(
      [
        .init("new mine\r", until: "New model mine"),
        .init("add mine flatten\r", until: "total 0"),
        .init("trian\r", until: "did you mean train?"),
        .init("<C-d>", until: "Bye."),
      ], home: home)
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
    XCTAssertEqual(result.status, 0, result.screens.last ?? "")
    // The line wraps at the screen's edge; read it as one.
    let screen = (result.screens.last ?? "").split(whereSeparator: \.isWhitespace).joined(
      separator: " ")
    XCTAssertTrue(screen.contains("Your model mine is kept in \(home.path)/models;"), screen)
    XCTAssertTrue(FileManager.default.fileExists(atPath: home.path + "/models/mine.safetensors"))
  }

  /// Ctrl-C mid-training stops it, keeps the weights, and the shell goes on.
  func testCtrlCStopsTrainingAndTheShellGoesOn() throws {
    let result = try Pty.run([
      .init("train --net net3 --epochs 1 --limit 20000\r", until: "Training net3", timeout: 20),
      .init("", until: "/20,000", timeout: 20),
      .init("<C-c>", until: "the weights so far are kept", timeout: 20),
      .init("models\r", until: "last:"),
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
    XCTAssertNil(result.status, "the shell is still running")
  }

  /// A lesson's commands go into the Up-arrow history, as typed ones do (issue 18).
  func testALessonsCommandsAreInTheHistory() throws {
    let result = try Pty.run([
      .init("lesson 3\r", until: "[lesson 3 1/"),
      .init("\r", until: "[lesson 3 2/"),
      .init("\r", until: "New model mine"),
      .init("<Up>", until: "> new mine"),
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.last ?? "")
  }

  /// Issue 18: output taller than the screen goes through a pager, so its first line is on
  /// the screen; q goes back to the prompt. --no-pager prints it all.
  func testTallOutputIsPagedFromItsFirstLine() throws {
    let result = try Pty.run([
      .init("help all\r", until: "All commands (help CMD for details):"),
      .init("q", until: "digitlab>"),
      .init("show --no-pager\r", until: "next / prev turn the page."),
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    // The pager fills the screen from the top of the output down.
    let top = result.screens[0].split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertEqual(
      top.first.map(String.init), "All commands (help CMD for details):", result.screens[0])
    let printed = result.screens[2].split(separator: "\n").map(String.init)
    XCTAssertFalse(printed.contains(":"), "no pager waits after --no-pager: \(result.screens[2])")
  }
}

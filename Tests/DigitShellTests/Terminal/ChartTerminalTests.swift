import Foundation
import XCTest

/// Training charts in a real terminal (issue 18): they fill the screen they are drawn on and
/// still fit it, and a first epoch shows its values rather than three dots in one column.
final class ChartTerminalTests: XCTestCase {
  /// A tiny model, ready to train in a second.
  private let tinyModel: [Pty.Step] = [
    .init("new t\r", until: "New model t"),
    .init("add t flatten\r", until: "total 0"),
    .init("add t linear 10\r", until: "7,850"),
    .init("add t logsoftmax\r", until: "digitlab> add t logsoftmax"),
  ]

  /// Ctrl-L: readline clears the screen, so the next step's text is that step's own.
  private let clear = Pty.Step("\u{0C}")

  private func train(_ epochs: Int) -> Pty.Step {
    .init(
      "train t --epochs \(epochs) --limit 600 --test-limit 1000\r", until: "Done. Saved",
      timeout: 120)
  }

  /// Rows of a screen, blank ones kept.
  private func rows(_ screen: String) -> [String] {
    screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  /// At 80×24, one epoch draws a bar per value with the epoch line's numbers beside them;
  /// then three epochs compared with `plot --metric both` fill the screen without scrolling
  /// the command away.
  func testOneEpochShowsItsValuesAndAPlotFitsEightyByTwentyFour() throws {
    let result = try Pty.run(
      tinyModel + [
        clear, train(1),
        clear, train(2),
        clear, .init("plot t --metric both\r", until: "┅┅ t test"),
      ])
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    let first = result.screens[5]
    let epochLine = try XCTUnwrap(
      rows(first).first { $0.hasPrefix("epoch  1  train loss ") }, first)
    let words = epochLine.split(separator: " ")
    let trainLoss = String(words[4])
    let testLoss = String(words[7])
    let trainBar = try XCTUnwrap(rows(first).first { $0.hasPrefix("  train loss ") }, first)
    XCTAssertTrue(trainBar.contains("epoch 1 ━"), trainBar)
    XCTAssertTrue(trainBar.hasSuffix(" " + trainLoss), "\(trainBar) shows \(trainLoss)")
    let testBar = try XCTUnwrap(rows(first).first { $0.hasPrefix("  test loss ") }, first)
    XCTAssertTrue(testBar.contains("epoch 1 ┅"), testBar)
    XCTAssertTrue(testBar.hasSuffix(" " + testLoss), "\(testBar) shows \(testLoss)")

    let plot = rows(result.screens[9])
    let command = try XCTUnwrap(
      plot.firstIndex { $0.hasPrefix("digitlab> plot t") }, result.screens[9])
    let prompt = try XCTUnwrap(plot.lastIndex { $0 == "digitlab>" }, result.screens[9])
    XCTAssertEqual(command, 0, "the chart fits below its command:\n\(result.screens[9])")
    XCTAssertEqual(prompt - command - 1, 22, "the chart fills the screen:\n\(result.screens[9])")
    XCTAssertEqual(plot[command + 1].trimmingCharacters(in: .whitespaces), "Training and test loss")
    XCTAssertEqual(plot[prompt - 1], "━━ t train   ┅┅ t test")
  }

  /// On a larger terminal the same chart grows to fill it.
  func testThePlotGrowsWithTheTerminal() throws {
    let result = try Pty.run(
      tinyModel + [
        train(3),
        clear, .init("plot t --metric both\r", until: "┅┅ t test"),
      ], columns: 150, rows: 45)
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    let plot = rows(result.screens.last ?? "")
    let command = try XCTUnwrap(plot.firstIndex { $0.hasPrefix("digitlab> plot t") })
    let prompt = try XCTUnwrap(plot.lastIndex { $0 == "digitlab>" })
    XCTAssertEqual(prompt - command - 1, 43, plot.joined(separator: "\n"))
    let axis = try XCTUnwrap(plot.first { $0.contains("└") })
    XCTAssertGreaterThan(axis.count, 140, "the epoch axis spans the screen: \(axis)")
  }
}

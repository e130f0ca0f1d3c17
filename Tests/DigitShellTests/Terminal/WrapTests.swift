import Foundation
import XCTest

/// Issue 18: no word is cut at the edge of the screen. Every word a command prints on a
/// screen 250 columns wide is on an 80-column screen too, whole: help and its USAGE lines,
/// errors, `about`, `data`, `models`, a lesson's steps, and the tall pictures' captions.
final class WrapTests: XCTestCase {
  /// Commands, and text that shows when each has finished (short enough never to wrap).
  let commands: [(typed: String, done: String, seconds: Double)] = [
    ("help", "Inside a lesson", 60),
    ("help train", "Show help information.", 60),
    ("help finetune", "Show help information.", 60),
    ("eval --help", "Show help information.", 60),
    ("train --epoch 3 --nett net3", "help train)", 60),
    ("why", "help why)", 60),
    ("summary", "summary)", 60),
    ("about", "15: 0.2087", 60),
    ("data", "0.3081.", 300),
    ("models", "more)", 60),
    ("show", "next / prev", 60),
    ("show --model net3 --wrong", "next / prev", 900),
    ("confusion", "Weakest:", 900),
    ("activations", "largest |value|", 60),
    ("random --seed 3", "keeps it).", 60),
    ("why", "answer.", 900),
    ("lesson 3", "[lesson 3 1/", 60),
    ("", "[lesson 3 2/", 60),
    ("quit", "resumes there.", 60),
  ]

  /// The words of each command's screen (a fresh one for each) at `columns` wide, tall
  /// enough that nothing scrolls away, with no pager.
  func words(columns: Int) throws -> [[String: Int]] {
    var steps: [Pty.Step] = []
    for command in commands {
      steps.append(.init("clear\r"))
      steps.append(.init(command.typed + "\r", until: command.done, timeout: command.seconds))
    }
    let result = try Pty.run(
      steps, columns: columns, rows: 300, environment: ["DIGITLAB_PAGER": ""])
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    return stride(from: 1, to: result.screens.count, by: 2).map { counted(result.screens[$0]) }
  }

  /// How often each word occurs: runs of letters, digits, `-`, `'` and `_` that start with a
  /// letter, at least two long, with punctuation around them dropped (`(see:` is `see`).
  /// Prompt lines are left out: whether the next prompt is drawn yet when the command's last
  /// line shows is a race, not wrapping.
  func counted(_ screen: String) -> [String: Int] {
    var counts: [String: Int] = [:]
    let output = screen.split(separator: "\n").filter { !$0.hasPrefix("digitlab>") }
    for token in output.joined(separator: "\n").split(whereSeparator: \.isWhitespace) {
      let word = token.trimmingCharacters(in: CharacterSet(charactersIn: "()[]{}<>,.;:!?\"'`"))
      guard let first = word.unicodeScalars.first, CharacterSet.letters.contains(first),
        word.count >= 2,
        word.unicodeScalars.allSatisfy({
          CharacterSet.alphanumerics.contains($0) || "-'_".unicodeScalars.contains($0)
        })
      else { continue }
      counts[word, default: 0] += 1
    }
    return counts
  }

  func testEveryWordAtTwoHundredFiftyColumnsIsWholeAtEighty() throws {
    let wide = try words(columns: 250)
    let narrow = try words(columns: 80)
    XCTAssertEqual(wide.count, commands.count)
    XCTAssertEqual(narrow.count, commands.count)
    for (index, command) in commands.enumerated() where index < min(wide.count, narrow.count) {
      let missing = wide[index].filter { word, count in (narrow[index][word] ?? 0) < count }
      XCTAssertEqual(missing, [:], "`\(command.typed)` at 80 columns cut or lost these words")
      XCTAssertGreaterThan(wide[index].count, 3, "`\(command.typed)` printed words")
    }
  }

  /// ArgumentParser prints a usage line whole, however long; help breaks it between its
  /// parts at the width (80 when not a terminal), later lines under the first option.
  func testUsageLinesWrapBetweenTheirParts() throws {
    for words in [["help", "finetune"], ["finetune", "--help"]] {
      let (output, status) = try Binary.run(words)
      XCTAssertEqual(status, 0, output)
      let lines = output.split(separator: "\n").map(String.init)
      guard let usage = lines.firstIndex(where: { $0.hasPrefix("USAGE: finetune ") }) else {
        return XCTFail(output)
      }
      XCTAssertLessThanOrEqual(lines[usage].count, 80, output)
      XCTAssertTrue(lines[usage + 1].hasPrefix(String(repeating: " ", count: 16) + "["), output)
      XCTAssertTrue(output.contains("[--augment-mnist]"), output)
    }
  }
}

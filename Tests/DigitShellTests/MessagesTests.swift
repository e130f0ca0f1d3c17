import Foundation
import XCTest

/// Messages say what happened, and the status agrees (issue 19, defect 18).
final class MessagesTests: XCTestCase {
  func testHelpForAnUnknownCommandFailsFromEveryDoor() throws {
    let (direct, directStatus) = try Binary.run(["help", "nosuch"])
    XCTAssertNotEqual(directStatus, 0)
    XCTAssertTrue(direct.hasPrefix("error: no command 'nosuch'"), direct)
    let (piped, pipedStatus) = try Binary.run(input: "help nosuch\n")
    XCTAssertNotEqual(pipedStatus, 0, "a script with a failing line fails")
    XCTAssertTrue(piped.hasPrefix("error: no command 'nosuch'"), piped)
    let (help, helpStatus) = try Binary.run(["help", "train"])
    XCTAssertEqual(helpStatus, 0)
    XCTAssertTrue(help.contains("USAGE: train"), help)
  }

  func testPromptWordsOutsideThePromptSayWhatTheyAre() throws {
    let (output, status) = try Binary.run(["quit"])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(
      output, "error: quit is a word for the digitlab> prompt, not a command to run here\n")
  }

  func testANegativeDigitIsNamedNotMissing() throws {
    let (output, status) = try Binary.run(["show", "--digit", "-1"])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(output, "error: --digit takes no negative numbers, not -1 (see: help show)\n")
  }

  func testANegativePaddingIsAValueNotAMissingOne() throws {
    let (output, _) = try Binary.run(input: "new m\nadd m conv 3 5 --padding -1\n")
    XCTAssertTrue(output.contains("error: conv: padding must be from 0 to 16"), output)
    XCTAssertFalse(output.contains("Missing value"), output)
  }

  func testALessonCellWithAnUnclosedQuoteSaysWhy() throws {
    let file = Binary.temporaryHome().appendingPathComponent("quote.md")
    try "# Quote\n\n```digitlab\nnew \"mine\n```\n".write(
      to: file, atomically: true, encoding: .utf8)
    let (output, status) = try Binary.run(["run", file.path])
    XCTAssertNotEqual(status, 0)
    XCTAssertTrue(output.contains("error: ") && output.lowercased().contains("quote"), output)
  }

  /// Issue 18: a mistyped option is named, with the closest one, before anything else.
  func testAMistypedOptionIsNamedWithTheClosestOne() throws {
    let (output, status) = try Binary.run(["eval", "--modle", "net3"])
    XCTAssertEqual(status, 64)
    XCTAssertEqual(
      output, "error: unknown option '--modle' (did you mean --model?) (see: help eval)\n")
  }

  /// Issue 19, defect 23: a piped script may end its lines with LF, CRLF or CR alone.
  func testScriptsReadEveryLineEnding() throws {
    for ending in ["\n", "\r\n", "\r"] {
      let (output, status) = try Binary.run(
        input: ["new m", "add m flatten", "models"].joined(separator: ending) + ending)
      XCTAssertEqual(status, 0, "ending \(ending.debugDescription): \(output)")
      XCTAssertTrue(output.contains("  m: 1 layer, 0 parameters, output 784"), output)
    }
  }

  /// Issue 19, defect 20: one name check wherever a model is named, `--as` included.
  func testEveryModelNameIsChecked() throws {
    let bad = "error: a model name uses letters, digits, - and _ (at most 40), not 'bad/name x'"
    let (train, trainStatus) = try Binary.run(["train", "--net", "net1", "--as", "bad/name x"])
    XCTAssertNotEqual(trainStatus, 0)
    XCTAssertTrue(train.hasPrefix(bad), train)
    let (finetune, finetuneStatus) = try Binary.run(["finetune", "--model", "net1", "--as", "net3"])
    XCTAssertNotEqual(finetuneStatus, 0)
    XCTAssertTrue(
      finetune.hasPrefix("error: net3 is a shipped model's name; pick another, e.g. my-net3"),
      finetune)
  }

  /// Issue 18: a command that works on one model takes it as an argument or as --model, and
  /// every such command has the same default.
  func testOneWayToNameAModel() throws {
    let (positional, status) = try Binary.run(["eval", "net1", "--json"])
    XCTAssertEqual(status, 0, positional)
    XCTAssertEqual(try Binary.run(["eval", "--model", "net1", "--json"]).output, positional)
    let (twice, twiceStatus) = try Binary.run(["eval", "net1", "--model", "net2"])
    XCTAssertNotEqual(twiceStatus, 0)
    XCTAssertEqual(twice, "error: name the model once: net1 or --model net2 (see: help eval)\n")
    for command in ["about", "filters"] {
      let (output, status) = try Binary.run([command])
      XCTAssertEqual(status, 0, output)
      XCTAssertTrue(output.hasPrefix("net3"), "\(command) defaults to net3: \(output.prefix(80))")
    }
  }
}

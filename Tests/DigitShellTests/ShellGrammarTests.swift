import DigitShell
import Foundation
import XCTest

/// What a typed line means, decided before anything runs: the code the shell fuzzer
/// (Fuzz/Shell) drives, checked here on its seed lines and on the answers a learner sees.
final class ShellGrammarTests: XCTestCase {
  func testLinesSplitLikeAShell() {
    XCTAssertEqual(
      Shell.interpret(#"save-drawing my\ drawing.txt"#),
      .command(["save-drawing", "my drawing.txt"]))
    XCTAssertEqual(
      Shell.interpret(#"predict "a b.txt" 'it''s.txt'"#),
      .command(["predict", "a b.txt", "its.txt"]))
    XCTAssertEqual(Shell.interpret(#"new "mine"#), .failure("a quote is not closed"))
    XCTAssertEqual(Shell.interpret("   # a comment"), .nothing)
    XCTAssertEqual(Shell.interpret("help train"), .help("train"))
    XCTAssertEqual(Shell.interpret("exit"), .quit)
    XCTAssertEqual(Shell.interpret("?"), .help(nil))
    XCTAssertEqual(
      Shell.interpret("test"),
      .failure(
        "test is a heading in help, not a command; its commands: eval, predict, confusion, filters, activations (help eval tells what one does)"
      ))
    XCTAssertEqual(Shell.interpret("train --net net1"), .command(["train", "--net", "net1"]))
    XCTAssertEqual(
      Shell.interpret("back"),
      .failure("back works inside a lesson; start one with: lesson N (lessons lists them)"))
  }

  func testMistakesGetOneLineWithAHint() {
    XCTAssertEqual(
      failure(["trian", "--net", "net1"]),
      "unknown command 'trian' (did you mean train?); type help for the list")
    XCTAssertEqual(
      failure(["evaluate"]),
      "unknown command 'evaluate' (did you mean eval?); type help for the list")
    XCTAssertEqual(
      failure(["train", "--net", "net4"]),
      "--net must be net1, net2 or net3, not net4 (did you mean net1?) (see: help train)")
    XCTAssertEqual(
      failure(["train", "--net", "net1", "--epochs", "two"]),
      "The value 'two' is invalid for '--epochs <epochs>' (see: help train)")
  }

  /// `list`, `man`, `q`: words from other shells get DigitLab's command, not the nearest spelling.
  func testWordsFromOtherShellsPointToTheDigitLabCommand() throws {
    let (output, _) = try Binary.run([], input: "list\nman train\nq\nhelp ls\n")
    XCTAssertTrue(
      output.contains("unknown command 'list' (did you mean lessons or models?)"), output)
    XCTAssertTrue(output.contains("unknown command 'man' (did you mean help?)"), output)
    XCTAssertTrue(output.contains("unknown command 'q' (did you mean quit?)"), output)
    XCTAssertTrue(output.contains("no command 'ls' (did you mean lessons or models?)"), output)
  }

  /// `lessons 3` is an easy slip for `lesson 3`: it opens the lesson instead of an error.
  func testLessonsWithANumberOpensThatLesson() throws {
    let (output, _) = try Binary.run([], input: "lessons 3\n")
    XCTAssertTrue(output.contains("Net1, layer by layer"), output)
    XCTAssertFalse(output.contains("error"), output)
  }

  func testTabCompletesCommandsThenOptions() {
    XCTAssertEqual(Completion.matches(for: "tr", in: "tr", at: 0).words, ["train"])
    XCTAssertFalse(Completion.matches(for: "tr", in: "tr", at: 0).filesToo)
    let options = Completion.matches(for: "--ep", in: "train --ep", at: 6)
    XCTAssertEqual(options.words, ["--epochs"])
    XCTAssertTrue(options.filesToo)
    // A start inside a character or beyond the line is no crash.
    XCTAssertEqual(
      Completion.matches(for: "", in: "é", at: 1).words,
      Completion.matches(for: "", in: "", at: 0).words)
    XCTAssertFalse(Completion.matches(for: "", in: "train", at: 99).words.isEmpty)
    // After `lesson`, lessons and not models; after `eval --model`, models and not lessons.
    let lesson = Completion.matches(for: "", in: "lesson ", at: 7, sessionModels: ["mine"]).words
    XCTAssertTrue(lesson.contains("3") && lesson.contains("03-net1-layer-by-layer"), "\(lesson)")
    XCTAssertFalse(lesson.contains("mine") || lesson.contains("net3"), "\(lesson)")
    let model = Completion.matches(for: "", in: "eval --model ", at: 13, sessionModels: ["mine"])
      .words
    XCTAssertTrue(model.contains("mine") && model.contains("net3"), "\(model)")
    XCTAssertFalse(model.contains("03-net1-layer-by-layer"), "\(model)")
  }

  /// Every seed line of the fuzzer parses to a command or a one-line error.
  func testFuzzSeedsParseToACommandOrOneLine() throws {
    let folder = Binary.repository.appendingPathComponent("Fuzz/Corpus/shell")
    let seeds = try FileManager.default.contentsOfDirectory(
      at: folder, includingPropertiesForKeys: nil)
    XCTAssertGreaterThanOrEqual(seeds.count, 12)
    for seed in seeds {
      let text = try String(contentsOf: seed, encoding: .utf8)
      for line in text.split(separator: "\n") {
        switch Shell.interpret(String(line)) {
        case .command(let words):
          if case .failure(let message, _) = CommandRunner.parse(words) {
            XCTAssertFalse(
              message.isEmpty || message.contains("\n"), "\(seed.lastPathComponent): \(message)")
          }
        case .failure(let message): XCTAssertFalse(message.contains("\n"))
        default: break
        }
      }
    }
  }

  private func failure(_ words: [String]) -> String? {
    guard case .failure(let message, _) = CommandRunner.parse(words) else { return nil }
    return message
  }
}

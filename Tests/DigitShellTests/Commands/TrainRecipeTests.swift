import Foundation
import XCTest

/// `train --recipe`, `--lr-schedule onecycle`, `--until`, `--augment-people` and a bare
/// `--watch`, as a learner types them (issue 20 and 21).
final class TrainRecipeTests: XCTestCase {
  /// The fast recipe: batch 64, Adam at 0.003 with one cycle; a flag the learner gives wins.
  func testFastRecipeSettingsAndAFlagThatWins() throws {
    let home = Binary.temporaryHome()
    let run = try Binary.run(
      [
        "train", "--net", "net1", "--recipe", "fast", "--epochs", "1", "--limit", "640",
        "--test-limit", "200",
      ], home: home)
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertTrue(
      run.output.contains("for 1 epoch, batch 64, adam lr 0.003 at its peak (one cycle)"),
      run.output)
    let about = try Binary.run(
      ["about", "--model", home.appendingPathComponent("last.safetensors").path], home: home)
    XCTAssertTrue(about.output.contains("one-cycle learning rate"), about.output)
    XCTAssertTrue(about.output.contains("recipe fast"), about.output)
  }

  /// For Net3 the fast recipe is 2 epochs with dropout 0.25, stopping at 99.3%; the header
  /// says so, and `--dropout` given wins.
  func testFastRecipeForNet3SaysItsDropout() throws {
    let home = Binary.temporaryHome()
    let run = try Binary.run(
      [
        "train", "--net", "net3", "--recipe", "fast", "--limit", "128", "--test-limit", "50",
      ], home: home)
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertTrue(
      run.output.contains(
        "for 2 epochs, batch 64, adam lr 0.003 at its peak (one cycle), dropout 0.25, stopping at 99.3%"
      ),
      run.output)
    let about = try Binary.run(
      ["about", "--model", home.appendingPathComponent("last.safetensors").path], home: home)
    XCTAssertTrue(about.output.contains("dropout 0.25"), about.output)
    let mine = try Binary.run(
      [
        "train", "--net", "net3", "--recipe", "fast", "--limit", "64", "--test-limit", "50",
        "--epochs", "1", "--dropout", "0.5",
      ], home: home)
    XCTAssertTrue(mine.output.contains("(one cycle), dropout 0.5, stopping"), mine.output)
  }

  /// `--until 50`: stops after the first epoch at or above 50% and says so.
  func testUntilStopsAndSaysWhere() throws {
    let run = try Binary.run([
      "train", "--net", "net2", "--epochs", "6", "--limit", "1000", "--test-limit", "200",
      "--until", "50",
    ])
    XCTAssertEqual(run.status, 0, run.output)
    XCTAssertTrue(run.output.contains("test accuracy after epoch"), run.output)
    XCTAssertFalse(run.output.contains("epoch 6"), run.output)
  }

  /// Bad values get one line naming the flag, and nothing trains.
  func testBadValuesSayWhichFlag() throws {
    let until = try Binary.run(["train", "--net", "net1", "--until", "120"])
    XCTAssertNotEqual(until.status, 0)
    XCTAssertTrue(until.output.contains("--until must be a test accuracy in percent"), until.output)
    let both = try Binary.run([
      "train", "--net", "net1", "--lr-decay", "0.9", "--lr-schedule", "onecycle",
    ])
    XCTAssertTrue(both.output.contains("--lr-decay cannot be combined"), both.output)
    let recipe = try Binary.run(["train", "--net", "net1", "--recipe", "quick"])
    XCTAssertNotEqual(recipe.status, 0)
    XCTAssertTrue(recipe.output.contains("quick"), recipe.output)
    XCTAssertFalse(recipe.output.contains("Training"), recipe.output)
  }

  /// `--watch` alone watches people's handwriting; `--watch validation` names a set.
  func testBareWatchIsTheHandwritingSet() throws {
    let count = try FileManager.default.contentsOfDirectory(
      atPath: HandwritingSetTests.folder.path
    ).filter { $0.hasSuffix(".txt") }.count
    let bare = try Binary.run([
      "train", "--net", "net1", "--epochs", "1", "--limit", "300", "--test-limit", "100",
      "--watch", "--augment-people",
    ])
    XCTAssertEqual(bare.status, 0, bare.output)
    XCTAssertTrue(bare.output.contains("scoring \(count) drawings after each epoch"), bare.output)
    XCTAssertTrue(bare.output.contains("the ways people write"), bare.output)
    let named = try Binary.run([
      "train", "--net", "net1", "--epochs", "1", "--limit", "300", "--test-limit", "100",
      "--watch", "validation",
    ])
    XCTAssertTrue(named.output.contains("scoring 386 drawings after each epoch"), named.output)
  }
}

import Foundation
import XCTest

/// Every view that remembers a model's answers (`confusion`, `show --wrong`, `why`) answers
/// for the model as it is now: after `train`, `load`, `pop` + `add`, and `finetune`.
final class FreshAnswersTests: XCTestCase {
  /// The lines of `output` that start with `prefix`, in order.
  func lines(_ output: String, startingWith prefix: String) -> [String] {
    output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
  }

  /// `confusion` and `show --wrong` once before and once after `change`; both must differ.
  func assertViewsChange(
    after change: String, setUp: String = "", file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    let views = "confusion --model m\nshow --model m --wrong --scale 4\n"
    let (output, status) = try Binary.run(
      input: """
        new m --from net1
        \(setUp)
        \(views)
        \(change)
        \(views)
        """)
    XCTAssertEqual(status, 0, output, file: file, line: line)
    let correct = lines(output, startingWith: "Correct:")
    let wrong = lines(output, startingWith: "Test set, all digits that m gets wrong")
    XCTAssertEqual(correct.count, 2, output, file: file, line: line)
    XCTAssertEqual(wrong.count, 2, output, file: file, line: line)
    XCTAssertNotEqual(
      correct.first, correct.last, "confusion is stale after: \(change)", file: file, line: line)
    XCTAssertNotEqual(
      wrong.first, wrong.last, "show --wrong is stale after: \(change)", file: file, line: line)
  }

  func testViewsReflectTraining() throws {
    try assertViewsChange(after: "train m --epochs 1 --limit 3000 --test-limit 500")
  }

  func testViewsReflectALoadedModelUnderTheSameName() throws {
    try assertViewsChange(after: "load m Data/models/net1.safetensors")
  }

  func testViewsReflectPoppedAndReplacedLayers() throws {
    try assertViewsChange(after: "pop m\npop m\nadd m linear 10\nadd m logsoftmax")
  }

  func testViewsReflectFinetuning() throws {
    try assertViewsChange(
      after: "finetune --model m --as m --epochs 1 --mnist 2000",
      setUp: "draw --load Data/drawings/7-plain.txt --model net1\nkeep 7")
  }

  /// `why` reads the training set through the model once and keeps it; after training, the
  /// look-alikes it shows come from the trained model.
  func testWhyReflectsTraining() throws {
    let (output, status) = try Binary.run(
      input: """
        new m --from net1
        draw --load Data/drawings/9-looks-like-7.txt --model net1
        why --model m
        train m --epochs 1 --limit 3000 --test-limit 500
        why --model m
        """)
    XCTAssertEqual(status, 0, output)
    let reading = lines(output, startingWith: "Reading the 60000 training images through m")
    XCTAssertEqual(reading.count, 2, "the trained model is read again: \(output)")
  }
}

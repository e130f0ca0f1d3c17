import DigitShell
import LessonKit
import XCTest

/// Issue 18: lesson remarks, check results and the closing line ran past the terminal's edge.
final class LessonViewTests: XCTestCase {
  private let long =
    "`train --net net3 --epochs 5 --batch 16 --out mine.safetensors` failed. Type again to rerun the cell, or press Enter to go on."

  private var outputs: [LessonOutput] {
    let check = ExerciseCheck(
      fact: "model a-very-long-model-name-indeed layers", op: .atLeast, value: "3")
    let result = ExerciseResult(outcomes: [
      CheckOutcome(check: check, actual: "1", passed: false),
      CheckOutcome(
        check: ExerciseCheck(fact: String(repeating: "x", count: 120), op: .equal, value: "1"),
        actual: "1", passed: true),
    ])
    return [
      .heading(long), .prose(long), .exerciseAsk(long), .hint(long), .info(long),
      .checkResult(result),
      .finished(
        "You finished Lesson 11: MNIST accuracy is not handwriting accuracy, and every exercise in it."
      ),
    ]
  }

  func testEveryLineFitsTheWidth() {
    for width in [80, 40] {
      for output in outputs {
        for line in LessonView.render(output, width: width, rich: false).split(separator: "\n") {
          XCTAssertLessThanOrEqual(line.count, width, "\(output) at \(width): \(line)")
        }
      }
    }
  }

  func testWrappedRemarksHangUnderTheirText() {
    XCTAssertEqual(
      LessonView.render(.info(long), width: 80, rich: false),
      """
      (`train --net net3 --epochs 5 --batch 16 --out mine.safetensors` failed. Type
       again to rerun the cell, or press Enter to go on.)
      """)
    let check = ExerciseCheck(
      fact: "model a-very-long-model-name-indeed layers", op: .atLeast, value: "3")
    let result = ExerciseResult(outcomes: [CheckOutcome(check: check, actual: "1", passed: false)])
    XCTAssertEqual(
      LessonView.render(.checkResult(result), width: 40, rich: false),
      """
        not yet: model
                 a-very-long-model-name-indeed
                 layers is 1, expected at
                 least 3
      """)
    XCTAssertEqual(
      LessonView.render(.info("Resuming at step 3 of 11."), width: 80, rich: false),
      "(Resuming at step 3 of 11.)")
  }
}

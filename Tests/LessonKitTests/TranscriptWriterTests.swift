import LessonKit
import XCTest

final class TranscriptWriterTests: XCTestCase {
  func testProseCellsAndOutputs() {
    var transcript = TranscriptWriter()
    transcript.add(.heading("Net1 layer by layer"))
    transcript.add(.prose("A **Linear** layer.\nTwo lines."))
    transcript.add(command: "new mine", output: "created model mine\n\n")
    transcript.add(.command("show mine"))
    transcript.addOutput("\u{1B}[1mmine\u{1B}[22m: 0 layers\r\n")
    transcript.add(.command("pop mine"))
    transcript.add(.info("Step 4 of 17"))
    XCTAssertEqual(
      transcript.markdown,
      """
      # Net1 layer by layer

      A **Linear** layer.
      Two lines.

      ```digitlab
      new mine
      ```

      ```
      created model mine
      ```

      ```digitlab
      show mine
      ```

      ```
      mine: 0 layers
      ```

      ```digitlab
      pop mine
      ```

      > Step 4 of 17

      """)
  }

  func testExercisesAndBacktickHeavyOutput() {
    var transcript = TranscriptWriter()
    transcript.add(.exerciseAsk("Make mine."))
    transcript.add(command: "new mine", output: "use ```fences``` freely")
    let check = ExerciseCheck(fact: "model mine layers", op: .equal, value: "3")
    transcript.add(
      .checkResult(
        ExerciseResult(outcomes: [
          CheckOutcome(check: check, actual: "3", passed: true),
          CheckOutcome(check: check, actual: "2", passed: false),
        ])))
    transcript.add(.hint("Use add."))
    transcript.add(.finished("You finished Lesson 3: Net1."))
    XCTAssertEqual(
      transcript.markdown,
      """
      **Exercise:** Make mine.

      ```digitlab
      new mine
      ```

      ````
      use ```fences``` freely
      ````

      - passed: model mine layers is 3
      - failed: model mine layers is 2, expected 3

      **Hint:** Use add.

      **You finished Lesson 3: Net1.**

      """)
  }

  func testEmpty() {
    XCTAssertEqual(TranscriptWriter().markdown, "")
  }
}

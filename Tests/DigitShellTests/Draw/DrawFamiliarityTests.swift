import DigitKit
import DigitShell
import XCTest

/// The editor's familiarity line: under the pictures, one line that says whether the net has
/// seen anything like the drawing, within the 80×24 layout.
final class DrawFamiliarityTests: XCTestCase {
  func nineEditor() -> DrawEditor {
    var editor = DrawEditor()
    for key: EditorKey in [.up, .up, .togglePen, .right, .right, .down, .down, .down, .down] {
      _ = editor.handle(key)
    }
    return editor
  }

  func sureNine(_ familiarity: Familiarity?, note: String? = nil) -> DrawView {
    var p = [Double](repeating: 0.001, count: 10)
    p[9] = 0.991
    return DrawView(
      modelName: "net3", probabilities: p, seen: nineEditor().canvas, familiarity: familiarity,
      familiarityNote: note)
  }

  func testANeverSeenDrawingIsSaidInOneLineAtEightyByTwentyFour() {
    let never = Familiarity(score: 0.62, percentile: 0.4, verdict: .unlike)
    let text = DrawScreen.render(
      nineEditor(), view: sureNine(never), width: 80, height: 24, rich: false)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    XCTAssertLessThanOrEqual(lines.count, 24, text)
    XCTAssertTrue(lines.allSatisfy { $0.count <= 80 }, text)
    let line = lines.first { $0.contains("familiarity") }
    XCTAssertEqual(
      line.map(String.init),
      "99% sure, but it has never seen a 9 like this | familiarity 0.620", text)
    XCTAssertTrue(text.contains("Esc leave"), "the help is still there: \(text)")
    // A wider window has room for where it falls among MNIST test digits.
    let wide = DrawScreen.render(
      nineEditor(), view: sureNine(never), width: 120, height: 40, rich: false)
    XCTAssertTrue(wide.contains("familiarity 0.620, lowest 0.4% of MNIST"), wide)
  }

  func testTheLineShowsTheFirstReadingAndStaysEmptyForABlankCanvas() {
    let reading = "familiarity: reading net3's training digits, 12,000 of 61,000..."
    let text = DrawScreen.render(
      nineEditor(), view: sureNine(nil, note: reading), width: 80, height: 24, rich: false)
    XCTAssertTrue(text.contains(reading), text)
    let blank = DrawScreen.render(
      DrawEditor(), view: DrawView(modelName: "net3"), width: 80, height: 24, rich: false)
    XCTAssertFalse(blank.contains("familiarity"), blank)
  }

  /// The real editor: the gauge is read while the learner draws, then the line appears.
  func testTheEditorMeasuresTheDrawingOnceTheGaugeIsRead() throws {
    let result = try Pty.run([
      .init("draw --new --model net1\r", until: "your drawing"),
      .init("KKHhh-LLL-BBJJj-", until: "Most likely"),
      .init("", until: "like this", timeout: 120),
      .init("<Esc>", until: "not kept"),
    ])
    XCTAssertEqual(result.timedOut, [], result.screens.joined(separator: "\n----\n"))
    let editor = result.screens[2]
    XCTAssertNotNil(
      editor.range(
        of: "[0-9]+% sure, (and|but|though) it has .* familiarity [01]\\.[0-9]{3}",
        options: .regularExpression), editor)
  }
}

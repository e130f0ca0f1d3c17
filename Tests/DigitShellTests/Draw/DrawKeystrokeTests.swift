import DigitKit
import DigitShell
import Foundation
import XCTest

/// How many keys a typical 7 and 9 take (issue 18): each is typed three ways, as bytes a
/// terminal sends, through `KeyDecoder` into `DrawEditor`, and net3 must read every result
/// as the digit meant. Counts include the final Enter.
///
/// - before: the old editor's keys, h j k l and space only: the shortest way, with every
///   slanted stroke a staircase;
/// - diagonals: y u b n for the slants, still one cell a key;
/// - after: Shift+letters jump 4 cells with the pen up, and `-` inks the straight line from
///   the last point, so each stroke costs the keys to reach its end plus one.
///
/// Both digits start from the cursor in the middle (14, 14) on the soft brush. The 7 is the
/// polyline (8,6) (20,6) (12,23); the 9 starts on the loop's right side and goes round it
/// anticlockwise: (18,11) (18,7) (16,5) (12,5) (10,7) (10,11) (12,13) (16,13) (18,11), then
/// down the stem to (18,23).
final class DrawKeystrokeTests: XCTestCase {
  static let sevenBefore =
    "hkhkkhkhkhkkhk" + " " + "llllllllllll" + "jhjjhjjhjjhjjhjjhjjhjjhjj" + "\r"
  static let sevenDiagonals = "yykyyyky" + " " + "llllllllllll" + "jbjbjbjbjbjbjbjbj" + "\r"
  static let sevenAfter = "KKHhh-" + "LLL-" + "BBJJj-" + "\r"

  static let nineBefore =
    "lklkllk" + " " + "kkkk" + "hkhk" + "hhhh" + "hjhj" + "jjjj" + "ljlj" + "llll" + "lklk"
    + "jjjjjjjjjjjj" + "\r"
  static let nineDiagonals =
    "uulu" + " " + "kkkk" + "yy" + "hhhh" + "bb" + "jjjj" + "nn" + "llll" + "uu" + "jjjjjjjjjjjj"
    + "\r"
  static let nineAfter =
    "uuul-" + "K-" + "yy-" + "H-" + "bb-" + "J-" + "nn-" + "L-" + "uu-" + "JJJ-" + "\r"

  /// The editor after `keys`, typed as one burst of bytes; fails unless the last key keeps.
  func typed(_ keys: String, file: StaticString = #filePath, line: UInt = #line) -> DrawEditor {
    var decoder = KeyDecoder()
    var editor = DrawEditor()
    var action = EditorAction.continue
    for key in decoder.feed(Array(keys.utf8)) + decoder.flush() {
      XCTAssertEqual(action, .continue, "keys after Enter", file: file, line: line)
      action = editor.handle(key)
    }
    XCTAssertEqual(action, .keep, "ends with Enter", file: file, line: line)
    return editor
  }

  /// The digit the shipped net3 reads in a drawing, made MNIST-like first as `predict` does.
  func reading(_ editor: DrawEditor) throws -> Int {
    let model = try Model.load(
      contentsOf: Binary.repository.appendingPathComponent("Data/models/net3.safetensors")
    ).model
    let logProbabilities = model.forward(
      Preprocess.tensor(try Preprocess.mnistImage(editor.drawing)), training: false
    ).data
    return logProbabilities.indices.max { logProbabilities[$0] < logProbabilities[$1] } ?? -1
  }

  func assertDraws(
    _ digit: Int, before: String, diagonals: String, after: String,
    counts: (before: Int, diagonals: Int, after: Int), file: StaticString = #filePath,
    line: UInt = #line
  ) throws {
    for (name, keys) in [("before", before), ("diagonals", diagonals), ("after", after)] {
      XCTAssertEqual(try reading(typed(keys)), digit, "\(name): \(keys)", file: file, line: line)
    }
    XCTAssertEqual(
      typed(after).canvas, typed(diagonals).canvas,
      "a line inks exactly the cells that diagonal moves with the pen down do",
      file: file, line: line)
    XCTAssertEqual(before.count, counts.before, "keys before", file: file, line: line)
    XCTAssertEqual(diagonals.count, counts.diagonals, "keys with diagonals", file: file, line: line)
    XCTAssertEqual(after.count, counts.after, "keys after", file: file, line: line)
  }

  func testASevenTakes17KeysInsteadOf53() throws {
    try assertDraws(
      7, before: Self.sevenBefore, diagonals: Self.sevenDiagonals, after: Self.sevenAfter,
      counts: (53, 39, 17))
  }

  func testANineTakes30KeysInsteadOf53() throws {
    try assertDraws(
      9, before: Self.nineBefore, diagonals: Self.nineDiagonals, after: Self.nineAfter,
      counts: (53, 42, 30))
  }
}

import DigitKit
import Foundation
import XCTest

/// `draw`, `save-drawing` and `random` run as the real binary with piped input (no terminal).
final class DrawCommandTests: XCTestCase {
  func drawingText(_ name: String) throws -> String {
    try String(
      contentsOf: Binary.repository.appendingPathComponent("Data/drawings/\(name)"), encoding: .utf8
    )
  }

  func temporaryFile(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent(
      "digitlab-draw-\(UUID().uuidString)-\(name)")
  }

  func testDrawLoadWithoutATerminalLoadsPrintsAndPredicts() throws {
    let (output, status) = try Binary.run([
      "draw", "--load", "Data/drawings/9-plain.txt", "--model", "net1",
    ])
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(
      output.hasPrefix("Loaded Data/drawings/9-plain.txt (28×28) as the current drawing:\n"), output
    )
    XCTAssertTrue(output.contains(try drawingText("9-plain.txt")), output)
    XCTAssertTrue(output.contains("Data/drawings/9-plain.txt, model net1"), output)
    XCTAssertTrue(output.contains("Most likely: "), output)
  }

  func testDrawWithoutATerminalOrAFileFailsInOneLine() throws {
    let (output, status) = try Binary.run(["draw"])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(
      output,
      "error: draw needs a terminal; in scripts load a drawing with: draw --load FILE (see: help draw)\n"
    )
  }

  func testABadDrawingFileNamesTheLineAndColumn() throws {
    let bad = temporaryFile("bad.txt")
    try "..#\n.#\n".write(to: bad, atomically: true, encoding: .utf8)
    let (output, status) = try Binary.run(["draw", "--load", bad.path, "--model", "net1"])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(output.split(separator: "\n").count, 1, output)
    XCTAssertTrue(output.contains("line 2, column 3"), output)
  }

  func testSaveDrawingWritesTheCurrentDrawing() throws {
    let saved = temporaryFile("three.txt")
    let (output, status) = try Binary.run(
      input: """
        draw --load Data/drawings/3-looks-like-2.txt --model net1
        save-drawing \(saved.path)
        """)
    XCTAssertEqual(status, 0, output)
    XCTAssertTrue(output.contains("Saved the drawing (28×28) to \(saved.path)."), output)
    XCTAssertEqual(
      try String(contentsOf: saved, encoding: .utf8), try drawingText("3-looks-like-2.txt"))
  }

  func testSaveDrawingWithoutADrawingSaysHowToMakeOne() throws {
    let (output, status) = try Binary.run(["save-drawing", temporaryFile("none.txt").path])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(
      output,
      "error: no current drawing yet; make one with draw, random or draw --load FILE (see: help save-drawing)\n"
    )
  }

  func testRandomShowsALabelledTestImageThatBecomesTheDrawing() throws {
    let saved = temporaryFile("random.txt")
    let script = "random --seed 3 --model net1\nsave-drawing \(saved.path)\n"
    let (output, status) = try Binary.run(input: script)
    XCTAssertEqual(status, 0, output)
    XCTAssertNotNil(
      output.range(of: "MNIST test image [0-9]+, labelled [0-9]:", options: .regularExpression),
      output)
    XCTAssertTrue(output.contains("Most likely: "), output)
    XCTAssertTrue(output.contains("net1 is "), output)
    let drawing = try Drawing(contentsOf: saved)
    XCTAssertEqual(drawing.width, 28)
    XCTAssertFalse(drawing.isBlank)
    XCTAssertEqual(try Binary.run(input: script).output, output, "the same seed, the same image")
  }
}

import DigitKit
import DigitShell
import Foundation
import XCTest

/// `Data/drawings/validation`: every file parses and has ink, every digit has at least 30
/// drawings (300 in all), and the drawn ones are what their recipes draw in the editor.
/// The typed grids (`LABEL-typed-….txt`) were written by hand and have no recipe.
/// To redraw the recipe files after changing a recipe or the editor:
/// `DIGITLAB_WRITE_VALIDATION=$PWD/Data/drawings/validation swift test … --filter ValidationSetTests`.
final class ValidationSetTests: XCTestCase {
  static let folder = DrawingFilesTests.folder.appendingPathComponent("validation")

  func drawingFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
      $0.hasSuffix(".txt")
    }.sorted()
  }

  static func isTyped(_ file: String) -> Bool { file.dropFirst().hasPrefix("-typed-") }

  func testEveryFileParsesIsInkedAndLabelled() throws {
    let files = try drawingFiles()
    var perDigit = [Int](repeating: 0, count: 10)
    for file in files {
      let drawing = try Drawing(contentsOf: Self.folder.appendingPathComponent(file))
      XCTAssertFalse(drawing.isBlank, file)
      XCTAssertNoThrow(try Preprocess.mnistImage(drawing), file)
      XCTAssertNotNil(
        file.range(of: "^[0-9]-[a-z0-9-]+\\.txt$", options: .regularExpression),
        "\(file): name it LABEL-description.txt")
      if let label = file.first?.wholeNumberValue { perDigit[label] += 1 }
    }
    XCTAssertGreaterThanOrEqual(files.count, 300)
    for digit in 0...9 { XCTAssertGreaterThanOrEqual(perDigit[digit], 30, "drawings of \(digit)") }
    // The folder is what `eval --drawings` and `train --watch` read: all of it counts.
    let set = try LabelledDrawings(directory: Self.folder)
    XCTAssertEqual(set.count, files.count)
  }

  func testTypedGridsAreHandTypedHashGrids() throws {
    let typed = try drawingFiles().filter(Self.isTyped)
    XCTAssertGreaterThanOrEqual(typed.count, 20)
    XCTAssertEqual(
      Set(typed.compactMap { $0.first }), Set("0123456789"), "every digit has a typed grid")
    for file in typed {
      let text = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
      XCTAssertTrue(
        text.allSatisfy { $0 == "#" || $0 == "." || $0 == "\n" },
        "\(file): typed grids are # and . only")
    }
  }

  func testTheFilesAreWhatTheRecipesDraw() throws {
    let recipes = ValidationRecipes.all
    XCTAssertEqual(Set(recipes.map(\.name)).count, recipes.count, "recipe names are unique")
    if let target = ProcessInfo.processInfo.environment["DIGITLAB_WRITE_VALIDATION"],
      !target.isEmpty
    {
      for recipe in recipes {
        try AtomicFile.write(
          recipe.drawing.text,
          to: URL(fileURLWithPath: target).appendingPathComponent(recipe.name + ".txt"))
      }
    }
    let drawn = try drawingFiles().filter { !Self.isTyped($0) }
    XCTAssertEqual(Set(drawn), Set(recipes.map { $0.name + ".txt" }))
    for recipe in recipes {
      let stored = try Drawing(contentsOf: Self.folder.appendingPathComponent(recipe.name + ".txt"))
      XCTAssertEqual(
        stored.text, recipe.drawing.text, "\(recipe.name): the file differs from its recipe")
    }
  }

  func testTheVariationIsThere() {
    let names = ValidationRecipes.all.map(\.name)
    for digit in 0...9 {
      let mine = names.filter { $0.hasPrefix("\(digit)-") }
      for transform in ValidationTransform.allCases {
        XCTAssertTrue(
          mine.contains { $0.contains("-\(transform.rawValue)-") }, "\(digit) \(transform.rawValue)"
        )
      }
      for pen in ValidationPen.allCases {
        XCTAssertTrue(
          mine.contains { $0.hasSuffix("-\(pen.rawValue)") }, "\(digit) \(pen.rawValue)")
      }
    }
    for style in [
      "7-plain", "7-crossbar", "1-stick", "1-flag", "1-flag-base", "1-base", "4-open", "4-closed",
      "9-straight", "9-curl",
    ] {
      XCTAssertTrue(names.contains { $0.hasPrefix(style + "-") }, style)
    }
  }
}

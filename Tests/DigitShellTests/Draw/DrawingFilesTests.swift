import DigitKit
import DigitShell
import Foundation
import XCTest

/// `Data/drawings`: every file parses, and each is what its recipe draws in the editor.
/// To redraw them after changing a recipe or the editor:
/// `DIGITLAB_WRITE_DRAWINGS=Data/drawings swift test … --filter DrawingFilesTests`.
final class DrawingFilesTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Data/drawings")

  func drawingFiles() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
      $0.hasSuffix(".txt")
    }.sorted()
  }

  func testEveryDrawingFileParsesAndIsLabelled() throws {
    let files = try drawingFiles()
    XCTAssertGreaterThanOrEqual(files.count, 24)
    var labels = Set<Character>()
    for file in files {
      let drawing = try Drawing(contentsOf: Self.folder.appendingPathComponent(file))
      XCTAssertEqual(drawing.width, 28, file)
      XCTAssertEqual(drawing.height, 28, file)
      XCTAssertFalse(drawing.isBlank, file)
      XCTAssertNoThrow(try Preprocess.mnistImage(drawing), file)
      XCTAssertNotNil(
        file.range(of: "^[0-9]-[a-z0-9-]+\\.txt$", options: .regularExpression),
        "\(file): name it LABEL-description.txt")
      if let label = file.first { labels.insert(label) }
    }
    XCTAssertEqual(labels, Set("0123456789"), "every digit has a drawing")
    for lookAlike in [
      "9-looks-like-7.txt", "3-looks-like-2.txt", "4-open-vs-9.txt", "1-vs-7-flag.txt",
    ] {
      XCTAssertTrue(files.contains(lookAlike), lookAlike)
    }
  }

  func testTheFilesAreWhatTheRecipesDraw() throws {
    if let target = ProcessInfo.processInfo.environment["DIGITLAB_WRITE_DRAWINGS"], !target.isEmpty
    {
      for recipe in DrawingRecipes.all {
        try AtomicFile.write(
          recipe.drawing.text,
          to: URL(fileURLWithPath: target).appendingPathComponent(recipe.name + ".txt"))
      }
    }
    XCTAssertEqual(Set(try drawingFiles()), Set(DrawingRecipes.all.map { $0.name + ".txt" }))
    for recipe in DrawingRecipes.all {
      let stored = try Drawing(contentsOf: Self.folder.appendingPathComponent(recipe.name + ".txt"))
      XCTAssertEqual(
        stored.text, recipe.drawing.text, "\(recipe.name): the file differs from its recipe")
    }
  }
}

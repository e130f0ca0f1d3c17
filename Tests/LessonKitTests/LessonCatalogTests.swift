import Foundation
import LessonKit
import XCTest

final class LessonCatalogTests: XCTestCase {
  private func catalog() throws -> LessonCatalog {
    let folder = try temporaryFolder(self)
    let files = [
      "10-your-handwriting.md": "# Teach it your handwriting\n",
      "02-mnist.md": "```text\n# not a title\n```\n# Meet MNIST\n",
      "01-welcome.md": "Intro without a title.\n",
      "03-net1.md": "# Net1 layer by layer\n",
      "04-net2.md": "# Convolutions and Net2\n\n```digitlab\nnew a\n",
      "notes.md": "# Not a lesson\n",
      "README.txt": "no",
    ]
    for (name, text) in files {
      try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("05-folder.md"), withIntermediateDirectories: true)
    return try LessonCatalog(directory: folder)
  }

  func testListsNumberedLessonsInOrder() throws {
    let catalog = try catalog()
    XCTAssertEqual(
      catalog.entries.map(\.id),
      ["01-welcome", "02-mnist", "03-net1", "04-net2", "10-your-handwriting"])
    XCTAssertEqual(catalog.entries.map(\.number), [1, 2, 3, 4, 10])
    XCTAssertEqual(
      catalog.entries.map(\.title),
      [
        "01-welcome", "Meet MNIST", "Net1 layer by layer", "Convolutions and Net2",
        "Teach it your handwriting",
      ])
    XCTAssertEqual(catalog.entries.map(\.stepCount), [1, 1, 0, nil, 0])
    XCTAssertEqual(
      catalog.entries[3].problem?.description,
      "04-net2.md:3: unclosed ``` fence (no closing ``` before the end of the file)")
  }

  func testFindsByNumberIdOrFragment() throws {
    let catalog = try catalog()
    XCTAssertEqual(try catalog.find("3").id, "03-net1")
    XCTAssertEqual(try catalog.find("03").id, "03-net1")
    XCTAssertEqual(try catalog.find("04-NET2").id, "04-net2")
    XCTAssertEqual(try catalog.find("mnist").id, "02-mnist")
    XCTAssertEqual(try catalog.find("handwriting").id, "10-your-handwriting")
    XCTAssertEqual(try catalog.find("convolutions").id, "04-net2")
    XCTAssertEqual(
      lessonError(try catalog.find("net"))?.description,
      "`net` matches several lessons: 03-net1, 04-net2")
    XCTAssertEqual(
      lessonError(try catalog.find("7"))?.description, "no lesson 7 (they run from 1 to 10)")
    XCTAssertEqual(lessonError(try catalog.find("zebra"))?.description, "no lesson matches `zebra`")
    XCTAssertNotNil(lessonError(try catalog.find(" ")))
    XCTAssertEqual(try catalog.load(try catalog.find("3")).title, "Net1 layer by layer")
  }

  func testMissingFolder() {
    let missing = URL(fileURLWithPath: "/nonexistent/lessons")
    XCTAssertEqual(
      lessonError(try LessonCatalog(directory: missing))?.description,
      "/nonexistent/lessons: cannot read the lessons folder")
  }
}

import Foundation
import LessonKit
import XCTest

final class LessonTests: XCTestCase {
  func testSplitsProseCellsAndExercises() throws {
    let lesson = try Lesson(markdown: sampleMarkdown, id: "03-net1")
    XCTAssertEqual(lesson.id, "03-net1")
    XCTAssertEqual(lesson.number, 3)
    XCTAssertEqual(lesson.title, "Test lesson")
    XCTAssertEqual(lesson.fileName, "03-net1.md")
    XCTAssertEqual(
      lesson.steps,
      [
        .prose("Intro paragraph."),
        .cell(["new mine", "add linear 784 10"]),
        .prose("## Exercise time"),
        .exercise(
          Exercise(
            ask: "Add a second layer.",
            checks: [ExerciseCheck(fact: "model mine layers", op: .equal, value: "2")],
            hints: ["Use add."], solution: ["add relu"])),
        .prose("Last words."),
      ])
    XCTAssertEqual(lesson.stepLines, [3, 5, 10, 12, 19])
  }

  func testEachBlockIsOneStep() throws {
    let markdown = """
      # Title
      First paragraph
      runs on.

      - one
      - two
      > a quote
      ## Heading
      After heading.

      ```text
      kept

      whole
      ```
      <!-- a note for authors -->
      """
    let lesson = try Lesson(markdown: markdown, id: "x")
    XCTAssertEqual(
      lesson.steps,
      [
        .prose("First paragraph\nruns on."),
        .prose("- one\n- two\n> a quote"),
        .prose("## Heading"),
        .prose("After heading."),
        .prose("```text\nkept\n\nwhole\n```"),
      ])
  }

  func testCellSkipsCommentsAndBlankLines() throws {
    let markdown = "```digitlab\n# build it\n  new mine  \n\nshow mine\n```\n"
    let lesson = try Lesson(markdown: markdown, id: "01-a")
    XCTAssertEqual(lesson.steps, [.cell(["new mine", "show mine"])])
    XCTAssertEqual(lesson.title, "01-a", "no heading: the id stands in")
  }

  func testExerciseWithSeveralChecksAndSolutions() throws {
    let markdown = """
      ~~~~ digitlab-exercise
      # a comment
      ask: Make a model
      ask: named mine.
      check: model mine exists
      check: model mine inputs >= 784
      check: model mine activation == "relu"
      hint: new mine
      solution: new mine
      solution: add linear 784 10
      ~~~~
      """
    let lesson = try Lesson(markdown: markdown, id: "x")
    guard case .exercise(let exercise)? = lesson.steps.first else { return XCTFail("no exercise") }
    XCTAssertEqual(exercise.ask, "Make a model named mine.")
    XCTAssertEqual(
      exercise.checks.map(\.description),
      [
        "model mine exists", "model mine inputs >= 784", "model mine activation == relu",
      ])
    XCTAssertEqual(exercise.solution, ["new mine", "add linear 784 10"])
  }

  func testCRLFAndByteOrderMark() throws {
    let lesson = try Lesson(markdown: "\u{FEFF}# T\r\n\r\nHello\r\nworld\r\n", id: "x")
    XCTAssertEqual(lesson.title, "T")
    XCTAssertEqual(lesson.steps, [.prose("Hello\nworld")])
  }

  /// Issue 19, defect 23: every line ending reads alike, in steps, title and error lines.
  func testCRLFAndCROnlyLineEndingsReadAsLF() throws {
    let lf = try Lesson(markdown: sampleMarkdown, id: "x")
    let broken = "# T\n\n```digitlab\nnew m\n"
    let lfError = lessonError(try Lesson(markdown: broken, id: "x"))
    for ending in ["\r\n", "\r"] {
      let lesson = try Lesson(
        markdown: sampleMarkdown.replacingOccurrences(of: "\n", with: ending), id: "x")
      XCTAssertEqual(lesson.title, lf.title, ending.debugDescription)
      XCTAssertEqual(lesson.steps, lf.steps, ending.debugDescription)
      let error = lessonError(
        try Lesson(markdown: broken.replacingOccurrences(of: "\n", with: ending), id: "x"))
      XCTAssertEqual(error, lfError, ending.debugDescription)
    }
    let mixed = try Lesson(markdown: "# T\r\rone\r\n\ntwo\n\rthree", id: "x")
    XCTAssertEqual(mixed.steps, [.prose("one"), .prose("two"), .prose("three")])
    let folder = try temporaryFolder(self)
    try Data("\u{FEFF}# CR title\rtext\r".utf8).write(to: folder.appendingPathComponent("01-cr.md"))
    try Data("# CRLF title\r\ntext\r\n".utf8).write(to: folder.appendingPathComponent("02-crlf.md"))
    let catalog = try LessonCatalog(directory: folder)
    XCTAssertEqual(catalog.entries.map(\.title), ["CR title", "CRLF title"])
    XCTAssertEqual(catalog.entries.map(\.stepCount), [1, 1])
  }

  func testUnclosedFenceNamesItsLine() {
    let error = lessonError(
      try Lesson(markdown: "# T\n\nText\n\n```digitlab\nnew mine\n", id: "02-x"))
    XCTAssertEqual(error?.line, 5)
    XCTAssertEqual(
      error?.description,
      "02-x.md:5: unclosed ``` fence (no closing ``` before the end of the file)")
  }

  func testExerciseErrorsNameTheirLine() {
    func exercise(_ body: String) -> String {
      "# T\n\n```digitlab-exercise\n\(body)\n```\n"
    }
    let unknown = lessonError(try Lesson(markdown: exercise("ask: a\nanswer: 3"), id: "x"))
    XCTAssertEqual(
      unknown?.description,
      "x.md:5: unknown key `answer` in digitlab-exercise (use ask, check, else, hint, solution)")
    let missing = lessonError(
      try Lesson(markdown: exercise("ask: a\ncheck: f == 1\nsolution: s"), id: "x"))
    XCTAssertEqual(missing?.description, "x.md:3: digitlab-exercise has no `hint:` line")
    let badOp = lessonError(
      try Lesson(markdown: exercise("ask: a\nhint: h\ncheck: f = 1"), id: "x"))
    XCTAssertEqual(
      badOp?.description,
      "x.md:6: unknown operator `=` in check `f = 1`: use ==, !=, >=, <=, >, < or exists")
    let noOp = lessonError(try Lesson(markdown: exercise("check: layers==3"), id: "x"))
    XCTAssertEqual(noOp?.line, 4)
    let noColon = lessonError(try Lesson(markdown: exercise("ask a"), id: "x"))
    XCTAssertEqual(noColon?.line, 4)
    let empty = lessonError(try Lesson(markdown: exercise("ask:"), id: "x"))
    XCTAssertEqual(empty?.description, "x.md:4: empty `ask:` in digitlab-exercise")
    let noValue = lessonError(try Lesson(markdown: exercise("check: f >="), id: "x"))
    XCTAssertEqual(noValue?.line, 4)
  }

  func testEmptyCellIsAnError() {
    let error = lessonError(try Lesson(markdown: "```digitlab\n# only a comment\n```", id: "x"))
    XCTAssertEqual(error?.description, "x.md:1: digitlab cell has no commands")
  }

  func testReadsFilesAndNamesThemInErrors() throws {
    let folder = try temporaryFolder(self)
    let good = folder.appendingPathComponent("07-batch-size.md")
    try Data("# Batch size\n\nText.\n".utf8).write(to: good)
    let lesson = try Lesson(contentsOf: good)
    XCTAssertEqual(lesson.id, "07-batch-size")
    XCTAssertEqual(lesson.number, 7)
    XCTAssertEqual(lesson.displayName, "Lesson 7: Batch size")

    let bad = folder.appendingPathComponent("08-bad.md")
    try Data([0x23, 0x20, 0xFF, 0xFE, 0x0A]).write(to: bad)
    XCTAssertEqual(
      lessonError(try Lesson(contentsOf: bad))?.description,
      "08-bad.md: the lesson file is not UTF-8 text")
    XCTAssertNotNil(
      lessonError(try Lesson(contentsOf: folder.appendingPathComponent("missing.md"))))
  }

  func testIDsAndNumbers() {
    XCTAssertEqual(Lesson.id(forFileName: "03-net1.md"), "03-net1")
    XCTAssertEqual(Lesson.number(forID: "10-your-handwriting"), 10)
    XCTAssertNil(Lesson.number(forID: "welcome"))
  }

  func testGarbageNeverCrashes() {
    let samples = [
      "", "```", "~~~digitlab-exercise", "#", "```digitlab\n```", "\u{0}\u{FFFF}", "> ```\n",
      "```digitlab-exercise\n:\n```",
    ]
    for sample in samples {
      _ = try? Lesson(markdown: sample, id: "x")
    }
  }
}

final class RandomInputTests: XCTestCase {
  /// Random Markdown-ish text through the parser, the formatter and the runner: errors are fine, crashes are not.
  func testRandomMarkdownNeverCrashes() throws {
    let pieces = [
      "```", "```digitlab", "```digitlab-exercise", "~~~", "\n", "\n\n", "# ", "## ", "- ", "1. ",
      "> ",
      "`", "**", "ask: a", "check: f == 1", "check: f exists", "hint: h", "solution: s", "word ",
      "    ", "|", "<!--", "-->", "\r\n", "é", "🙂", ":", "==", "x",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    let store = ProgressStore(url: try temporaryFolder(self).appendingPathComponent("p.json"))
    for round in 0..<1500 {
      let text = (0..<random(40)).map { _ in pieces[random(pieces.count)] }.joined()
      _ = ProseFormatter.format(text, width: 20 + random(60), rich: random(2) == 0)
      guard let lesson = try? Lesson(markdown: text, id: "r") else { continue }
      _ = HeadlessRun.run(lesson: lesson, executor: FakeExecutor(), facts: FakeFacts()) { _ in }
      // Every move saves progress with an fsync: drive the runner on a sample only.
      guard round % 10 == 0 else { continue }
      let runner = LessonRunner(
        lesson: lesson, progress: store, executor: FakeExecutor(), facts: FakeFacts())
      for _ in 0..<8 {
        switch random(7) {
        case 0: runner.start()
        case 1: runner.next()
        case 2: runner.back()
        case 3: runner.again()
        case 4: runner.skip()
        case 5: runner.whereAmI()
        default: runner.restart()
        }
      }
    }
  }

  /// Issue 19, defect 16: escape sequences in a lesson's title and prose are shown, not sent
  /// to the terminal (ESC[2J would clear the screen, ESC]0;… set the window title).
  func testControlCharactersInALessonAreShownNotSent() throws {
    let lesson = try Lesson(
      markdown: "# Title\u{1B}]0;owned\u{07}\n\nProse \u{1B}[2J here.\n", id: "x")
    XCTAssertEqual(lesson.title, "Title^[]0;owned^G")
    guard case .prose(let text)? = lesson.steps.first else { return XCTFail("\(lesson.steps)") }
    XCTAssertEqual(text, "Prose ^[[2J here.")
    XCTAssertFalse(lesson.steps.description.unicodeScalars.contains { $0.value == 0x1B })
  }
}

import ArgumentParser
import DigitKit
import Foundation
import LessonKit

func lessonCatalog() throws -> LessonCatalog {
  do { return try LessonCatalog(directory: try DataLocator.lessonsDirectory()) } catch let e
    as LessonError
  {
    throw userError(e.description)
  }
}

struct LessonsCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "lessons", abstract: "List the lessons, with your progress (✓ done, … started).")

  /// `lessons 3` opens lesson 3, as `lesson 3` does: the plural is an easy slip.
  @Argument(help: "Optional: a lesson to open, as lesson N does.") var name: String?

  func run(in session: Session) throws {
    if let name { return try LessonCommand.parse([name]).run(in: session) }
    let catalog = try lessonCatalog()
    let store = LessonSessionState.progressStore
    var lines: [String] = []
    for entry in catalog.entries {
      let p =
        entry.stepCount.map { store.progress(for: entry.id, stepCount: $0) }
        ?? store.progress(for: entry.id)
      let mark = p.completed ? "✓" : (p.step > 0 ? "…" : " ")
      let ascii = Terminal.allowsRichOutput ? mark : (p.completed ? "*" : (p.step > 0 ? "~" : " "))
      let where_ =
        !p.completed && p.step > 0
        ? " (at step \(p.step)\(entry.stepCount.map { " of \($0)" } ?? ""))" : ""
      let problem = entry.problem.map { "  [cannot be read: \($0.message)]" } ?? ""
      lines.append(
        " \(ascii) \(String(format: "%2d", entry.number)). \(entry.title)\(where_)\(problem)")
    }
    // Reading the progress checks it, so its notice comes after, and is shown first.
    if let notice = store.takeNotice() {
      session.console.line(LessonView.remark(notice, width: Terminal.width))
    }
    for line in lines { session.console.line(line) }
    session.console.line("Start or resume one with: lesson N. Inside a lesson, Enter goes on.")
  }
}

struct LessonCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "lesson",
    abstract:
      "Start or resume a lesson. Enter shows the next step; back, again, where, skip, restart, quit.",
    discussion: "Example: lesson 3")

  @Argument(help: "The lesson's number or part of its name.") var name: String

  func run(in session: Session) throws {
    try refuseInsideACell(session, command: "lesson")
    let catalog = try lessonCatalog()
    let lesson: Lesson
    do { lesson = try catalog.load(try catalog.find(name)) } catch let e as LessonError {
      throw userError(e.description)
    }
    let runner = LessonRunner(
      lesson: lesson, progress: LessonSessionState.progressStore,
      executor: ShellExecutor(session: session), facts: ShellFacts(session: session))
    // What each step changes is recorded, so back, again and restart never apply a step
    // twice, and a lesson resumed in a new shell gets back the models it built.
    let world = WorldKeeper(
      folder: SessionWorld.folder(for: lesson.id), world: SessionWorld(session: session))
    runner.world = world
    LessonSessionState.attach(runner, to: session)
    for notice in [runner.progress.takeNotice(), world.takeNotice()].compactMap({ $0 }) {
      session.console.line(LessonView.remark(notice, width: Terminal.width))
    }
    runner.start()
  }
}

struct RunCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a lesson from top to bottom without pausing (for projection and CI).",
    discussion:
      "Exits non-zero if a cell fails. Example: run Lessons/03-net1-layer-by-layer.md --transcript out.md"
  )

  @Argument(help: "A lesson file, or a lesson's number.") var file: String
  @Option(help: "Also save prose, commands and their outputs as Markdown.") var transcript: String?

  func run(in session: Session) throws {
    try refuseInsideACell(session, command: "run")
    let lesson: Lesson
    do {
      if FileManager.default.fileExists(atPath: file) {
        lesson = try Lesson(contentsOf: URL(fileURLWithPath: file))
      } else {
        let catalog = try lessonCatalog()
        lesson = try catalog.load(try catalog.find(file))
      }
    } catch let e as LessonError { throw userError(e.description) }
    var writer = TranscriptWriter()
    var captured = ""
    let rich = Terminal.allowsRichOutput
    session.console.tee = { captured += $0 }
    defer { session.console.tee = nil }
    let result = HeadlessRun.run(
      lesson: lesson, executor: ShellExecutor(session: session),
      facts: ShellFacts(session: session)
    ) { output in
      if !captured.isEmpty {
        writer.addOutput(captured)
        captured = ""
      }
      writer.add(output)
      session.console.tee = nil
      session.console.line(LessonView.render(output, width: Terminal.width, rich: rich))
      session.console.tee = { captured += $0 }
    }
    if !captured.isEmpty { writer.addOutput(captured) }
    session.console.tee = nil
    if let transcript {
      try AtomicFile.write(writer.markdown, to: URL(fileURLWithPath: transcript))
    }
    if let failure = result.failure { throw userError("lesson stopped: \(failure)") }
  }
}

/// `answer 7`: the learner's answer to a lesson's question, checked when they press Enter.
struct AnswerCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "answer",
    abstract: "Answer a lesson's question (answer 7); Enter then checks it.",
    discussion: "Example: answer 7")

  @Argument(help: "Your answer: a digit, a number or a word.") var words: [String]

  func validate() throws {
    if words.isEmpty { throw userError("answer needs a value, e.g. answer 7") }
  }

  func run(in session: Session) throws {
    let answer = words.joined(separator: " ")
    session.results["answer"] = answer
    // Not inside a cell: there the lesson itself goes on (skip runs a solution's answer).
    let waiting = session.lesson?.isExercisePending == true && session.cellDepth == 0
    let next = waiting ? " Press Enter to check it." : ""
    session.console.line("Your answer: \(answer).\(next)")
  }
}

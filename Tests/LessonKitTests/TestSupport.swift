import Foundation
import LessonKit
import XCTest

/// Facts held in a dictionary that tests change as they go.
final class FakeFacts: FactSource {
  var values: [String: String]

  init(_ values: [String: String] = [:]) {
    self.values = values
  }

  func fact(_ name: String) -> String? { values[name] }
}

/// Records every command; fails the ones listed; may change facts when a command runs.
final class FakeExecutor: CommandExecutor {
  var ran: [String] = []
  var failing: Set<String> = []
  /// Commands the learner stops with Ctrl-C.
  var interrupting: Set<String> = []
  var effects: [String: () -> Void] = [:]
  /// Shared with the runner's `onOutput` to check ordering.
  var log: [String] = []

  func execute(_ command: String) -> CommandOutcome {
    ran.append(command)
    log.append("run \(command)")
    effects[command]?()
    if interrupting.contains(command) { return .interrupted }
    return failing.contains(command) ? .failed : .succeeded
  }
}

/// A fresh empty folder under the system's temporary folder, removed after the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("lessonkit-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
  return url
}

/// The error `body` throws, as a `LessonError`.
func lessonError<T>(
  _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) -> LessonError? {
  do {
    _ = try body()
    XCTFail("expected a LessonError", file: file, line: line)
    return nil
  } catch let error as LessonError {
    return error
  } catch {
    XCTFail("expected a LessonError, got \(error)", file: file, line: line)
    return nil
  }
}

/// A five-step lesson: prose, a cell, a heading, an exercise, prose.
let sampleMarkdown = """
  # Test lesson

  Intro paragraph.

  ```digitlab
  new mine
  add linear 784 10
  ```

  ## Exercise time

  ```digitlab-exercise
  ask: Add a second layer.
  check: model mine layers == 2
  hint: Use add.
  solution: add relu
  ```

  Last words.
  """

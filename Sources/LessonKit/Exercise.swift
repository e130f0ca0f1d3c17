import Foundation

/// A task for the learner: what to do, how to tell it is done, hints that build up to the
/// answer, and a worked solution.
///
/// Written in a lesson as a fenced block tagged `digitlab-exercise` (Lessons/README.md):
///
///     ask: Make a model named mine with three Linear layers.
///     check: model mine layers == 3
///     else: mine should have three layers; summary mine lists them
///     hint: Start with `new mine`.
///     hint: Then `add mine linear 10` three times.
///     solution: new mine
///     solution: add mine linear 10
public struct Exercise: Equatable {
  /// What the learner should do.
  public let ask: String
  /// What must hold afterwards; at least one.
  public let checks: [ExerciseCheck]
  /// Shown one more after each failed check, each a step closer to the answer; at least one.
  public let hints: [String]
  /// Commands that do the exercise; shown by `solution`, run by `skip` and by headless runs.
  public let solution: [String]

  /// Makes an exercise.
  public init(ask: String, checks: [ExerciseCheck], hints: [String], solution: [String]) {
    self.ask = ask
    self.checks = checks
    self.hints = hints.isEmpty ? [""] : hints
    self.solution = solution
  }

  /// The hint after `failures` failed checks (1 → the first); the last hint once all are shown.
  public func hint(afterFailures failures: Int) -> String {
    hints[min(max(failures, 1), hints.count) - 1]
  }

  /// The exercise with `{{FACT}}` in its question, hints and solution filled in from
  /// `facts` (a hint may name the learner's own number); a fact without a value stays as written.
  public func filled(from facts: FactSource) -> Exercise {
    func fill(_ text: String) -> String {
      let (filled, missing) = LessonTemplate.fill(text, from: facts)
      return missing.isEmpty ? filled : text
    }
    return Exercise(
      ask: fill(ask), checks: checks, hints: hints.map(fill), solution: solution.map(fill))
  }

  /// Judges every check against `facts`.
  public func evaluate(with facts: FactSource) -> ExerciseResult {
    ExerciseResult(outcomes: checks.map { $0.evaluate(with: facts) })
  }
}

extension Exercise {
  /// Reads the body of a `digitlab-exercise` block: `key: value` lines (`ask`, `check`, `else`,
  /// `hint`, `solution`); blank lines and `#` comments are skipped; `ask` may span several
  /// lines, which are joined with spaces; each `hint` line is one hint; `else` words the
  /// check above it for the learner when it fails.
  ///
  /// - Parameters:
  ///   - lines: the lines between the fences.
  ///   - firstLine: the 1-based file line of `lines[0]`.
  ///   - fenceLine: the 1-based file line of the opening fence, named when a key is missing.
  init(body lines: [String], firstLine: Int, fenceLine: Int, file: String) throws {
    var asks: [String] = []
    var hints: [String] = []
    var checks: [ExerciseCheck] = []
    var solution: [String] = []
    for (offset, raw) in lines.enumerated() {
      let lineNumber = firstLine + offset
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":") else {
        throw LessonError(
          "expected `key: value` in digitlab-exercise, got `\(line)`", file: file, line: lineNumber)
      }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      let known = ["ask", "check", "else", "hint", "solution"]
      guard known.contains(key) else {
        throw LessonError(
          "unknown key `\(key)` in digitlab-exercise (use ask, check, else, hint, solution)",
          file: file, line: lineNumber)
      }
      guard !value.isEmpty else {
        throw LessonError("empty `\(key):` in digitlab-exercise", file: file, line: lineNumber)
      }
      switch key {
      case "ask": asks.append(value)
      case "hint": hints.append(value)
      case "solution": solution.append(value)
      case "else":
        guard let last = checks.popLast(), last.otherwise == nil else {
          throw LessonError(
            "`else:` must follow a `check:` line (one else per check)", file: file,
            line: lineNumber)
        }
        checks.append(last.otherwise(value))
      default:
        do {
          checks.append(try ExerciseCheck(parsing: value))
        } catch let error as LessonError {
          throw error.located(file: file, line: lineNumber)
        }
      }
    }
    for (key, present) in [
      ("ask", !asks.isEmpty), ("check", !checks.isEmpty), ("hint", !hints.isEmpty),
      ("solution", !solution.isEmpty),
    ]
    where !present {
      throw LessonError("digitlab-exercise has no `\(key):` line", file: file, line: fenceLine)
    }
    self.init(ask: asks.joined(separator: " "), checks: checks, hints: hints, solution: solution)
  }
}

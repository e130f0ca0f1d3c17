/// One thing Enter reveals in a lesson.
public enum LessonStep: Equatable {
  /// A Markdown block: a heading, a paragraph, a list, a quote or a plain fenced code block.
  /// It may hold `{{FACT}}` templates, filled in from the session when it is shown.
  case prose(String)
  /// A fenced block tagged `digitlab`: shell commands run one after another, then its claims.
  case cell(Cell)
  /// A fenced block tagged `digitlab-exercise`: the learner types commands, the checks judge them.
  case exercise(Exercise)
}

/// The commands of a `digitlab` block and the claims (`expect:` lines) its output must bear out.
public struct Cell: Equatable, ExpressibleByArrayLiteral {
  /// Shell commands, in order; a cell is one unit: when one fails or is stopped, the rest do not run.
  public var commands: [String]
  /// What the lesson's prose relies on once the commands have run.
  public var claims: [Claim]

  /// A cell of `commands` and `claims`.
  public init(commands: [String], claims: [Claim] = []) {
    self.commands = commands
    self.claims = claims
  }

  /// A cell of commands without claims.
  public init(arrayLiteral commands: String...) {
    self.init(commands: commands)
  }
}

/// An `expect: FACT OP VALUE` line under a cell's commands: what the prose says about the
/// output, checked by `run` (headless, in CI) so the text can never drift from the program.
public struct Claim: Equatable, CustomStringConvertible {
  /// The comparison, read like an exercise check.
  public let check: ExerciseCheck
  /// The 1-based file line of the `expect:` line.
  public let line: Int

  /// A claim at `line`.
  public init(check: ExerciseCheck, line: Int) {
    self.check = check
    self.line = line
  }

  /// The claim as written: `prediction == 7`.
  public var description: String { check.description }
}

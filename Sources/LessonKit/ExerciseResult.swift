/// How one check fared, with a sentence for the learner.
public struct CheckOutcome: Equatable {
  /// The check judged.
  public let check: ExerciseCheck
  /// The fact's value when judged; nil when unknown.
  public let actual: String?
  /// Whether the check held.
  public let passed: Bool

  /// Records a judgement.
  public init(check: ExerciseCheck, actual: String?, passed: Bool) {
    self.check = check
    self.actual = actual
    self.passed = passed
  }

  /// What was found, in words: "model mine layers is 2, expected 3",
  /// "model mine layers is 3", "model mine does not exist".
  public var sentence: String {
    let fact = check.fact
    guard let value = check.value else {
      return actual == nil ? "\(fact) does not exist" : "\(fact) exists"
    }
    let expected = ExerciseCheck.shown(value)
    guard let actual = actual else {
      return "\(fact) is unknown, expected \(CheckOutcome.wanted(check.op, expected))"
    }
    let found = "\(fact) is \(ExerciseCheck.shown(actual))"
    if !passed { return "\(found), expected \(CheckOutcome.wanted(check.op, expected))" }
    return check.op == .equal
      ? found : "\(found), \(CheckOutcome.wanted(check.op, expected, met: true))"
  }

  static func wanted(_ op: CheckOperator, _ value: String, met: Bool = false) -> String {
    switch op {
    case .equal: return value
    case .notEqual: return met ? "not \(value)" : "anything but \(value)"
    case .atLeast: return "at least \(value)"
    case .atMost: return "at most \(value)"
    case .greater: return "more than \(value)"
    case .less: return "less than \(value)"
    case .exists: return "a value"
    }
  }
}

/// Every check of an exercise, judged.
public struct ExerciseResult: Equatable {
  /// One outcome per check, in the lesson's order.
  public let outcomes: [CheckOutcome]

  /// Collects outcomes.
  public init(outcomes: [CheckOutcome]) {
    self.outcomes = outcomes
  }

  /// Whether every check held.
  public var passed: Bool { outcomes.allSatisfy(\.passed) }

  /// The checks that did not hold.
  public var failures: [CheckOutcome] { outcomes.filter { !$0.passed } }

  /// One line: "All 2 checks passed." or "1 of 2 checks failed: model mine layers is 2, expected 3."
  public var summary: String {
    let count = outcomes.count
    let noun = count == 1 ? "check" : "checks"
    let failed = failures
    if failed.isEmpty { return count == 1 ? "The check passed." : "All \(count) checks passed." }
    let sentences = failed.map(\.sentence).joined(separator: "; ")
    return "\(failed.count) of \(count) \(noun) failed: \(sentences)."
  }
}

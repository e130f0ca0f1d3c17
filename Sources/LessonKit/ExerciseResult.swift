/// How one check fared, with a sentence for the learner.
public struct CheckOutcome: Equatable {
  /// The check judged.
  public let check: ExerciseCheck
  /// The fact's value when judged; nil when unknown.
  public let actual: String?
  /// Whether the check held.
  public let passed: Bool
  /// The value compared with: the check's own, or the fact it names; nil when unknown.
  public let expected: String?

  /// Records a judgement; `expected` defaults to the check's own value.
  public init(check: ExerciseCheck, actual: String?, passed: Bool, expected: String?? = .none) {
    self.check = check
    self.actual = actual
    self.passed = passed
    self.expected = expected ?? check.value
  }

  /// What was found, in words: "type answer and yours first, …" for an `answer` check before
  /// any answer, the check's `else:` text when it failed and has one, else "model mine layers
  /// is 2, expected 3", "model mine layers is 3", "model mine does not exist".
  public var sentence: String {
    if !passed, check.fact == "answer", actual == nil {
      return "type answer and yours first, then press Enter"
    }
    if !passed, let otherwise = check.otherwise { return otherwise }
    return plainSentence
  }

  /// What was found in the fact's own words, `else:` aside (for lesson authors' errors).
  public var plainSentence: String {
    let fact = check.fact
    guard check.value != nil else {
      return actual == nil ? "\(fact) does not exist" : "\(fact) exists"
    }
    guard let value = expected else {
      return "\(check.referencedFact ?? fact) is unknown"
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

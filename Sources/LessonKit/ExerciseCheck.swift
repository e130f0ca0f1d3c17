import Foundation

/// How an exercise check compares a fact with its expected value.
public enum CheckOperator: String, CaseIterable, Equatable {
  case equal = "=="
  case notEqual = "!="
  case atLeast = ">="
  case atMost = "<="
  case greater = ">"
  case less = "<"
  /// The fact has a value at all (takes no expected value).
  case exists
}

/// One line `check: FACT OP VALUE` of an exercise, such as `model mine layers == 3`.
///
/// Values compare as numbers when both sides read as finite numbers (`3` equals `3.0`),
/// otherwise as exact strings. A value written `{{FACT}}` is another fact, asked when judged
/// (`answer == {{model net2 prediction …}}`).
public struct ExerciseCheck: Equatable, CustomStringConvertible {
  /// The fact's name, asked of a `FactSource` (`model mine layers`).
  public let fact: String
  /// The comparison.
  public let op: CheckOperator
  /// The expected value; nil for `exists`.
  public let value: String?
  /// What the learner is told when the check fails, in their words (an exercise's `else:`).
  public private(set) var otherwise: String?

  /// Makes a check. `value` is ignored for `exists`.
  public init(fact: String, op: CheckOperator, value: String?) {
    self.fact = fact
    self.op = op
    self.value = op == .exists ? nil : (value ?? "")
  }

  /// Reads `FACT OP VALUE` (or `FACT exists`); operators stand apart from their neighbours
  /// with spaces. A value in matching quotes loses them (`== "relu"`, `== ""`).
  public init(parsing text: String) throws {
    let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    let operatorCharacters: Set<Character> = ["=", "<", ">", "!"]
    let valid = "==, !=, >=, <=, >, < or exists"
    if let index = words.firstIndex(where: { $0.allSatisfy(operatorCharacters.contains) }) {
      guard let op = CheckOperator(rawValue: words[index]) else {
        throw LessonError("unknown operator `\(words[index])` in check `\(text)`: use \(valid)")
      }
      let fact = words[..<index].joined(separator: " ")
      let value = words[(index + 1)...].joined(separator: " ")
      guard !fact.isEmpty else {
        throw LessonError("check `\(text)` names no fact before `\(op.rawValue)`")
      }
      guard !value.isEmpty else {
        throw LessonError("check `\(text)` has no value after `\(op.rawValue)`")
      }
      self.init(fact: fact, op: op, value: ExerciseCheck.unquoted(value))
    } else if words.count >= 2, words.last == CheckOperator.exists.rawValue {
      self.init(fact: words.dropLast().joined(separator: " "), op: .exists, value: nil)
    } else {
      throw LessonError(
        "no operator in check `\(text)`: write FACT OP VALUE with OP one of \(valid), spaced apart")
    }
  }

  /// The check as written: `model mine layers == 3`.
  public var description: String {
    guard let value = value else { return "\(fact) exists" }
    return "\(fact) \(op.rawValue) \(ExerciseCheck.shown(value))"
  }

  /// The same check, with `text` told to the learner when it fails.
  public func otherwise(_ text: String) -> ExerciseCheck {
    var check = self
    check.otherwise = text
    return check
  }

  /// The fact a value names when written `{{FACT}}`, else nil.
  public var referencedFact: String? {
    guard let value, value.hasPrefix("{{"), value.hasSuffix("}}"), value.count > 4 else {
      return nil
    }
    return value.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
  }

  /// Asks `facts` for the fact (and for the expected value when it names a fact) and judges it.
  public func evaluate(with facts: FactSource) -> CheckOutcome {
    let actual = facts.fact(fact)
    let expected = referencedFact.map { facts.fact($0) } ?? value
    if referencedFact != nil && expected == nil {
      return CheckOutcome(check: self, actual: actual, passed: false, expected: nil)
    }
    return CheckOutcome(
      check: self, actual: actual, passed: accepts(actual, expected: expected),
      expected: expected)
  }

  /// Whether `actual` satisfies the check.
  public func accepts(_ actual: String?) -> Bool {
    accepts(actual, expected: value)
  }

  func accepts(_ actual: String?, expected: String?) -> Bool {
    guard let actual = actual else { return false }
    guard op != .exists else { return true }
    guard let expected else { return false }
    let left = actual.trimmingCharacters(in: .whitespaces)
    let right = expected.trimmingCharacters(in: .whitespaces)
    if let x = ExerciseCheck.number(left), let y = ExerciseCheck.number(right) {
      return ExerciseCheck.compare(x, y, op)
    }
    return ExerciseCheck.compare(left, right, op)
  }

  static func compare<T: Comparable>(_ x: T, _ y: T, _ op: CheckOperator) -> Bool {
    switch op {
    case .equal: return x == y
    case .notEqual: return x != y
    case .atLeast: return x >= y
    case .atMost: return x <= y
    case .greater: return x > y
    case .less: return x < y
    case .exists: return true
    }
  }

  /// A finite number; thousands separators as the shell prints them are allowed (`5,010`).
  static func number(_ text: String) -> Double? {
    var plain = text
    if text.range(of: #"^-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"#, options: .regularExpression) != nil
    {
      plain = text.replacingOccurrences(of: ",", with: "")
    }
    guard let value = Double(plain), value.isFinite else { return nil }
    return value
  }

  static func unquoted(_ text: String) -> String {
    for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote)
    {
      return String(text.dropFirst().dropLast())
    }
    return text
  }

  /// A value as shown in sentences: empty strings as `""`.
  static func shown(_ value: String) -> String {
    value.isEmpty ? "\"\"" : value
  }
}

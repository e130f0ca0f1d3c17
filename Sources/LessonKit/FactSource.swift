/// Answers questions about the learner's session for exercise checks.
///
/// The shell knows the answers: `model mine layers` → `"3"`, `model mine inputs` → `"784"`.
/// Checks compare values, not printed text, so any correct way to do an exercise passes.
public protocol FactSource {
  /// The value of the fact called `name`, or nil when it is unknown or its subject does not exist.
  func fact(_ name: String) -> String?
}

/// A `FactSource` made from a closure.
public struct ClosureFacts: FactSource {
  private let body: (String) -> String?

  /// Answers each fact with `body`.
  public init(_ body: @escaping (String) -> String?) {
    self.body = body
  }

  /// The closure's answer for `name`.
  public func fact(_ name: String) -> String? { body(name) }
}

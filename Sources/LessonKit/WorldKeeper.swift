// TEMPORARY STUB (lead): replaced by the i17-world helper's implementation.
import Foundation
public enum StepStatus: String, Codable, Sendable { case ran, stopped, skipped }
public final class WorldKeeper {
  public init() {}
  public func willRun(step: Int) throws -> [String] { [] }
  public func didRun(step: Int, completed: Bool) throws {}
  public func didSkip(step: Int) throws {}
  public func status(of step: Int) -> StepStatus? { nil }
  public func restore(before position: Int) throws -> [Int] { [] }
}

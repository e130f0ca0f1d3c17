/// Every failure DigitKit reports to a person: one line, naming the file or value and the problem.
public struct DigitKitError: Error, CustomStringConvertible, Equatable, Sendable {
  public let message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}

import Foundation

/// A problem with a lesson file, the lessons folder or a lesson lookup, told in one line.
///
/// `description` puts the place first, as compilers do: `03-net1.md:42: unclosed ``` fence`.
public struct LessonError: Error, CustomStringConvertible, Equatable {
  /// What went wrong, without the place.
  public let message: String
  /// The file concerned (a name such as `03-net1.md`), when there is one.
  public let file: String?
  /// The 1-based line concerned, when there is one.
  public let line: Int?

  /// Makes an error; newlines in `message` become spaces so it stays one line.
  public init(_ message: String, file: String? = nil, line: Int? = nil) {
    self.message = LessonError.oneLine(message)
    self.file = file
    self.line = line
  }

  /// The error as one line: `file:line: message`, `file: message` or `line N: message`.
  public var description: String {
    switch (file, line) {
    case let (file?, line?): return "\(file):\(line): \(message)"
    case let (file?, nil): return "\(file): \(message)"
    case let (nil, line?): return "line \(line): \(message)"
    case (nil, nil): return message
    }
  }

  /// The same error placed in `file` at `line` (keeps a place it already has).
  func located(file: String?, line: Int?) -> LessonError {
    LessonError(message, file: self.file ?? file, line: self.line ?? line)
  }

  static func oneLine(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }
}

extension LessonError: LocalizedError {
  /// The one-line description, so `localizedDescription` reads the same.
  public var errorDescription: String? { description }
}

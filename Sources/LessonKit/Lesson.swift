import Foundation

/// A lesson: a Markdown file whose fenced `digitlab` blocks are runnable cells,
/// read as a list of steps that Enter reveals one at a time.
public struct Lesson: Equatable {
  /// The file name without `.md`: `03-net1`.
  public let id: String
  /// The number the file name starts with (`03-net1` → 3), if any.
  public let number: Int?
  /// The first `# ` heading (not itself a step); the id when there is none.
  public let title: String
  /// The steps, in file order.
  public let steps: [LessonStep]
  /// The 1-based file line where each step starts (parallel to `steps`).
  public let stepLines: [Int]
  /// The file name used in messages: `03-net1.md`.
  public let fileName: String

  /// Parses Markdown text.
  ///
  /// - Parameters:
  ///   - id: the lesson's id, normally its file name without `.md`.
  ///   - fileName: the name errors mention; `id + ".md"` by default.
  /// - Throws: `LessonError` naming the line of an unclosed fence, an empty cell or a bad exercise.
  public init(markdown: String, id: String, fileName: String? = nil) throws {
    let file = fileName ?? "\(id).md"
    let parsed = try LessonParser(file: file).parse(markdown)
    self.id = id
    self.number = Lesson.number(forID: id)
    self.title = parsed.title.flatMap { $0.isEmpty ? nil : $0 } ?? id
    self.steps = parsed.steps.map(\.step)
    self.stepLines = parsed.steps.map(\.line)
    self.fileName = file
  }

  /// Reads and parses a lesson file; its id comes from the file name.
  /// - Throws: `LessonError` when the file cannot be read, is not UTF-8 or is malformed.
  public init(contentsOf url: URL) throws {
    let name = url.lastPathComponent
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw LessonError("cannot read the lesson file", file: url.path)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw LessonError("the lesson file is not UTF-8 text", file: name)
    }
    try self.init(markdown: text, id: Lesson.id(forFileName: name), fileName: name)
  }

  /// The id for a file name: `03-net1.md` → `03-net1`.
  public static func id(forFileName name: String) -> String {
    name.lowercased().hasSuffix(".md") ? String(name.dropLast(3)) : name
  }

  /// The number an id starts with: `03-net1` → 3; nil when it starts with no digits.
  public static func number(forID id: String) -> Int? {
    let digits = id.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    return Int(digits)
  }

  /// "Lesson 3: Net1 layer by layer", or the title alone when the lesson has no number.
  public var displayName: String {
    number.map { "Lesson \($0): \(title)" } ?? title
  }
}

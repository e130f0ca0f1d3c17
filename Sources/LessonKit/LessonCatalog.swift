import Foundation

/// The lessons in a folder: files named `NN-name.md`, in number order.
public struct LessonCatalog {
  /// One lesson file.
  public struct Entry: Equatable {
    /// The number the file name starts with.
    public let number: Int
    /// The file name without `.md`: `03-net1`.
    public let id: String
    /// The file's first `# ` heading, or the id.
    public let title: String
    /// The file.
    public let url: URL
    /// How many steps the lesson has; nil when it does not parse.
    public let stepCount: Int?
    /// Why the lesson does not parse, if it does not.
    public let problem: LessonError?
  }

  /// The folder read.
  public let directory: URL
  /// The lessons, by number then id.
  public let entries: [Entry]

  /// Lists `directory`.
  /// - Throws: `LessonError` when the folder cannot be read.
  public init(directory: URL) throws {
    self.directory = directory
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw LessonError("cannot read the lessons folder", file: directory.path)
    }
    var entries: [Entry] = []
    for name in names where LessonCatalog.isLessonFileName(name) {
      let url = directory.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let id = Lesson.id(forFileName: name)
      guard let number = Lesson.number(forID: id) else { continue }
      let text = (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
      let title = LessonParser.title(in: text).flatMap { $0.isEmpty ? nil : $0 } ?? id
      var stepCount: Int?
      var problem: LessonError?
      do {
        stepCount = try Lesson(contentsOf: url).steps.count
      } catch let error as LessonError {
        problem = error
      } catch {
        problem = LessonError(String(describing: error), file: name)
      }
      entries.append(
        Entry(
          number: number, id: id, title: title, url: url, stepCount: stepCount, problem: problem))
    }
    self.entries = entries.sorted { ($0.number, $0.id) < ($1.number, $1.id) }
  }

  /// Whether `name` looks like `NN-name.md`.
  public static func isLessonFileName(_ name: String) -> Bool {
    guard name.lowercased().hasSuffix(".md"), !name.hasPrefix(".") else { return false }
    let digits = name.prefix { $0.isASCII && $0.isNumber }
    return !digits.isEmpty && name.dropFirst(digits.count).first == "-"
  }

  /// The lesson numbered `number`.
  public func entry(number: Int) -> Entry? {
    entries.first { $0.number == number }
  }

  /// Finds a lesson by number (`3`, `03`), id (`03-net1`), or a fragment of its id or title
  /// (`net1`, `overfitting`), ignoring case.
  /// - Throws: `LessonError` when nothing matches or a fragment matches several lessons.
  public func find(_ query: String) throws -> Entry {
    let wanted = query.trimmingCharacters(in: .whitespaces).lowercased()
    guard !wanted.isEmpty else { throw LessonError("which lesson? give a number or a name") }
    if wanted.allSatisfy({ $0.isASCII && $0.isNumber }) {
      if let number = Int(wanted), let entry = entry(number: number) { return entry }
      let range =
        entries.isEmpty
        ? "there are none"
        : "they run from \(entries[0].number) to \(entries[entries.count - 1].number)"
      throw LessonError("no lesson \(wanted) (\(range))")
    }
    if let exact = entries.first(where: { $0.id.lowercased() == wanted }) { return exact }
    for field in [\Entry.id, \Entry.title] {
      let matches = entries.filter { $0[keyPath: field].lowercased().contains(wanted) }
      if matches.count == 1 { return matches[0] }
      if matches.count > 1 {
        throw LessonError(
          "`\(query)` matches several lessons: \(matches.map(\.id).joined(separator: ", "))")
      }
    }
    throw LessonError("no lesson matches `\(query)`")
  }

  /// Reads and parses a listed lesson.
  public func load(_ entry: Entry) throws -> Lesson {
    try Lesson(contentsOf: entry.url)
  }
}

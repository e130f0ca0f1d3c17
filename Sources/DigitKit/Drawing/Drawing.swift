import Foundation

/// A digit drawn on a character grid: ink from 0 (blank) to 1 (full), row-major.
///
/// Text format: `.` and space are blank, `#` and `@` full ink, `1`–`9` grey n/9.
/// Any rectangular grid up to 64×64.
public struct Drawing: Equatable, Sendable {
  public static let maximumSide = 64
  public let width: Int
  public let height: Int
  public var ink: [Float]

  public init(width: Int, height: Int, ink: [Float]? = nil) {
    self.width = width
    self.height = height
    self.ink = ink ?? [Float](repeating: 0, count: width * height)
  }

  public subscript(x: Int, y: Int) -> Float {
    get { ink[y * width + x] }
    set { ink[y * width + x] = newValue }
  }

  /// Whether any cell has ink.
  public var isBlank: Bool { !ink.contains { $0 > 0 } }

  /// Parses the text format. Errors name the line and column (1-based).
  public init(text: String) throws {
    // "\r\n" is one Character in Swift, so normalise line endings (CRLF, then CR-only, as
    // lesson files are read) before splitting.
    let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
      of: "\r", with: "\n")
    var lines = normalised.split(separator: "\n", omittingEmptySubsequences: false)
    while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
    guard !lines.isEmpty else { throw DigitKitError("the drawing is empty") }
    guard lines.count <= Self.maximumSide else {
      throw DigitKitError(
        "line \(Self.maximumSide + 1): the drawing has \(lines.count) rows, at most \(Self.maximumSide) are allowed"
      )
    }
    let width = lines[0].count
    guard width > 0 else { throw DigitKitError("line 1: the first row is empty") }
    guard width <= Self.maximumSide else {
      throw DigitKitError(
        "line 1, column \(Self.maximumSide + 1): rows are \(width) wide, at most \(Self.maximumSide) are allowed"
      )
    }
    var ink: [Float] = []
    ink.reserveCapacity(width * lines.count)
    for (row, line) in lines.enumerated() {
      guard line.count == width else {
        throw DigitKitError(
          "line \(row + 1), column \(min(line.count, width) + 1): row is \(line.count) wide, the first row is \(width)"
        )
      }
      for (column, ch) in line.enumerated() {
        guard let value = Self.inkValue(ch) else {
          throw DigitKitError(
            "line \(row + 1), column \(column + 1): '\(ch)' is not a drawing character (use . # or 1-9)"
          )
        }
        ink.append(value)
      }
    }
    self.init(width: width, height: lines.count, ink: ink)
  }

  /// Reads a drawing file; errors name the file.
  public init(contentsOf url: URL) throws {
    // Each way a file cannot be read has its own words ("cannot read (missing?)" said it of a folder).
    let path = url.relativePath
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw DigitKitError("\(path) does not exist")
    }
    guard !isFolder.boolValue else {
      throw DigitKitError("\(path) is a folder, not a drawing file")
    }
    guard FileManager.default.isReadableFile(atPath: url.path) else {
      throw DigitKitError("\(path): permission denied")
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw DigitKitError("\(path): cannot read")
    }
    guard data.count <= 64 * 1024 else {
      throw DigitKitError("\(url.lastPathComponent): file too large for a drawing")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DigitKitError("\(url.lastPathComponent): not a text file")
    }
    do { try self.init(text: text) } catch let e as DigitKitError {
      throw DigitKitError("\(url.lastPathComponent): \(e.message)")
    }
  }

  static func inkValue(_ ch: Character) -> Float? {
    switch ch {
    case ".", " ": return 0
    case "#", "@": return 1
    case "1"..."9": return Float(ch.wholeNumberValue ?? 0) / 9
    default: return nil
    }
  }

  /// The text format: each cell as `.`, `1`–`8` or `#` (rounded to ninths).
  public var text: String {
    var s = ""
    for y in 0..<height {
      for x in 0..<width {
        let n = Int((self[x, y] * 9).rounded())
        s.append(n <= 0 ? "." : n >= 9 ? "#" : Character(String(n)))
      }
      s.append("\n")
    }
    return s
  }
}

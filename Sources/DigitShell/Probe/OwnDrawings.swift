import DigitKit
import Foundation

/// The learner's own labelled drawings: `~/.digitlab/drawings/LABEL-NNN.txt`, read back with
/// `LabelledDrawings(directory:)` (the first character of a name is its label).
public enum OwnDrawings {
  /// `~/.digitlab/drawings` (not created until the first `keep`).
  public static var directory: URL { Session.homeDirectory.appendingPathComponent("drawings") }

  /// The digit a LABEL argument names: exactly one of 0–9, else nil.
  public static func label(_ text: String) -> Int? {
    guard text.count == 1, let character = text.first, character.isASCII,
      let digit = character.wholeNumberValue
    else { return nil }
    return digit
  }

  /// The number in `LABEL-NNN.txt` when `name` is such a file for `label`, else nil.
  public static func number(in name: String, label: Int) -> Int? {
    let prefix = "\(label)-"
    let suffix = ".txt"
    guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
    let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
    guard !middle.isEmpty, middle.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(middle)
  }

  /// Numbers above this are not counted on from (a file named `3-9223372036854775807.txt`
  /// would make the next number overflow); `keep` never goes past it.
  public static let largestNumber = 999_999

  /// The name for the next drawing of `label`: `LABEL-NNN.txt`, NNN one past the highest
  /// number taken (so 001 first, and numbers never go back after a deletion), three digits or more.
  public static func nextFileName(label: Int, existing: [String]) -> String {
    let highest =
      existing.compactMap { number(in: $0, label: label) }
      .filter { $0 < largestNumber }.max() ?? 0
    return fileName(label: label, number: highest + 1)
  }

  /// `LABEL-NNN.txt`, NNN at least three digits.
  static func fileName(label: Int, number: Int) -> String {
    let digits = String(number)
    return "\(label)-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + ".txt"
  }

  /// Writes `text` as the next drawing of `label` in `directory` and returns its name. Never
  /// replaces a file: the name is taken with link(2), which fails if it exists (then the
  /// next number is tried), after the text is written whole to a temporary file.
  public static func keep(_ text: String, label: Int, in directory: URL) throws -> String {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".keep-\(getpid()).tmp")
    try AtomicFile.write(text, to: temporary)
    defer { unlink(temporary.path) }
    var name = nextFileName(label: label, existing: files(in: directory))
    while let n = number(in: name, label: label), n <= largestNumber {
      if link(temporary.path, directory.appendingPathComponent(name).path) == 0 { return name }
      guard errno == EEXIST else {
        throw DigitKitError(
          "cannot keep the drawing in \(directory.path): \(String(cString: strerror(errno)))")
      }
      name = fileName(label: label, number: n + 1)
    }
    throw DigitKitError("no free file name for another \(label) in \(directory.path)")
  }

  /// File names in `directory` (empty when it does not exist).
  public static func files(in directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
  }

  /// How many drawings of each digit `names` hold (files like `7-001.txt`, as `LabelledDrawings` reads them).
  public static func counts(_ names: [String]) -> [Int] {
    var counts = [Int](repeating: 0, count: 10)
    for name in names where name.hasSuffix(".txt") {
      if let digit = name.first?.wholeNumberValue, (0...9).contains(digit) { counts[digit] += 1 }
    }
    return counts
  }

  /// "3 drawings: 1×2, 7×1" (digit × how many).
  public static func summary(_ counts: [Int]) -> String {
    let total = counts.reduce(0, +)
    let parts = counts.indices.filter { counts[$0] > 0 }.map { "\($0)×\(counts[$0])" }
    return plural(total, "drawing") + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
  }
}

import DigitKit
import Foundation

/// The learner's own labelled drawings: `~/.digitlab/drawings/LABEL-NNN.txt`, read back with
/// `LabelledDrawings(directory:)` (the first character of a name is its label).
public enum OwnDrawings {
  /// `~/.digitlab/drawings` (not created until the first `keep`).
  public static var directory: URL { Session.homeDirectory.appendingPathComponent("drawings") }

  /// The digit a LABEL argument names: exactly one of 0–9, else nil.
  public static func label(_ text: String) -> Int? {
    guard text.count == 1, let character = text.first, character.isASCII, let digit = character.wholeNumberValue
    else { return nil }
    return digit
  }

  /// The number in `LABEL-NNN.txt` when `name` is such a file for `label`, else nil.
  public static func number(in name: String, label: Int) -> Int? {
    let prefix = "\(label)-", suffix = ".txt"
    guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
    let middle = name.dropFirst(prefix.count).dropLast(suffix.count)
    guard !middle.isEmpty, middle.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(middle)
  }

  /// The name for the next drawing of `label`: `LABEL-NNN.txt`, NNN one past the highest
  /// number taken (so 001 first, and numbers never go back after a deletion), three digits or more.
  public static func nextFileName(label: Int, existing: [String]) -> String {
    let highest = existing.compactMap { number(in: $0, label: label) }.max() ?? 0
    return "\(label)-" + String(format: "%03d", highest + 1) + ".txt"
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

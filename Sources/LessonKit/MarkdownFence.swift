import Foundation

/// A fenced code block's opening line (```` ```digitlab ```` or `~~~ text`), which knows its
/// closing line: the same character, at least as many, nothing else.
struct MarkdownFence: Equatable {
  let marker: Character
  let length: Int
  /// What follows the fence on its opening line, trimmed.
  let info: String

  /// Reads `line` as an opening fence: up to three spaces, then three or more backticks or tildes.
  init?(opening line: String) {
    let indent = line.prefix { $0 == " " }.count
    guard indent <= 3 else { return nil }
    let rest = line.dropFirst(indent)
    guard let first = rest.first, first == "`" || first == "~" else { return nil }
    let run = rest.prefix { $0 == first }.count
    guard run >= 3 else { return nil }
    let info = rest.dropFirst(run).trimmingCharacters(in: .whitespaces)
    // CommonMark: a backtick fence's info string holds no backticks (that is inline code).
    if first == "`" && info.contains("`") { return nil }
    self.marker = first
    self.length = run
    self.info = info
  }

  /// The info string's first word in lower case: `digitlab`, `digitlab-exercise`, `text`, or "".
  var tag: String {
    info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map { $0.lowercased() } ?? ""
  }

  /// Whether `line` closes this fence.
  func isClosed(by line: String) -> Bool {
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    return trimmed.count >= length && trimmed.allSatisfy { $0 == marker }
  }
}

/// Markdown text as lines, whatever the line endings, without a byte-order mark.
func markdownLines(_ text: String) -> [String] {
  var text = text
  if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
  // "\r\n" is one Character in Swift, so normalise before splitting on "\n".
  let unified = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
    of: "\r", with: "\n")
  return unified.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The level (1–6) of an ATX heading line (`## Layers`), or nil when `line` is not one.
func headingLevel(_ line: String) -> Int? {
  let indent = line.prefix { $0 == " " }.count
  guard indent <= 3 else { return nil }
  let rest = line.dropFirst(indent)
  let hashes = rest.prefix { $0 == "#" }.count
  guard (1...6).contains(hashes) else { return nil }
  let after = rest.dropFirst(hashes)
  guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
  return hashes
}

/// The text of an ATX heading line, without the hashes and any closing hashes.
func headingText(_ line: String) -> String {
  var text = line.trimmingCharacters(in: .whitespaces).drop { $0 == "#" }.trimmingCharacters(
    in: .whitespaces)
  // A closing sequence (`## Title ##`) is decoration.
  if text.hasSuffix("#") {
    let stripped = text.reversed().drop { $0 == "#" }
    if stripped.isEmpty || stripped.first == " " {
      text = String(stripped.reversed()).trimmingCharacters(in: .whitespaces)
    }
  }
  return text
}

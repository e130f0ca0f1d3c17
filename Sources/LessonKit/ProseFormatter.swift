import Foundation

#if canImport(TextArt)
  import TextArt  // Fuzz/run.sh compiles LessonKit and TextArt as one module
#endif

/// Lays out a Markdown prose block for a terminal.
///
/// Paragraphs are word-wrapped; list items keep a hanging indent under their bullet; quotes
/// keep their `> `; fenced code, indented code and tables are never wrapped (code is indented
/// four columns). Headings stand apart: in ascii mode underlined with `=` (level 1) or `-`,
/// in rich mode bold. Inline `code` stays as written in ascii mode and is coloured in rich
/// mode; `**bold**` markers vanish in ascii mode and turn bold in rich mode.
public enum ProseFormatter {
  /// `block` laid out in `width` columns (clamped to 20…300), lines joined by "\n", no final newline.
  public static func format(_ block: String, width: Int, rich: Bool) -> String {
    let width = min(max(width, 20), 300)
    var lines = layout(markdownLines(block), width: width, rich: rich)
    while lines.first == "" { lines.removeFirst() }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n")
  }

  static func layout(_ lines: [String], width: Int, rich: Bool) -> [String] {
    let nonBlank = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    if !nonBlank.isEmpty && nonBlank.allSatisfy({ $0.hasPrefix("    ") || $0.hasPrefix("\t") }) {
      return lines.map { code($0, indent: "", rich: rich) }
    }
    var out: [String] = []
    var text: [String] = []
    var bullet: String?

    func flush() {
      if !text.isEmpty {
        let first = bullet ?? ""
        let rest = String(repeating: " ", count: first.count)
        out += wrap(text.joined(separator: " "), width: width, first: first, rest: rest, rich: rich)
      }
      text = []
      bullet = nil
    }

    var index = 0
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let fence = MarkdownFence(opening: line) {
        flush()
        var end = index + 1
        while end < lines.count && !fence.isClosed(by: lines[end]) { end += 1 }
        out += lines[min(index + 1, lines.count)..<min(end, lines.count)].map {
          code($0, indent: "    ", rich: rich)
        }
        index = end + 1
        continue
      }
      if trimmed.isEmpty {
        flush()
        if out.last != "" { out.append("") }
      } else if let level = headingLevel(line) {
        flush()
        out += heading(headingText(line), level: level, width: width, rich: rich)
      } else if trimmed.hasPrefix(">") {
        flush()
        var quoted: [String] = []
        while index < lines.count, let inner = quoteContent(lines[index]) {
          quoted.append(inner)
          index += 1
        }
        let inner = layout(quoted, width: max(width - 2, 10), rich: rich)
        out += inner.map { $0.isEmpty ? ">" : "> " + $0 }
        continue
      } else if trimmed.hasPrefix("|") {
        flush()
        out.append(line)
      } else if let (marker, content) = listItem(line) {
        flush()
        bullet = marker
        text = [content]
      } else {
        text.append(trimmed)
      }
      index += 1
    }
    flush()
    return out
  }

  /// `text` wrapped by TextArt's one wrapper, `first` before the first line and `rest` before
  /// the others. A code span is one unbreakable word (it breaks at its spaces only when longer
  /// than a line, keeping its styling on each piece). At least ten columns stay for the text.
  static func wrap(_ text: String, width: Int, first: String, rest: String, rich: Bool) -> [String]
  {
    let room = max(width - first.count, 10)
    var words: [InlineWord] = []
    for word in InlineMarkdown.words(text, rich: rich) {
      words += word.width > room ? word.splitAtSpaces() : [word]
    }
    return wrapWords(
      words.map { $0.rendered(rich: rich) }, width: first.count + room,
      firstIndent: first, restIndent: rest)
  }

  static func heading(_ text: String, level: Int, width: Int, rich: Bool) -> [String] {
    // Bold inside a heading is redundant: drop the markers in both modes.
    let plain = text.replacingOccurrences(of: "**", with: "")
    let lines = wrap(plain, width: width, first: "", rest: "", rich: rich)
    if rich { return lines.map { ANSIStyle.bold + $0 + ANSIStyle.boldOff } }
    let longest = min(lines.map { visibleWidth($0) }.max() ?? 0, width)
    return lines + [String(repeating: level == 1 ? "=" : "-", count: max(longest, 1))]
  }

  static func code(_ line: String, indent: String, rich: Bool) -> String {
    guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return "" }
    return indent + (rich ? ANSIStyle.code + line + ANSIStyle.codeOff : line)
  }

  /// The text after a quote marker (`> text` → `text`), or nil when `line` is not quoted.
  static func quoteContent(_ line: String) -> String? {
    let trimmed = line.drop { $0 == " " }
    guard trimmed.first == ">" else { return nil }
    let inner = trimmed.dropFirst()
    return String(inner.first == " " ? inner.dropFirst() : inner)
  }

  /// A list item's marker with its indent and one space (`"  - "`, `"1. "`), and its text.
  static func listItem(_ line: String) -> (String, String)? {
    let indent = line.prefix { $0 == " " }
    let rest = line.dropFirst(indent.count)
    var marker = ""
    if let first = rest.first, "-*+".contains(first) {
      marker = String(first)
    } else {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      let after = rest.dropFirst(digits.count)
      guard (1...9).contains(digits.count), let dot = after.first, dot == "." || dot == ")" else {
        return nil
      }
      marker = digits + String(dot)
    }
    let content = rest.dropFirst(marker.count)
    guard let space = content.first, space == " " || space == "\t" else { return nil }
    return (indent + marker + " ", content.trimmingCharacters(in: .whitespaces))
  }
}

import Foundation

#if canImport(TextArt)
  import TextArt  // Fuzz/run.sh compiles LessonKit and TextArt as one module
#endif

/// Splits lesson Markdown into steps: blocks separated by blank lines are prose steps
/// (headings stand alone), fenced `digitlab` blocks are cells, `digitlab-exercise` blocks
/// are exercises, and any other fenced block is kept whole as prose.
struct LessonParser {
  struct Located {
    let step: LessonStep
    let line: Int
  }

  struct Result {
    var title: String?
    var steps: [Located]
  }

  /// The file name errors mention.
  let file: String

  func parse(_ markdown: String) throws -> Result {
    // Control characters in a lesson file (an escape sequence that clears the screen or sets
    // the window title) are shown, not sent to the terminal: ESC reads ^[. Tabs are spaces.
    let lines = markdownLines(markdown).map {
      showingControlCharacters($0.replacingOccurrences(of: "\t", with: "    "))
    }
    var result = Result(title: nil, steps: [])
    var block: [String] = []
    var blockStart = 0

    func flush() {
      defer { block = [] }
      let text = block.joined(separator: "\n")
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      // An HTML comment is a note to the author, not something to show.
      if trimmed.isEmpty || (trimmed.hasPrefix("<!--") && trimmed.hasSuffix("-->")) { return }
      result.steps.append(Located(step: .prose(text), line: blockStart + 1))
    }

    var index = 0
    while index < lines.count {
      let line = lines[index]
      if let fence = MarkdownFence(opening: line) {
        flush()
        guard let close = lines[(index + 1)...].firstIndex(where: fence.isClosed(by:)) else {
          let shown = String(repeating: fence.marker, count: fence.length)
          throw LessonError(
            "unclosed \(shown) fence (no closing \(shown) before the end of the file)", file: file,
            line: index + 1)
        }
        result.steps.append(try step(fence: fence, lines: lines, open: index, close: close))
        index = close + 1
        continue
      }
      if line.trimmingCharacters(in: .whitespaces).isEmpty {
        flush()
      } else if let level = headingLevel(line) {
        flush()
        if level == 1 && result.title == nil {
          result.title = headingText(line)
        } else {
          result.steps.append(Located(step: .prose(line), line: index + 1))
        }
      } else {
        if block.isEmpty { blockStart = index }
        block.append(line)
      }
      index += 1
    }
    flush()
    return result
  }

  private func step(fence: MarkdownFence, lines: [String], open: Int, close: Int) throws -> Located
  {
    let body = Array(lines[(open + 1)..<close])
    switch fence.tag {
    case "digitlab":
      return Located(step: .cell(try cell(body, firstLine: open + 2)), line: open + 1)
    case "digitlab-exercise":
      let exercise = try Exercise(body: body, firstLine: open + 2, fenceLine: open + 1, file: file)
      return Located(step: .exercise(exercise), line: open + 1)
    default:
      return Located(step: .prose(lines[open...close].joined(separator: "\n")), line: open + 1)
    }
  }

  /// Commands and `expect:` claims of a `digitlab` block; blank lines and `#` comments are skipped.
  private func cell(_ body: [String], firstLine: Int) throws -> Cell {
    var cell = Cell(commands: [])
    for (offset, raw) in body.enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard line.lowercased().hasPrefix("expect:") else {
        guard cell.claims.isEmpty else {
          throw LessonError(
            "command `\(line)` after an `expect:` line: claims go under the cell's commands",
            file: file, line: firstLine + offset)
        }
        cell.commands.append(line)
        continue
      }
      let text = line.dropFirst("expect:".count).trimmingCharacters(in: .whitespaces)
      do {
        let check = try ExerciseCheck(parsing: text)
        cell.claims.append(Claim(check: check, line: firstLine + offset))
      } catch let error as LessonError {
        throw error.located(file: file, line: firstLine + offset)
      }
    }
    guard !cell.commands.isEmpty else {
      throw LessonError("digitlab cell has no commands", file: file, line: firstLine - 1)
    }
    return cell
  }

  /// The first `# ` heading outside fenced blocks, without parsing the rest; for catalogs.
  static func title(in markdown: String) -> String? {
    var fence: MarkdownFence?
    for line in markdownLines(markdown) {
      if let open = fence {
        if open.isClosed(by: line) { fence = nil }
      } else if let opening = MarkdownFence(opening: line) {
        fence = opening
      } else if headingLevel(line) == 1 {
        return headingText(line)
      }
    }
    return nil
  }
}

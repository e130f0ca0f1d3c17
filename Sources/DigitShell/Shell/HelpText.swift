import TextArt

/// ArgumentParser's help made to fit the screen: it wraps the overview and the option list to
/// the width it is given, but prints the `USAGE:` line whole, however long, and the terminal
/// then cuts it mid-word (issue 18).
enum HelpText {
  /// `text` with `USAGE: digitlab ` shortened to `USAGE: ` (the prompt has no `digitlab`)
  /// and a usage line wider than `width` word-wrapped: it breaks only between the usage's
  /// parts (`[--epochs <epochs>]` stays whole), later lines under the first part after the
  /// command name.
  static func fitted(_ text: String, width: Int) -> String {
    text.replacingOccurrences(of: "USAGE: digitlab ", with: "USAGE: ")
      .split(separator: "\n", omittingEmptySubsequences: false)
      .map { line in
        guard line.hasPrefix("USAGE: "), visibleWidth(line) > width else { return String(line) }
        return usageLines(String(line.dropFirst("USAGE: ".count)), width: width)
          .joined(separator: "\n")
      }
      .joined(separator: "\n")
  }

  /// `USAGE: ` and the usage's parts in lines of `width`, with a hanging indent under the
  /// first part after the command (or 9 columns when that would leave too little room).
  static func usageLines(_ usage: String, width: Int) -> [String] {
    let parts = usageParts(usage)
    let head = "USAGE: " + (parts.first ?? "") + " "
    let indent = visibleWidth(head) <= width / 2 ? visibleWidth(head) : 9
    return wrapWords(
      parts, width: width, firstIndent: "USAGE: ",
      restIndent: String(repeating: " ", count: indent))
  }

  /// The usage split at spaces outside brackets, an option joined to the value after it:
  /// `train [--net <net>] --out <out> [<numbers> ...]` gives `train`, `[--net <net>]`,
  /// `--out <out>`, `[<numbers> ...]`.
  static func usageParts(_ usage: String) -> [String] {
    var parts: [String] = []
    var current = ""
    var depth = 0
    for character in usage {
      if character == "[" || character == "<" { depth += 1 }
      if character == "]" || character == ">" { depth = max(0, depth - 1) }
      if character == " " && depth == 0 {
        if !current.isEmpty { parts.append(current) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { parts.append(current) }
    var joined: [String] = []
    for part in parts {
      if part.hasPrefix("<"), let last = joined.last, last.hasPrefix("-") {
        joined[joined.count - 1] = last + " " + part
      } else {
        joined.append(part)
      }
    }
    return joined
  }
}

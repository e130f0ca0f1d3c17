import Foundation

/// A stretch of inline text with one style.
struct InlineRun: Equatable {
  var text: String
  var bold: Bool
  var code: Bool
}

/// An unbreakable unit for wrapping: a word, or a whole `code span` with its spaces.
struct InlineWord {
  var runs: [InlineRun] = []

  var isEmpty: Bool { runs.isEmpty }

  /// Columns taken on screen.
  var width: Int { runs.reduce(0) { $0 + $1.text.count } }

  mutating func append(_ character: Character, bold: Bool, code: Bool) {
    if let last = runs.last, last.bold == bold, last.code == code {
      runs[runs.count - 1].text.append(character)
    } else {
      runs.append(InlineRun(text: String(character), bold: bold, code: code))
    }
  }

  /// The word cut at its spaces (only code spans hold spaces).
  func splitAtSpaces() -> [InlineWord] {
    InlineWord.split(runs) { _, character in character == " " }
  }

  /// Cuts `runs` into words at every character where `isBreak` holds (the break is dropped),
  /// keeping each character's bold and code styling.
  static func split(_ runs: [InlineRun], at isBreak: (InlineRun, Character) -> Bool) -> [InlineWord]
  {
    var words: [InlineWord] = []
    var current = InlineWord()
    for run in runs {
      for character in run.text {
        if isBreak(run, character) {
          if !current.isEmpty { words.append(current) }
          current = InlineWord()
        } else {
          current.append(character, bold: run.bold, code: run.code)
        }
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  /// The word as text: plain in ascii mode; ANSI bold and a colour for code in rich mode.
  func rendered(rich: Bool) -> String {
    guard rich else { return runs.map(\.text).joined() }
    return runs.map { run -> String in
      var text = run.text
      if run.code { text = ANSIStyle.code + text + ANSIStyle.codeOff }
      if run.bold { text = ANSIStyle.bold + text + ANSIStyle.boldOff }
      return text
    }.joined()
  }
}

/// The escape sequences rich mode uses; each has its own "off" so styles nest.
enum ANSIStyle {
  static let bold = "\u{1B}[1m"
  static let boldOff = "\u{1B}[22m"
  static let code = "\u{1B}[36m"
  static let codeOff = "\u{1B}[39m"
}

/// Reads `**bold**` and `` `code` `` spans. Unmatched markers stay as text.
enum InlineMarkdown {
  /// The runs of `text`. In ascii mode (`rich == false`) code spans keep their backticks
  /// (shown as-is) and bold markers disappear; in rich mode both markers disappear.
  static func runs(_ text: String, rich: Bool) -> [InlineRun] {
    let characters = Array(emphasisAsBold(text))
    var runs: [InlineRun] = []
    var plain = ""
    var bold = false
    // The last `**`: an opening `**` needs a closing one after it.
    var lastPair = -1
    for index in characters.indices.dropLast()
    where characters[index] == "*" && characters[index + 1] == "*" {
      lastPair = index
    }

    func flush() {
      if !plain.isEmpty { runs.append(InlineRun(text: plain, bold: bold, code: false)) }
      plain = ""
    }

    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "`" {
        let length = backtickRun(characters, at: index)
        if let close = closingBackticks(characters, length: length, from: index + length) {
          flush()
          let inner = String(characters[(index + length)..<close])
          let shown = rich ? trimmedCode(inner) : String(characters[index..<(close + length)])
          runs.append(InlineRun(text: shown, bold: bold, code: true))
          index = close + length
        } else {
          plain += String(repeating: "`", count: length)
          index += length
        }
        continue
      }
      if character == "*", index + 1 < characters.count, characters[index + 1] == "*" {
        if bold || lastPair >= index + 2 {
          flush()
          bold.toggle()
        } else {
          plain += "**"
        }
        index += 2
        continue
      }
      plain.append(character)
      index += 1
    }
    flush()
    return runs
  }

  /// `*emphasis*` is shown like `**bold**` (ascii mode drops the markers of both).
  static func emphasisAsBold(_ text: String) -> String {
    guard text.contains("*"),
      let pattern = try? NSRegularExpression(
        pattern: #"(?<![*\w`])\*(?![\s*])([^*`\n]+?)(?<![\s*])\*(?![*\w])"#)
    else {
      return text
    }
    let range = NSRange(text.startIndex..., in: text)
    return pattern.stringByReplacingMatches(in: text, range: range, withTemplate: "**$1**")
  }

  /// The words of `text` for wrapping: split at whitespace outside code spans.
  static func words(_ text: String, rich: Bool) -> [InlineWord] {
    InlineWord.split(runs(text, rich: rich)) { run, character in !run.code && character.isWhitespace
    }
  }

  private static func backtickRun(_ characters: [Character], at start: Int) -> Int {
    var end = start
    while end < characters.count && characters[end] == "`" { end += 1 }
    return end - start
  }

  private static func closingBackticks(_ characters: [Character], length: Int, from start: Int)
    -> Int?
  {
    var index = start
    while index < characters.count {
      if characters[index] == "`" {
        let run = backtickRun(characters, at: index)
        if run == length { return index }
        index += run
      } else {
        index += 1
      }
    }
    return nil
  }

  /// CommonMark drops one space each side of a code span's content when both are there.
  private static func trimmedCode(_ inner: String) -> String {
    guard inner.count >= 2, inner.hasPrefix(" "), inner.hasSuffix(" "),
      inner.contains(where: { $0 != " " })
    else { return inner }
    return String(inner.dropFirst().dropLast())
  }
}

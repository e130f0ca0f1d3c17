// The one word-wrapper for every piece of text DigitLab lays out: renderers, reports,
// help, lesson prose. One rule everywhere:
//
// - lines break only at spaces (a run of spaces between two words counts as one);
// - widths are terminal columns (`visibleWidth`): ANSI escapes take none, `→`, `█`, `·`
//   take one, wide characters two;
// - a word is never split unless it alone is longer than a line; then it is cut into
//   line-sized pieces, and what follows may join its last piece;
// - the first line starts with `firstIndent`, every later one with `restIndent`;
// - spaces that begin the text (or a line of it) are kept on every line that line
//   becomes, so an indented paragraph stays indented;
// - a newline in the text ends a line; an empty line between two stays empty; text with no words
//   gives no lines. Lines never end in spaces.

/// `text` broken at spaces into lines of at most `width` columns, indents included
/// (an indent wider than `width` still leaves one column for text).
public func wrapText(
  _ text: String, width: Int, firstIndent: String = "", restIndent: String = ""
) -> [String] {
  var lines: [String] = []
  for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
    let leading = String(paragraph.prefix { $0 == " " })
    let words = paragraph.split(separator: " ").map(String.init)
    if words.isEmpty {
      if !lines.isEmpty { lines.append("") }
      continue
    }
    let first = lines.isEmpty ? firstIndent : restIndent
    lines += wrapWords(
      words, width: width, firstIndent: first + leading, restIndent: restIndent + leading)
  }
  while lines.last == "" { lines.removeLast() }
  return lines
}

/// `words` (each already styled; a word may hold spaces it wants kept together) flowed
/// into lines of at most `width` columns, `gap` spaces between neighbours. A word longer
/// than its line is first broken at its own spaces, then cut if a piece is still too long.
public func wrapWords(
  _ words: [String], width: Int, gap: Int = 1, firstIndent: String = "", restIndent: String = ""
) -> [String] {
  var layout = WrapLayout(
    width: width, gap: max(0, gap), firstIndent: firstIndent, restIndent: restIndent)
  for word in words {
    let columns = visibleWidth(word)
    if columns <= layout.room || !word.contains(" ") {
      layout.place(word, columns: columns)
    } else {
      for (index, part) in word.split(separator: " ").enumerated() {
        layout.place(String(part), columns: visibleWidth(part), gap: index == 0 ? nil : 1)
      }
    }
  }
  return layout.finished()
}

/// Greedy line filling for `wrapWords`: the line being built, and the ones done.
private struct WrapLayout {
  let width: Int
  let gap: Int
  let firstIndent: String
  let restIndent: String
  var lines: [String] = []
  var current = ""
  var used = 0

  init(width: Int, gap: Int, firstIndent: String, restIndent: String) {
    self.width = width
    self.gap = gap
    self.firstIndent = firstIndent
    self.restIndent = restIndent
  }

  /// Columns for text on the line being built.
  var room: Int {
    max(1, width - visibleWidth(lines.isEmpty ? firstIndent : restIndent))
  }

  /// Adds `word` (`columns` wide) after the current line's words, `gap` (default: the
  /// layout's) spaces after the last one, or on a new line when it does not fit.
  mutating func place(_ word: String, columns: Int, gap: Int? = nil) {
    let gap = gap ?? self.gap
    if !current.isEmpty && used + gap + columns <= room {
      current += String(repeating: " ", count: gap) + word
      used += gap + columns
      return
    }
    if !current.isEmpty { endLine() }
    if columns <= room {
      current = word
      used = columns
      return
    }
    var pieces = cut(word)
    let last = pieces.removeLast()
    for piece in pieces {
      current = piece
      endLine()
    }
    current = last
    used = visibleWidth(last)
  }

  mutating func endLine() {
    var line = (lines.isEmpty ? firstIndent : restIndent) + current
    while line.hasSuffix(" ") { line.removeLast() }
    lines.append(line)
    current = ""
    used = 0
  }

  mutating func finished() -> [String] {
    if !current.isEmpty { endLine() }
    return lines
  }

  /// `word` cut into pieces that fill the rooms of the lines they will start, the first
  /// on a fresh line. Escapes stay with the characters they come before; a character wider
  /// than a whole line gets a piece of its own.
  private func cut(_ word: String) -> [String] {
    var pieces: [String] = []
    var piece = ""
    var pieceColumns = 0
    var scanner = EscapeScanner()
    let firstRoom = room
    let laterRoom = max(1, width - visibleWidth(restIndent))
    for character in word {
      var columns = 0
      for scalar in character.unicodeScalars where scanner.isVisible(scalar) {
        columns += terminalColumns(of: scalar)
      }
      let limit = pieces.isEmpty ? firstRoom : laterRoom
      if columns > 0 && pieceColumns > 0 && pieceColumns + columns > limit {
        pieces.append(piece)
        piece = ""
        pieceColumns = 0
      }
      piece.append(character)
      pieceColumns += columns
    }
    pieces.append(piece)
    return pieces
  }
}

/// Small text-layout helpers shared by the renderers. All widths are visible
/// terminal columns (see `visibleWidth`).
enum TextLayout {
  /// Caller-supplied text made safe to print: escapes and control characters
  /// removed (newlines and tabs become spaces) and, when `unicode` is false,
  /// common symbols spelled in ASCII (`→` becomes `>`), anything else `?`.
  static func sanitize(_ text: String, unicode: Bool) -> String {
    var result = ""
    for scalar in stripANSI(text).unicodeScalars {
      let value = scalar.value
      if value == 0x09 || value == 0x0A || value == 0x0D {
        result += " "
      } else if value < 0x20 || (0x7F..<0xA0).contains(value) {
        continue
      } else if value < 0x80 || unicode {
        result.unicodeScalars.append(scalar)
      } else {
        result += asciiSpelling(of: scalar)
      }
    }
    return result
  }

  private static func asciiSpelling(of scalar: Unicode.Scalar) -> String {
    switch scalar {
    case "→", "⟶", "➔": return ">"
    case "←", "⟵": return "<"
    case "↔": return "<>"
    case "×": return "x"
    case "–", "—", "−": return "-"
    case "‘", "’": return "'"
    case "“", "”": return "\""
    case "…": return "..."
    case "≤": return "<="
    case "≥": return ">="
    case "±": return "+/-"
    case "µ", "μ": return "u"
    case "·", "•": return "*"
    case "\u{A0}": return " "
    default:
      return terminalColumns(of: scalar) == 0 ? "" : "?"
    }
  }

  /// The first `limit` columns of `text` (escapes kept, colour reset at the
  /// end if the cut dropped a reset).
  static func clip(_ text: String, to limit: Int) -> String {
    if visibleWidth(text) <= limit { return text }
    var result = String.UnicodeScalarView()
    var scanner = EscapeScanner()
    var used = 0
    var sawEscape = false
    for scalar in text.unicodeScalars {
      if scanner.isVisible(scalar) {
        let cost = terminalColumns(of: scalar)
        if used + cost > max(0, limit) { break }
        used += cost
      } else {
        sawEscape = true
      }
      result.append(scalar)
    }
    let clipped = String(result)
    return sawEscape ? clipped + Ink.reset : clipped
  }

  /// `text` cut to `limit` columns, marking a cut with a final `.` or `…`.
  static func truncate(_ text: String, to limit: Int, unicode: Bool) -> String {
    if limit <= 0 { return "" }
    if visibleWidth(text) <= limit { return text }
    if limit == 1 { return clip(text, to: 1) }
    return clip(text, to: limit - 1) + (unicode ? "…" : ".")
  }

  static func padRight(_ text: String, to width: Int) -> String {
    let gap = width - visibleWidth(text)
    return gap > 0 ? text + String(repeating: " ", count: gap) : text
  }

  static func padLeft(_ text: String, to width: Int) -> String {
    let gap = width - visibleWidth(text)
    return gap > 0 ? String(repeating: " ", count: gap) + text : text
  }

  /// `text` centred in `width` columns (extra space goes to the right).
  static func center(_ text: String, in width: Int) -> String {
    let gap = width - visibleWidth(text)
    if gap <= 0 { return text }
    let left = gap / 2
    return String(repeating: " ", count: left) + text + String(repeating: " ", count: gap - left)
  }

  /// The widest output any renderer produces, whatever it is asked for.
  static let widestLine = 1000

  /// A caller's width made usable: at least 1, at most `widestLine`.
  static func columns(_ requested: Int) -> Int {
    min(max(1, requested), widestLine)
  }

  /// The final step of every renderer: each line clipped to `width` and
  /// stripped of trailing spaces, joined with newlines (no trailing newline).
  static func finish(_ lines: [String], width: Int) -> String {
    let limit = max(1, width)
    return lines.map { line -> String in
      var fitted = clip(line, to: limit)
      while fitted.hasSuffix(" ") { fitted.removeLast() }
      return fitted
    }.joined(separator: "\n")
  }
}

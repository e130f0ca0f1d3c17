import TextArt

/// Plain layout for the probe reports: blocks of lines side by side, and wrapped prose.
/// Widths are visible columns, so coloured lines line up as plain ones do.
public enum TextColumns {
  /// `left` and `right` side by side, `gap` columns apart; `right` starts `offset` lines down.
  /// Trailing spaces are trimmed (the renderers' habit).
  public static func beside(_ left: [String], _ right: [String], gap: Int = 3, offset: Int = 0)
    -> [String]
  {
    let leftWidth = left.map { visibleWidth($0) }.max() ?? 0
    let count = max(left.count, right.count + offset)
    return (0..<count).map { row in
      let l = row < left.count ? left[row] : ""
      let r = row - offset >= 0 && row - offset < right.count ? right[row - offset] : ""
      guard !r.isEmpty else { return l }
      return l + String(repeating: " ", count: leftWidth - visibleWidth(l) + gap) + r
    }.map(trimmed)
  }

  /// `text` centred in `width` columns (extra space to the right, then trimmed).
  public static func centred(_ text: String, in width: Int) -> String {
    let gap = max(0, width - visibleWidth(text))
    return String(repeating: " ", count: gap / 2) + text
  }

  /// `text` padded with spaces to `width` columns.
  public static func padded(_ text: String, to width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - visibleWidth(text)))
  }

  /// The lines of a rendered picture.
  public static func lines(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  static func trimmed(_ line: String) -> String {
    var s = Substring(line)
    while s.hasSuffix(" ") { s = s.dropLast() }
    return String(s)
  }
}

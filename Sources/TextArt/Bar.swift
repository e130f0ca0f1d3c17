/// Horizontal bars for bar charts and progress lines.
enum Bar {
  /// Eighth blocks for the tip of a Unicode bar, from one eighth to seven.
  private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  /// A bar `width` cells wide filled to `fraction` (clamped to 0...1; NaN is
  /// empty), split into its filled part and the rest. ASCII fills whole
  /// cells with `fill`; Unicode uses `█` and an eighth block at the tip.
  static func parts(
    fraction: Double, width: Int, unicode: Bool, fill: Character = "#", empty: Character = " "
  ) -> (filled: String, rest: String) {
    let cells = max(0, width)
    let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
    if !unicode {
      let full = Int((clamped * Double(cells)).rounded())
      return (String(repeating: fill, count: full), String(repeating: empty, count: cells - full))
    }
    let units = Int((clamped * Double(cells * 8)).rounded())
    var filled = String(repeating: "█", count: units / 8)
    if units % 8 > 0 { filled.append(eighths[units % 8 - 1]) }
    let used = units / 8 + (units % 8 > 0 ? 1 : 0)
    return (filled, String(repeating: empty, count: max(0, cells - used)))
  }
}

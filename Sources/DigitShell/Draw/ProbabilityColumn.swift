import Foundation

/// The narrow probability bars beside the canvas: one line per digit, `9 ████▌    57.3%`,
/// and the verdict under them. 18 columns wide.
enum ProbabilityColumn {
  static let barCells = 9
  static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  static func lines(_ probabilities: [Double]?, model: String, rich: Bool) -> [String] {
    let title = String("\(model) reads:".prefix(DrawLayout.barsWidth))
    guard let p = probabilities, p.count == 10 else {
      return [title, "", "draw a digit and", "watch the bars", "change as you go"]
    }
    let best = p.indices.max { p[$0] < p[$1] } ?? 0
    var lines = [title]
    for (digit, value) in p.enumerated() {
      let bar = rich ? richBar(value) : asciiBar(value)
      let line = "\(digit) \(bar) " + String(format: "%5.1f%%", value * 100)
      lines.append(rich && digit == best ? "\u{1B}[1;32m" + line + CanvasArt.reset : line)
    }
    lines.append("")
    lines.append(String(format: "Most likely: %d", best))
    return lines
  }

  /// `v` (0…1) of `cells` columns in #, padded with spaces to `cells`.
  static func asciiBar(_ v: Double, cells: Int = barCells) -> String {
    let n = min(cells, max(0, Int((v * Double(cells)).rounded())))
    return String(repeating: "#", count: n) + String(repeating: " ", count: cells - n)
  }

  /// Full blocks and one partial block, in eighths of a cell, padded with spaces to `cells`.
  static func richBar(_ v: Double, cells: Int = barCells) -> String {
    let total = min(cells * 8, max(0, Int((v * Double(cells * 8)).rounded())))
    var bar = String(repeating: "█", count: total / 8)
    if total % 8 > 0 { bar.append(eighths[total % 8 - 1]) }
    return bar + String(repeating: " ", count: cells - bar.count)
  }
}

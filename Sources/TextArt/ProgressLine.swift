/// The one-line training progress display, redrawn in place by the caller.
public enum ProgressLine {
  /// Cells of the bar at most and (while anything else can be dropped) at least.
  static let barRange = 6...30

  /// One line such as
  /// `epoch 2/5 [#########.........] 31,200/60,000  2,310 img/s  ETA 0:12  loss 0.214`,
  /// never wider than `width`. When narrow, parts go in this order: speed,
  /// image count (replaced by a percentage), ETA, loss; then the word
  /// "epoch" and finally the bar. Rich style draws the bar as a coloured
  /// line; ASCII as `#` and `.` in brackets.
  public static func render(_ info: ProgressInfo, width: Int = 80, style: ArtStyle) -> String {
    let width = TextLayout.columns(width)
    let fraction = info.total > 0 ? min(1, max(0, Double(info.done) / Double(info.total))) : 0
    let epochs = "\(info.epoch)/\(info.epochs)"
    let count = "\(NumberFormat.grouped(info.done))/\(NumberFormat.grouped(info.total))"
    let percent = NumberFormat.fixed(fraction * 100, 0) + "%"
    let rate =
      info.imagesPerSecond.isFinite && info.imagesPerSecond >= 0 && info.imagesPerSecond < 1e15
      ? NumberFormat.grouped(Int(info.imagesPerSecond.rounded())) + " img/s" : "-- img/s"
    let eta = "ETA " + NumberFormat.duration(info.etaSeconds)
    let loss = "loss " + lossText(info.runningLoss)

    // From the fullest line to the barest; the first that fits wins.
    let layouts: [[Part]] = [
      [.text("epoch " + epochs), .bar, .text(count), .text(rate), .text(eta), .text(loss)],
      [.text("epoch " + epochs), .bar, .text(count), .text(eta), .text(loss)],
      [.text("epoch " + epochs), .bar, .text(percent), .text(eta), .text(loss)],
      [.text("epoch " + epochs), .bar, .text(percent), .text(loss)],
      [.text("epoch " + epochs), .bar, .text(percent)],
      [.text(epochs), .bar, .text(percent)],
    ]
    for (index, layout) in layouts.enumerated() {
      let fixed =
        layout.reduce(0) { $0 + $1.width } + 2 * (layout.count - 1) + (style.unicode ? 0 : 2)
      let room = width - fixed
      let isLast = index == layouts.count - 1
      if room >= barRange.lowerBound || (isLast && room >= 3) {
        return line(
          layout, barCells: min(barRange.upperBound, room), fraction: fraction, style: style)
      }
    }
    return TextLayout.finish([epochs + " " + percent], width: width)
  }

  private enum Part {
    case text(String)
    case bar

    var width: Int {
      if case .text(let text) = self { return visibleWidth(text) }
      return 0
    }
  }

  private static func line(_ parts: [Part], barCells: Int, fraction: Double, style: ArtStyle)
    -> String
  {
    var line = StyledLine(color: style.color)
    for (index, part) in parts.enumerated() {
      if index > 0 { line.append(index == 1 ? " " : "  ") }
      switch part {
      case .text(let text):
        line.append(text, index == 0 ? Ink(bold: true) : .plain)
      case .bar:
        appendBar(to: &line, cells: barCells, fraction: fraction, style: style)
      }
    }
    return line.finished
  }

  private static func appendBar(
    to line: inout StyledLine, cells: Int, fraction: Double, style: ArtStyle
  ) {
    if !style.unicode {
      let bar = Bar.parts(fraction: fraction, width: cells, unicode: false, fill: "#", empty: ".")
      line.append("[")
      line.append(bar.filled, Ink(foreground: Palette.good))
      line.append(bar.rest, Ink(foreground: Palette.dim))
      line.append("]")
    } else if style.color {
      // A thin coloured line, as pip draws it: bright for done, dim for to do.
      let halves = Int((fraction * Double(cells * 2)).rounded())
      var done = String(repeating: "━", count: halves / 2)
      if halves % 2 == 1 { done += "╸" }
      line.append(done, Ink(foreground: Palette.good))
      line.append(
        String(repeating: "━", count: cells - halves / 2 - halves % 2), Ink(foreground: 238))
    } else {
      let bar = Bar.parts(fraction: fraction, width: cells, unicode: true, empty: "░")
      line.append(bar.filled + bar.rest)
    }
  }

  private static func lossText(_ loss: Double) -> String {
    guard loss.isFinite else { return "--" }
    return NumberFormat.fixed(loss, abs(loss) < 10 ? 3 : 1)
  }
}

/// A chart of one or two epochs, drawn as a bar per epoch with its value printed: a line
/// through one or two points says little (one epoch was once three dots stacked in one
/// column), a labelled bar says it all. Series are grouped under their axis' name:
///
///     loss
///       train loss      epoch 1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 1.6910
///       test loss       epoch 1 ┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅┅ 1.1897
///     accuracy %
///       test accuracy   epoch 1 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 67.31
///
/// Bars of one axis share a scale, from 0 (or the axis' fixed range) to the largest value,
/// so their lengths compare. Colours and strokes are the line chart's: a dotted series'
/// bar is `┅` (`:` in ASCII), a solid one's `━` (`#`).
enum EpochBars {
  /// The longest bar, in cells: on a wide screen a longer one only moves its value away.
  static let maxBar = 80

  static func lines(_ chart: PreparedChart, width: Int, height: Int, style: ArtStyle) -> [String] {
    let epochs = chart.epochCount
    let epochLabel = { (epoch: Int) in
      chart.xLabel.isEmpty ? "\(epoch)" : "\(chart.xLabel) \(epoch)"
    }
    let epochWidth = visibleWidth(epochLabel(epochs))
    let valueWidth =
      chart.series.flatMap { $0.values.map { valueText($0).count } }.max() ?? 1
    let longestName = chart.series.map { visibleWidth($0.name) }.max() ?? 0
    // Indent, name, two spaces, epoch, space, bar, space, value.
    let fixed = 2 + 2 + epochWidth + 1 + 1 + valueWidth
    let nameWidth = min(longestName, max(4, (width - fixed) / 3))
    let layout = Layout(
      nameWidth: nameWidth, epochWidth: epochWidth,
      barWidth: max(1, min(maxBar, width - fixed - nameWidth)), style: style)

    var groups: [[String]] = []
    let axes: [(ChartSeries.Axis, String, ClosedRange<Double>?)] = [
      (.left, chart.leftLabel, chart.leftRange), (.right, chart.rightLabel, chart.rightRange),
    ]
    for (axis, label, range) in axes {
      let members = chart.series.filter { $0.axis == axis }
      guard !members.isEmpty else { continue }
      // A percentage's bar is out of 100, so 60% never looks like a full bar.
      let percent: ClosedRange<Double>? = label.contains("%") ? 0...100 : nil
      let scale = BarScale(values: chart.values(on: axis), fixed: range ?? percent)
      var group: [String] = []
      if !label.isEmpty {
        var line = StyledLine(color: style.color)
        let ink = chart.soleInk(on: axis).map { Ink(foreground: Palette.seriesColor($0)) }
        line.append(TextLayout.truncate(label, to: width, unicode: style.unicode), ink ?? .plain)
        group.append(line.finished)
      }
      for plot in members {
        for epoch in 0..<epochs {
          let value = epoch < plot.values.count ? plot.values[epoch] : nil
          group.append(
            layout.line(
              name: epoch == 0 ? plot.name : "", epoch: epochLabel(epoch + 1), value: value,
              plot: plot, scale: scale))
        }
      }
      groups.append(group)
    }
    // A blank line between the axes' groups when the height has room for it.
    let spaced = groups.map(\.count).reduce(0, +) + groups.count - 1 <= height
    return groups.enumerated().flatMap { index, group in
      index > 0 && spaced ? [""] + group : group
    }
  }

  /// A value as printed beside its bar: 4 decimals under 10 (losses, as the epoch
  /// lines print them), 2 under 1000 (percentages), else none; `-` for a missing value.
  static func valueText(_ value: Double?) -> String {
    guard let value else { return "-" }
    let size = abs(value)
    return NumberFormat.fixed(value, size < 10 ? 4 : size < 1000 ? 2 : 0)
  }

  /// The columns of one bar line.
  private struct Layout {
    let nameWidth: Int
    let epochWidth: Int
    let barWidth: Int
    let style: ArtStyle

    func line(
      name: String, epoch: String, value: Double?, plot: PlotSeries, scale: BarScale
    ) -> String {
      var line = StyledLine(color: style.color)
      line.append("  " + TextLayout.truncate(name, to: nameWidth, unicode: style.unicode))
      line.pad(to: 2 + nameWidth + 2)
      line.append(TextLayout.padRight(epoch, to: epochWidth) + " ")
      let length = value.map { scale.cells($0, of: barWidth) } ?? 0
      let glyph: String =
        style.unicode ? (plot.stroke == .dotted ? "┅" : "━") : (plot.stroke == .dotted ? ":" : "#")
      line.append(
        String(repeating: glyph, count: length), Ink(foreground: Palette.seriesColor(plot.ink)))
      line.append((length > 0 ? " " : "") + EpochBars.valueText(value))
      return line.finished
    }
  }
}

/// The common scale of one axis' bars.
private struct BarScale {
  let low: Double
  let high: Double

  /// A fixed range as given; else from 0 (or the smallest value, if negative) to the largest.
  init(values: [Double], fixed: ClosedRange<Double>?) {
    if let fixed, fixed.upperBound > fixed.lowerBound, fixed.lowerBound.isFinite,
      fixed.upperBound.isFinite
    {
      low = fixed.lowerBound
      high = fixed.upperBound
    } else {
      let smallest = min(0, values.min() ?? 0)
      let largest = max(0, values.max() ?? 0)
      low = smallest
      high = largest > smallest ? largest : smallest + 1
    }
  }

  /// Cells of a `width`-cell bar for `value`: at least one for any value above the low end.
  func cells(_ value: Double, of width: Int) -> Int {
    let fraction = (value - low) / (high - low)
    guard fraction.isFinite else { return 0 }
    let length = Int((min(1, max(0, fraction)) * Double(width)).rounded())
    return value > low ? max(1, length) : length
  }
}

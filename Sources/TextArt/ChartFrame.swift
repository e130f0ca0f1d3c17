/// Geometry and furniture of a line chart: where the plot sits, the axes,
/// their ticks and labels.
struct ChartFrame {
  /// Width of the left tick labels.
  let leftWidth: Int
  /// Plot size in character cells.
  let columns: Int
  let rows: Int
  /// Number of epochs on the horizontal axis.
  let epochCount: Int
  /// Whether a right axis closes the plot.
  let hasRightAxis: Bool
  /// Width of the whole chart line.
  let lineWidth: Int
  let style: ArtStyle
  /// Colour slots for the left and right tick labels; nil keeps them plain.
  var leftInk: Int? = nil
  var rightInk: Int? = nil

  /// Empty cells kept between the axes and the first and last epoch, so
  /// lines do not run into the axes or their labels: two on a wide plot, where
  /// one cell beside a braille line still reads as touching.
  private var margin: Int { columns >= 60 ? 2 : columns >= 3 ? 1 : 0 }
  private var leftMargin: Int { margin }
  private var rightMargin: Int { hasRightAxis ? margin : 0 }

  /// Column where the plot starts (after the labels, a space and the axis).
  var plotStart: Int { leftWidth + 2 }

  /// Horizontal dot position of the value at `index` (epoch `index + 1`).
  func dotX(index: Int, dotColumns: Int) -> Double {
    let perCell = dotColumns / max(1, columns)
    let first = Double(leftMargin * perCell)
    let span = Double(max(0, dotColumns - 1 - (leftMargin + rightMargin) * perCell))
    if epochCount <= 1 { return first + (span / 2).rounded(.down) }
    return first + Double(index) / Double(epochCount - 1) * span
  }

  /// Character column (inside the plot) of epoch `epoch`.
  private func column(ofEpoch epoch: Int) -> Int {
    let span = Double(max(0, columns - 1 - leftMargin - rightMargin))
    if epochCount <= 1 { return leftMargin + Int(span / 2) }
    return leftMargin + Int((Double(epoch - 1) / Double(epochCount - 1) * span).rounded())
  }

  private var glyphs:
    (
      vertical: String, leftTick: String, rightTick: String,
      horizontal: String, tick: String, leftCorner: String, rightCorner: String
    )
  {
    style.unicode
      ? ("│", "┤", "├", "─", "┬", "└", "┘")
      : ("|", "+", "+", "-", "+", "+", "+")
  }

  private var axisInk: Ink { Ink(foreground: Palette.dim) }

  /// The plot rows with tick labels and axes at both sides.
  func plotLines(canvas: ChartCanvas, left: AxisScale, right: AxisScale?) -> [String] {
    let span = Double(rows - 1)
    let tickRows = { (scale: AxisScale) -> [Int: String] in
      var labels: [Int: String] = [:]
      for tick in scale.ticks {
        let row = Int(scale.position(tick, span: span).rounded())
        if labels[row] == nil { labels[row] = scale.label(tick) }
      }
      return labels
    }
    let leftTicks = tickRows(left)
    let rightTicks = right.map(tickRows) ?? [:]
    let glyph = glyphs
    let labelInk = { (slot: Int?) in
      slot.map { Ink(foreground: Palette.seriesColor($0)) } ?? .plain
    }
    var lines: [String] = []
    for row in 0..<rows {
      var line = StyledLine(color: style.color)
      let label = leftTicks[row] ?? ""
      line.pad(to: leftWidth - visibleWidth(label))
      line.append(label, labelInk(leftInk))
      line.pad(to: leftWidth + 1)
      line.append(leftTicks[row] == nil ? glyph.vertical : glyph.leftTick, axisInk)
      for column in 0..<columns {
        if let cell = canvas.cell(column: column, row: row) {
          line.append(cell.character, Ink(foreground: Palette.seriesColor(cell.ink)))
        } else {
          line.append(" ")
        }
      }
      if right != nil {
        line.append(rightTicks[row] == nil ? glyph.vertical : glyph.rightTick, axisInk)
        if let label = rightTicks[row] {
          line.append(" ")
          line.append(label, labelInk(rightInk))
        }
      }
      lines.append(line.finished)
    }
    return lines
  }

  /// The epoch axis: its line with tick marks, the tick numbers and its name.
  func epochAxisLines(xLabel: String) -> [String] {
    let epochs = epochTicks()
    let glyph = glyphs
    var axis = StyledLine(color: style.color)
    axis.append(String(repeating: " ", count: leftWidth + 1))
    var rule = glyph.leftCorner
    let tickColumns = Set(epochs.map { column(ofEpoch: $0) })
    for column in 0..<columns {
      rule += tickColumns.contains(column) ? glyph.tick : glyph.horizontal
    }
    if hasRightAxis { rule += glyph.rightCorner }
    axis.append(rule, axisInk)
    var numbers = ""
    for epoch in epochs {
      let label = String(epoch)
      // Centred under its tick, but pulled left rather than cut at the edge.
      let start = min(
        plotStart + column(ofEpoch: epoch) - (label.count - 1) / 2, lineWidth - label.count)
      if start < numbers.count + (numbers.isEmpty ? 0 : 1) { continue }
      numbers = TextLayout.padRight(numbers, to: start) + label
    }
    var lines = [axis.finished, numbers]
    if !xLabel.isEmpty {
      let label = TextLayout.truncate(xLabel, to: columns, unicode: style.unicode)
      lines.append(String(repeating: " ", count: plotStart) + TextLayout.center(label, in: columns))
    }
    return lines
  }

  /// Epoch numbers to label: 1 and then every `step`-th epoch, with `step`
  /// the smallest of 1, 2, 5, 10, 20, 50, … that keeps labels apart.
  func epochTicks() -> [Int] {
    guard epochCount > 1 else { return epochCount == 1 ? [1] : [] }
    let labelWidth = String(epochCount).count
    let perEpoch = Double(columns - 1 - leftMargin - rightMargin) / Double(epochCount - 1)
    var step = 1
    var base = 1
    search: while base < Int.max / 10 {
      for multiple in [1, 2, 5] {
        step = multiple * base
        if Double(step) * perEpoch >= Double(labelWidth + 2) || step >= epochCount { break search }
      }
      base *= 10
    }
    if step == 1 { return Array(1...epochCount) }
    if step == 2 { return Array(stride(from: 1, through: epochCount, by: 2)) }
    var ticks = [1]
    for epoch in stride(from: step, through: epochCount, by: step) {
      let gap = Double(epoch - (ticks.last ?? 1)) * perEpoch
      if gap >= Double(labelWidth + 1) { ticks.append(epoch) }
    }
    return ticks
  }
}

/// Line charts of per-epoch values (loss, accuracy) with a left and an
/// optional right axis.
public enum LineChart {
  /// The chart in exactly `width` columns and, when there is room, `height`
  /// lines (title, axis names, plot, epoch axis, legend). The plot keeps at
  /// least 3 rows (and at most 500), so a tiny `height` gives a taller result.
  ///
  /// - ASCII and monochrome: each series is drawn with its own marker
  ///   (`*`, `o`, `+`, `x`, `#`, `@`, `%`, `&`), lines included, and its
  ///   measured points are drawn last so every series stays visible where
  ///   lines cross; coloured too when colour is on without Unicode.
  /// - Rich: braille dots (2×4 per character) in a colour per series; a point
  ///   with no neighbour to join shows as `●`.
  ///
  /// Epoch `i + 1` holds `values[i]`; epochs run evenly from the left edge to
  /// the right edge (a single epoch sits in the middle). Ticks on the epoch
  /// axis are 1 and multiples of 1, 2, 5, 10, … chosen so labels never touch.
  /// Vertical axes get round ticks fitted to their own series. If only
  /// right-axis series have data, they are drawn on the left axis.
  public static func render(_ chart: Chart, width: Int = 80, height: Int = 20, style: ArtStyle)
    -> String
  {
    let width = TextLayout.columns(width)
    let clean = { (text: String) in TextLayout.sanitize(text, unicode: style.unicode) }
    var lines: [String] = []
    let title = clean(chart.title)
    if !title.isEmpty {
      var line = StyledLine(color: style.color)
      line.append(
        TextLayout.center(TextLayout.truncate(title, to: width, unicode: style.unicode), in: width),
        Ink(bold: true))
      lines.append(line.finished)
    }

    var series = chart.series.enumerated().map { index, raw in
      PlotSeries(
        index: index, name: clean(raw.name), axis: raw.axis,
        values: raw.values.map { value in
          guard let value, value.isFinite, abs(value) < AxisScale.limit else { return nil }
          return value
        })
    }
    let epochCount = series.map { $0.values.count }.max() ?? 0
    guard series.contains(where: { $0.hasData }) else {
      lines.append(TextLayout.center("(no data yet)", in: width))
      return TextLayout.finish(lines, width: width)
    }

    var leftLabel = clean(chart.leftLabel)
    var leftRange = chart.leftRange
    let rightLabel = clean(chart.rightLabel)
    var useRight = series.contains { $0.axis == .right && $0.hasData }
    if !series.contains(where: { $0.axis == .left && $0.hasData }) {
      for index in series.indices { series[index].axis = .left }
      leftLabel = rightLabel
      leftRange = chart.rightRange
      useRight = false
    }

    let legend = legendLines(series, bothAxes: useRight, style: style, width: width)
    let showNames = !leftLabel.isEmpty || (useRight && !rightLabel.isEmpty)
    let xLabel = clean(chart.xLabel)
    let overhead = lines.count + (showNames ? 1 : 0) + 2 + (xLabel.isEmpty ? 0 : 1) + legend.count
    let rows = min(max(3, height - overhead), 500)

    let values = { (axis: ChartSeries.Axis) in
      series.filter { $0.axis == axis }.flatMap { $0.values.compactMap { $0 } }
    }
    guard let left = AxisScale(values: values(.left), fixed: leftRange, rows: rows) else {
      return TextLayout.finish(lines, width: width)
    }
    let right =
      useRight ? AxisScale(values: values(.right), fixed: chart.rightRange, rows: rows) : nil
    let leftWidth = left.labelWidth
    let rightWidth = right.map { $0.labelWidth + 2 } ?? 0
    let frame = ChartFrame(
      leftWidth: leftWidth, columns: max(2, width - leftWidth - 2 - rightWidth), rows: rows,
      epochCount: epochCount, hasRightAxis: right != nil, lineWidth: width, style: style)

    if showNames {
      let names =
        right == nil || rightLabel.isEmpty
        ? leftLabel
        : TextLayout.padRight(leftLabel, to: width - visibleWidth(rightLabel) - 1) + " "
          + rightLabel
      lines.append(TextLayout.clip(names, to: width))
    }
    let canvas = draw(series, in: frame, left: left, right: right)
    lines += frame.plotLines(canvas: canvas, left: left, right: right)
    lines += frame.epochAxisLines(xLabel: xLabel)
    lines += legend
    return TextLayout.finish(lines, width: width)
  }

  /// Draws every series into a fresh canvas.
  private static func draw(
    _ series: [PlotSeries], in frame: ChartFrame, left: AxisScale, right: AxisScale?
  ) -> ChartCanvas {
    var canvas = ChartCanvas(
      mode: frame.style.color && frame.style.unicode ? .braille : .markers,
      columns: frame.columns, rows: frame.rows)
    let dotColumns = canvas.dotColumns
    let dotSpan = Double(canvas.dotRows - 1)
    let position = { (plot: PlotSeries, index: Int, value: Double) -> (x: Double, y: Double) in
      let scale = plot.axis == .right ? right ?? left : left
      return (
        frame.dotX(index: index, dotColumns: dotColumns), scale.position(value, span: dotSpan)
      )
    }
    for plot in series {
      let marker = Palette.seriesMarker(plot.index)
      for (index, value) in plot.values.enumerated() {
        guard let value else { continue }
        let here = position(plot, index, value)
        let next = index + 1 < plot.values.count ? plot.values[index + 1] : nil
        let previous = index > 0 ? plot.values[index - 1] : nil
        if let next {
          canvas.line(
            from: here, to: position(plot, index + 1, next), series: plot.index, marker: marker)
        } else if previous == nil {
          canvas.point(at: here, series: plot.index, marker: marker)
        }
      }
    }
    if canvas.mode == .markers {
      for plot in series {
        for (index, value) in plot.values.enumerated() {
          guard let value else { continue }
          canvas.point(
            at: position(plot, index, value), series: plot.index,
            marker: Palette.seriesMarker(plot.index))
        }
      }
    }
    return canvas
  }

  /// The legend: each series' marker (or coloured line) and name, flowed
  /// into as few lines as fit.
  private static func legendLines(
    _ series: [PlotSeries], bothAxes: Bool, style: ArtStyle, width: Int
  ) -> [String] {
    let items = series.map { plot -> String in
      var item = StyledLine(color: style.color)
      let sample = style.color && style.unicode ? "━━" : String(Palette.seriesMarker(plot.index))
      item.append(sample, Ink(foreground: Palette.seriesColor(plot.index), bold: true))
      let suffix = bothAxes && plot.axis == .right ? " (right)" : ""
      item.append(" " + plot.name + suffix)
      return item.finished
    }
    return wrapWords(items, width: width, gap: 3)
  }
}

/// A series ready to plot: cleaned name and finite values only.
struct PlotSeries {
  let index: Int
  let name: String
  var axis: ChartSeries.Axis
  let values: [Double?]

  var hasData: Bool { values.contains { $0 != nil } }
}

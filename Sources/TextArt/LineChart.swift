/// Line charts of per-epoch values (loss, accuracy) with a left and an
/// optional right axis.
public enum LineChart {
  /// The chart in exactly `width` columns and, when there is room, `height`
  /// lines (title, axis names, plot, epoch axis, legend). The plot keeps at
  /// least 3 rows (and at most 500), so a tiny `height` gives a taller result.
  /// Callers pass the terminal's size, so the chart fills the screen it is drawn on.
  ///
  /// - ASCII and monochrome: each series is drawn with its own marker
  ///   (`*`, `o`, `+`, `x`, `#`, `@`, `%`, `&`), lines included, and its
  ///   measured points are drawn last so every series stays visible where
  ///   lines cross; coloured too when colour is on without Unicode.
  /// - Rich: braille dots (2×4 per character) in a colour per group; a point
  ///   with no neighbour to join shows as `●` (`○` when dotted).
  /// - Series of one group share a colour; their strokes differ: a dotted
  ///   series leaves every other cell along its line blank, and the
  ///   legend shows each stroke beside its name (`━━`/`┅┅`, `***`/`o o`).
  ///
  /// Epoch `i + 1` holds `values[i]`; epochs run evenly from one cell inside
  /// the left axis to the right edge, so no line touches the tick labels.
  /// Ticks on the epoch axis are 1 and multiples of 1, 2, 5, 10, … chosen so
  /// labels never touch. Vertical axes get round ticks fitted to their own
  /// series; with two axes, an axis whose series share one colour has its
  /// labels in that colour. If only right-axis series have data, they are
  /// drawn on the left axis.
  ///
  /// One or two epochs make no line worth reading: they are drawn as a bar per
  /// epoch with its value printed (see `EpochBars`).
  public static func render(_ chart: Chart, width: Int = 80, height: Int = 20, style: ArtStyle)
    -> String
  {
    let width = TextLayout.columns(width)
    var lines: [String] = []
    let title = TextLayout.sanitize(chart.title, unicode: style.unicode)
    if !title.isEmpty {
      var line = StyledLine(color: style.color)
      line.append(
        TextLayout.center(TextLayout.truncate(title, to: width, unicode: style.unicode), in: width),
        Ink(bold: true))
      lines.append(line.finished)
    }
    let prepared = PreparedChart(chart, style: style)
    if !prepared.hasData {
      lines.append(TextLayout.center("(no data yet)", in: width))
    } else if prepared.epochCount <= 2 {
      lines += EpochBars.lines(prepared, width: width, height: height - lines.count, style: style)
    } else {
      lines += plotted(prepared, width: width, height: height - lines.count, style: style)
    }
    return TextLayout.finish(lines, width: width)
  }

  /// Axis names, plot, epoch axis and legend in `height` lines when there is room.
  private static func plotted(
    _ chart: PreparedChart, width: Int, height: Int, style: ArtStyle
  ) -> [String] {
    let legend = legendLines(chart, style: style, width: width)
    let useRight = chart.usesRightAxis
    let showNames = !chart.leftLabel.isEmpty || (useRight && !chart.rightLabel.isEmpty)
    let overhead = (showNames ? 1 : 0) + 2 + (chart.xLabel.isEmpty ? 0 : 1) + legend.count
    let rows = min(max(3, height - overhead), 500)
    guard let left = AxisScale(values: chart.values(on: .left), fixed: chart.leftRange, rows: rows)
    else { return [] }
    let right =
      useRight
      ? AxisScale(values: chart.values(on: .right), fixed: chart.rightRange, rows: rows) : nil
    let rightWidth = right.map { $0.labelWidth + 2 } ?? 0
    let frame = ChartFrame(
      leftWidth: left.labelWidth, columns: max(2, width - left.labelWidth - 2 - rightWidth),
      rows: rows, epochCount: chart.epochCount, hasRightAxis: right != nil, lineWidth: width,
      style: style, leftInk: chart.soleInk(on: .left), rightInk: chart.soleInk(on: .right))
    var lines: [String] = []
    if showNames { lines.append(axisNames(chart, width: width, style: style)) }
    let canvas = draw(chart.series, in: frame, left: left, right: right)
    lines += frame.plotLines(canvas: canvas, left: left, right: right)
    lines += frame.epochAxisLines(xLabel: chart.xLabel)
    return lines + legend
  }

  /// The line above the plot: the left axis' name, and the right one's at the right edge.
  private static func axisNames(_ chart: PreparedChart, width: Int, style: ArtStyle) -> String {
    let ink = { (slot: Int?) in slot.map { Ink(foreground: Palette.seriesColor($0)) } ?? .plain }
    var line = StyledLine(color: style.color)
    line.append(
      TextLayout.truncate(chart.leftLabel, to: width, unicode: style.unicode),
      ink(chart.soleInk(on: .left)))
    if chart.usesRightAxis && !chart.rightLabel.isEmpty {
      let name = TextLayout.truncate(chart.rightLabel, to: width, unicode: style.unicode)
      let start = width - visibleWidth(name)
      if start >= line.width + 1 {
        line.pad(to: start)
        line.append(name, ink(chart.soleInk(on: .right)))
      }
    }
    return line.finished
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
      for (index, value) in plot.values.enumerated() {
        guard let value else { continue }
        let here = position(plot, index, value)
        let next = index + 1 < plot.values.count ? plot.values[index + 1] : nil
        let previous = index > 0 ? plot.values[index - 1] : nil
        if let next {
          canvas.line(
            from: here, to: position(plot, index + 1, next), ink: plot.ink, marker: plot.marker,
            stroke: plot.stroke)
        } else if previous == nil {
          canvas.point(at: here, ink: plot.ink, marker: plot.marker, stroke: plot.stroke)
        }
      }
    }
    if canvas.mode == .markers {
      for plot in series {
        for (index, value) in plot.values.enumerated() {
          guard let value else { continue }
          canvas.point(at: position(plot, index, value), ink: plot.ink, marker: plot.marker)
        }
      }
    }
    return canvas
  }

  /// The legend: each series' stroke sample in its colour, and its name, flowed
  /// into as few lines as fit.
  private static func legendLines(_ chart: PreparedChart, style: ArtStyle, width: Int) -> [String] {
    let items = chart.series.map { plot -> String in
      var item = StyledLine(color: style.color)
      item.append(
        strokeSample(plot, style: style),
        Ink(foreground: Palette.seriesColor(plot.ink), bold: true))
      let suffix = chart.usesRightAxis && plot.axis == .right ? " (right)" : ""
      item.append(" " + plot.name + suffix)
      return item.finished
    }
    return wrapWords(items, width: width, gap: 3)
  }

  /// How a series looks in the legend: a short line in braille mode, its
  /// marker (three in a row, or two apart when dotted) otherwise.
  static func strokeSample(_ plot: PlotSeries, style: ArtStyle) -> String {
    let m = String(plot.marker)
    if style.color && style.unicode { return plot.stroke == .dotted ? "┅┅" : "━━" }
    return plot.stroke == .dotted ? m + " " + m : m + m + m
  }
}

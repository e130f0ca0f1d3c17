/// A chart made ready to draw: its text cleaned for the style, each series'
/// values filtered to finite ones and given a colour slot, marker and stroke,
/// and right-axis series moved to the left when the left axis has no data.
struct PreparedChart {
  var series: [PlotSeries]
  var leftLabel: String
  var rightLabel: String
  var leftRange: ClosedRange<Double>?
  var rightRange: ClosedRange<Double>?
  var xLabel: String
  /// Whether a right axis is drawn (right-axis series with data beside left-axis ones).
  var usesRightAxis: Bool

  init(_ chart: Chart, style: ArtStyle) {
    let clean = { (text: String) in TextLayout.sanitize(text, unicode: style.unicode) }
    let inks = PreparedChart.colourSlots(chart.series.map(\.group))
    series = chart.series.enumerated().map { index, raw in
      PlotSeries(
        index: index, name: clean(raw.name), axis: raw.axis,
        values: raw.values.map { value in
          guard let value, value.isFinite, abs(value) < AxisScale.limit else { return nil }
          return value
        }, ink: inks[index], marker: Palette.seriesMarker(index), stroke: raw.stroke)
    }
    leftLabel = clean(chart.leftLabel)
    rightLabel = clean(chart.rightLabel)
    leftRange = chart.leftRange
    rightRange = chart.rightRange
    xLabel = clean(chart.xLabel)
    usesRightAxis = series.contains { $0.axis == .right && $0.hasData }
    if !series.contains(where: { $0.axis == .left && $0.hasData }) {
      for index in series.indices { series[index].axis = .left }
      leftLabel = rightLabel
      leftRange = rightRange
      usesRightAxis = false
    }
  }

  /// Epochs on the horizontal axis: the longest series' length.
  var epochCount: Int { series.map { $0.values.count }.max() ?? 0 }

  var hasData: Bool { series.contains { $0.hasData } }

  /// The finite values of the series on `axis`.
  func values(on axis: ChartSeries.Axis) -> [Double] {
    series.filter { $0.axis == axis }.flatMap { $0.values.compactMap { $0 } }
  }

  /// The colour slot every series on `axis` shares, when there are two axes and
  /// it is one slot: the axis' labels then take that colour, so an accuracy
  /// line is never read against the loss numbers beside it.
  func soleInk(on axis: ChartSeries.Axis) -> Int? {
    guard usesRightAxis else { return nil }
    let inks = Set(series.filter { $0.axis == axis && $0.hasData }.map(\.ink))
    return inks.count == 1 ? inks.first : nil
  }

  /// Colour slot of each series: groups take slots in order of first appearance,
  /// and a series without a group takes one of its own.
  static func colourSlots(_ groups: [Int?]) -> [Int] {
    var slotOfGroup: [Int: Int] = [:]
    var next = 0
    return groups.map { group in
      if let group, let slot = slotOfGroup[group] { return slot }
      defer { next += 1 }
      if let group { slotOfGroup[group] = next }
      return next
    }
  }
}

/// A series ready to plot: cleaned name, finite values only, and how it looks.
struct PlotSeries {
  let index: Int
  let name: String
  var axis: ChartSeries.Axis
  let values: [Double?]
  /// Colour slot (`Palette.seriesColor`), shared by the series of one group.
  let ink: Int
  /// Marker in the ASCII and monochrome drawing, one per series.
  let marker: Character
  let stroke: ChartSeries.Stroke

  var hasData: Bool { values.contains { $0 != nil } }
}

/// One line on a chart: a value per epoch.
public struct ChartSeries: Sendable, Equatable {
  /// Which vertical axis a series is measured against.
  public enum Axis: Sendable, Equatable {
    /// The left axis (for example loss).
    case left
    /// The right axis (for example accuracy in %).
    case right
  }

  /// How a series' line is drawn. Series of one group share a colour, so the
  /// stroke tells them apart (train solid, test dotted), with or without colour.
  public enum Stroke: Sendable, Equatable {
    /// A continuous line: braille dots side by side, or the marker in every cell.
    case solid
    /// Every other dot (braille) or every other cell (markers) along the line.
    case dotted
  }

  /// Legend text, for example `"net3 dropout 0.5 test loss"`.
  public var name: String
  /// `values[i]` belongs to epoch `i + 1`; `nil` (and NaN or infinity) leaves
  /// a gap in the line.
  public var values: [Double?]
  /// The axis this series is drawn against.
  public var axis: Axis
  /// Series with the same group share a colour (one run's train and test loss);
  /// `nil` gives the series a colour of its own. Colours go to groups in the
  /// order they first appear.
  public var group: Int?
  /// Solid or dotted; the legend shows which.
  public var stroke: Stroke

  /// Creates a series drawn against `axis` (left by default), solid and in a
  /// colour of its own unless `group` and `stroke` say otherwise.
  public init(
    name: String, values: [Double?], axis: Axis = .left, group: Int? = nil,
    stroke: Stroke = .solid
  ) {
    self.name = name
    self.values = values
    self.axis = axis
    self.group = group
    self.stroke = stroke
  }
}

/// What `LineChart.render` draws: a title, axis names and some series.
public struct Chart: Sendable, Equatable {
  /// Heading printed above the plot; empty for none.
  public var title: String
  /// Name of the horizontal axis, printed under its numbers (`"epoch"`).
  public var xLabel: String
  /// Name of the left axis, printed above its numbers (for example `"loss"`).
  public var leftLabel: String
  /// Name of the right axis (for example `"accuracy %"`).
  public var rightLabel: String
  /// Fixed range for the left axis; `nil` fits the data with round ticks.
  public var leftRange: ClosedRange<Double>?
  /// Fixed range for the right axis; `nil` fits the data with round ticks.
  public var rightRange: ClosedRange<Double>?
  /// The lines to draw, in legend order; later series are drawn on top.
  public var series: [ChartSeries]

  /// Creates a chart; only the series are needed.
  public init(
    title: String = "", xLabel: String = "epoch", leftLabel: String = "",
    rightLabel: String = "", leftRange: ClosedRange<Double>? = nil,
    rightRange: ClosedRange<Double>? = nil, series: [ChartSeries] = []
  ) {
    self.title = title
    self.xLabel = xLabel
    self.leftLabel = leftLabel
    self.rightLabel = rightLabel
    self.leftRange = leftRange
    self.rightRange = rightRange
    self.series = series
  }
}

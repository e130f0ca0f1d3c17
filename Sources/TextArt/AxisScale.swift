/// A vertical axis: its range and round-numbered ticks (steps of 1, 2, 2.5
/// or 5 times a power of ten) inside that range.
///
/// The range hugs the data (so small differences between curves stay
/// visible), stretched to include 0 when that costs less than a fifth more
/// height, as losses usually do. A caller's fixed range is used as given.
struct AxisScale {
  let low: Double
  let high: Double
  let ticks: [Double]
  /// Digits after the point in tick labels.
  let decimals: Int

  /// Values beyond ±limit are treated as missing, which keeps the tick arithmetic finite.
  static let limit = 1e100

  /// Fits `values` (finite ones only) in `rows` plot rows with at most one
  /// tick every two rows (and at most 12). Returns nil when there is nothing to fit.
  init?(values: [Double], fixed: ClosedRange<Double>?, rows: Int) {
    let finite = values.filter { $0.isFinite && abs($0) < AxisScale.limit }
    var low: Double
    var high: Double
    if let fixed, abs(fixed.lowerBound) < AxisScale.limit, abs(fixed.upperBound) < AxisScale.limit,
      fixed.upperBound > fixed.lowerBound
    {
      low = fixed.lowerBound
      high = fixed.upperBound
    } else {
      guard let smallest = finite.min(), let largest = finite.max() else { return nil }
      low = smallest
      high = largest
      if high - low <= max(abs(low), abs(high)) * 1e-9 {
        let pad = low == 0 ? 1 : abs(low) * 0.1
        low -= pad
        high += pad
        if smallest >= 0 && low < 0 { low = 0 }
      } else if low > 0 && low < (high - low) * 0.2 {
        low = 0
      }
    }
    // A tick every 5 rows or so (at least 6 where they fit), so a tall chart is as
    // easy to read off as a short one.
    let maxTicks = max(2, min(12, (max(1, rows) - 1) / 2 + 1))
    let target = max(2, min(maxTicks, max(6, rows / 5)))
    var step = AxisScale.niceStep(atLeast: (high - low) / Double(target - 1))
    while AxisScale.multiples(of: step, from: low, to: high).count > maxTicks {
      step = AxisScale.niceStep(atLeast: step * 1.01)
    }
    self.low = low
    self.high = high
    let places = AxisScale.decimals(for: step)
    // Snap ticks to their printed value (3 × 0.1 is 0.30000000000000004),
    // so a tick and a data point of the same value land on the same row.
    let unit = NumberFormat.powerOfTen(places)
    ticks = AxisScale.multiples(of: step, from: low, to: high).map { ($0 * unit).rounded() / unit }
    decimals = places
  }

  /// Multiples of `step` between `low` and `high` (with a little tolerance).
  private static func multiples(of step: Double, from low: Double, to high: Double) -> [Double] {
    let first = (low / step - 1e-6).rounded(.up)
    let last = (high / step + 1e-6).rounded(.down)
    guard last >= first, last - first < 1000 else { return [] }
    return (0...Int(last - first)).map { (first + Double($0)) * step }
  }

  /// The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`.
  static func niceStep(atLeast raw: Double) -> Double {
    guard raw.isFinite, raw > 0 else { return 1 }
    let power = NumberFormat.powerOfTen(NumberFormat.decade(of: raw))
    for multiple in [1.0, 2, 2.5, 5, 10] where multiple * power >= raw * (1 - 1e-9) {
      return multiple * power
    }
    return 10 * power
  }

  /// Digits after the point needed to print multiples of `step` exactly.
  private static func decimals(for step: Double) -> Int {
    for places in 0...8 {
      let scaled = step * NumberFormat.powerOfTen(places)
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return places }
    }
    return 8
  }

  /// Fractional position of `value` from the top (0) to the bottom (`span`).
  func position(_ value: Double, span: Double) -> Double {
    (high - value) / (high - low) * span
  }

  func label(_ tick: Double) -> String {
    NumberFormat.fixed(abs(tick) < 1e-12 ? 0 : tick, decimals)
  }

  var labelWidth: Int {
    ticks.map { visibleWidth(label($0)) }.max() ?? 0
  }
}

/// The plotting area of a line chart: a grid of character cells that series
/// draw into, either one marker character per point (ASCII style) or braille
/// dots, 2×4 per cell (Unicode with colour).
struct ChartCanvas {
  enum Mode { case markers, braille }

  let mode: Mode
  /// Size in character cells.
  let columns: Int
  let rows: Int
  private var bits: [UInt8]
  private var stamps: [Character?]
  /// The colour slot of each cell, -1 for none.
  private var owners: [Int]

  init(mode: Mode, columns: Int, rows: Int) {
    self.mode = mode
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    let count = self.columns * self.rows
    bits = [UInt8](repeating: 0, count: count)
    stamps = [Character?](repeating: nil, count: count)
    owners = [Int](repeating: -1, count: count)
  }

  /// Dots per cell across and down.
  var xResolution: Int { mode == .braille ? 2 : 1 }
  var yResolution: Int { mode == .braille ? 4 : 1 }
  /// Size in dots.
  var dotColumns: Int { columns * xResolution }
  var dotRows: Int { rows * yResolution }

  /// Sets the dot at (x, y), counted from the top left, in colour slot `ink`.
  mutating func plot(x: Int, y: Int, ink: Int, marker: Character) {
    guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
    let index = (y / yResolution) * columns + x / xResolution
    switch mode {
    case .markers:
      stamps[index] = marker
    case .braille:
      // A cell shows one colour, so another colour taking over a cell takes all of it; dots
      // of one colour (a run's train and test lines) add up. A lone point's mark stays.
      if stamps[index] != nil { return }
      if owners[index] != ink { bits[index] = 0 }
      bits[index] |= ChartCanvas.brailleBit(dx: x % 2, dy: y % 4)
    }
    owners[index] = ink
  }

  /// Draws a straight line between two points given in dots; the parts
  /// above or below the canvas (values outside a fixed axis range) are cut off.
  ///
  /// A dotted stroke leaves every other cell blank along the line's main
  /// direction (in braille, every other pair of dot rows on a steep line). The
  /// gaps sit at fixed places on the canvas, so the rhythm runs on unbroken
  /// from one segment of a series into the next.
  mutating func line(
    from start: (x: Double, y: Double), to end: (x: Double, y: Double),
    ink: Int, marker: Character, stroke: ChartSeries.Stroke = .solid
  ) {
    guard start.x.isFinite, start.y.isFinite, end.x.isFinite, end.y.isFinite else { return }
    guard let (from, to) = ChartCanvas.clipped(start, end, bottom: Double(dotRows) - 0.5) else {
      return
    }
    let dx = to.x - from.x
    let dy = to.y - from.y
    let steps = min(100_000, max(1, Int(max(abs(dx), abs(dy)).rounded(.up))))
    for step in 0...steps {
      let t = Double(step) / Double(steps)
      let x = Int((from.x + dx * t).rounded())
      let y = Int((from.y + dy * t).rounded())
      if stroke == .dotted && isGap(x: x, y: y, shallow: abs(dx) >= abs(dy)) { continue }
      plot(x: x, y: y, ink: ink, marker: marker)
    }
  }

  /// Whether a dotted line leaves the dot at (x, y) blank: odd cells along a
  /// shallow line, odd pairs of dot rows (odd cells with markers) along a steep one.
  private func isGap(x: Int, y: Int, shallow: Bool) -> Bool {
    let along = shallow ? x / xResolution : y / (mode == .braille ? 2 : 1)
    return along % 2 != 0
  }

  /// The part of the segment between the top (-0.5) and `bottom`, or nil when
  /// it lies wholly outside.
  private static func clipped(
    _ start: (x: Double, y: Double), _ end: (x: Double, y: Double), bottom: Double
  ) -> ((x: Double, y: Double), (x: Double, y: Double))? {
    var from = start
    var to = end
    for (limit, isTop) in [(-0.5, true), (bottom, false)] {
      let fromOut = isTop ? from.y < limit : from.y > limit
      let toOut = isTop ? to.y < limit : to.y > limit
      if fromOut && toOut { return nil }
      if fromOut || toOut {
        let t = (limit - from.y) / (to.y - from.y)
        let crossing = (x: from.x + (to.x - from.x) * t, y: limit)
        if fromOut { from = crossing } else { to = crossing }
      }
    }
    return (from, to)
  }

  /// Marks a lone point (one with no neighbours to join) so it stays visible:
  /// its marker, or in braille a whole-cell dot, `●` (solid) or `○` (dotted).
  mutating func point(
    at position: (x: Double, y: Double), ink: Int, marker: Character,
    stroke: ChartSeries.Stroke = .solid
  ) {
    guard position.x.isFinite, position.y.isFinite, abs(position.x) < 1e9, abs(position.y) < 1e9
    else {
      return
    }
    let x = Int(position.x.rounded())
    let y = Int(position.y.rounded())
    guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
    let index = (y / yResolution) * columns + x / xResolution
    stamps[index] = mode == .braille ? (stroke == .dotted ? "○" : "●") : marker
    owners[index] = ink
  }

  /// The character and colour slot of a cell, or nil when it is empty.
  func cell(column: Int, row: Int) -> (character: Character, ink: Int)? {
    let index = row * columns + column
    guard index >= 0, index < owners.count, owners[index] >= 0 else { return nil }
    if let stamp = stamps[index] { return (stamp, owners[index]) }
    guard bits[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index])) else {
      return nil
    }
    return (Character(scalar), owners[index])
  }

  /// Braille dot numbering: left column 1, 2, 3, 7 and right column 4, 5, 6, 8.
  static func brailleBit(dx: Int, dy: Int) -> UInt8 {
    let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
    let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
    return (dx == 0 ? left : right)[min(3, max(0, dy))]
  }
}

/// A confusion matrix as a table: rows are the actual digits, columns the
/// predicted ones.
public enum ConfusionMatrixArt {
  /// How many of the largest off-diagonal counts are highlighted.
  static let worstCount = 3

  /// The matrix with row and column headers, then the overall accuracy and
  /// the most frequent mistakes in words.
  ///
  /// Zeros off the diagonal print as `.` so mistakes stand out. The diagonal
  /// (correct answers) is bracketed, `[975]`, in ASCII and green in colour;
  /// the three largest off-diagonal counts get a `!` after them (`12!`), red
  /// in colour. Cells are as wide as the largest count (at least 3 digits), so
  /// ten classes with counts up to 99999 take 76 columns. Larger counts are
  /// abbreviated (`123k`) when that makes the table fit `width`; a table that
  /// still does not fit is printed in bands of columns, one under the other.
  /// Ragged rows are padded with zeros; at most 100 classes are shown.
  public static func render(matrix: [[Int]], style: ArtStyle, width: Int = 80) -> String {
    let width = TextLayout.columns(width)
    guard matrix.contains(where: { !$0.isEmpty }) else {
      return TextLayout.finish(["(empty confusion matrix)"], width: width)
    }
    let size = min(maxClasses, max(matrix.count, matrix.map { $0.count }.max() ?? 0))
    let count = { (row: Int, column: Int) -> Int in
      row < matrix.count && column < matrix[row].count ? matrix[row][column] : 0
    }
    let labelWidth = max(6, String(size - 1).count + 1)
    let widest =
      (0..<size).flatMap { row in (0..<size).map { NumberFormat.digitCount(count(row, $0)) } }.max()
      ?? 1
    // Counts too wide for the line are abbreviated: 123456 prints as 123k.
    let compact = labelWidth + size * (max(3, widest) + 2) > width && widest > 4
    let text = { (value: Int) -> String in compact ? compactCount(value) : String(value) }
    let digits = max(
      3,
      (0..<size).flatMap { row in (0..<size).map { visibleWidth(text(count(row, $0))) } }.max() ?? 1
    )
    let table = Table(
      size: size, digits: digits, labelWidth: labelWidth,
      worst: worstCells(size: size, count: count),
      count: count, text: text, style: style)

    var lines: [String] = []
    let perBand = max(1, (width - labelWidth) / (digits + 2))
    let bandCount = (size + perBand - 1) / perBand
    let bandSize = (size + bandCount - 1) / bandCount
    for start in stride(from: 0, to: size, by: bandSize) {
      if start > 0 { lines.append("") }
      lines += table.lines(columns: start..<min(size, start + bandSize))
    }
    lines.append("")
    if compact {
      lines += wrapText(
        "Counts of 10,000 or more are shown in thousands (k) or millions (M).", width: width)
    }
    if size < max(matrix.count, matrix.map { $0.count }.max() ?? 0) {
      lines += wrapText("Only the first \(maxClasses) classes are shown.", width: width)
    }
    lines += summary(size: size, count: count, worst: table.worst, style: style, width: width)
    return TextLayout.finish(lines, width: width)
  }

  /// The most classes drawn.
  static let maxClasses = 100

  /// Draws the table, or some of its columns.
  private struct Table {
    let size: Int
    let digits: Int
    let labelWidth: Int
    let worst: [Int]
    let count: (Int, Int) -> Int
    let text: (Int) -> String
    let style: ArtStyle

    func lines(columns: Range<Int>) -> [String] {
      let cellWidth = digits + 2
      var lines = [
        String(repeating: " ", count: labelWidth)
          + TextLayout.center("predicted", in: columns.count * cellWidth)
      ]
      var header = StyledLine(color: style.color)
      header.append(TextLayout.padRight("actual", to: labelWidth), Ink(bold: true))
      for column in columns {
        header.append(TextLayout.padLeft(String(column), to: digits + 1) + " ", Ink(bold: true))
      }
      lines.append(header.finished)
      for row in 0..<size {
        var line = StyledLine(color: style.color)
        line.append(TextLayout.padLeft(String(row), to: labelWidth - 1) + " ", Ink(bold: true))
        for column in columns { appendCell(row: row, column: column, to: &line) }
        lines.append(line.finished)
      }
      return lines
    }

    private func appendCell(row: Int, column: Int, to line: inout StyledLine) {
      let value = count(row, column)
      let number = TextLayout.padLeft(row != column && value == 0 ? "." : text(value), to: digits)
      let mistake = Ink(foreground: Palette.bad, bold: true)
      if row == column {
        if style.color {
          line.append(" " + number + " ", Ink(foreground: Palette.good, bold: true))
        } else {
          line.append("[" + number + "]")
        }
      } else if worst.contains(row * size + column) {
        line.append(" " + number + (style.color ? " " : "!"), mistake)
      } else {
        line.append(
          " " + number + " ",
          value == 0 ? Ink(foreground: Palette.dim) : Ink(foreground: Palette.warm))
      }
    }
  }

  /// `value` in at most four characters: as is below 10,000, else in
  /// thousands (`123k`), millions (`45M`) or billions (`7G`).
  static func compactCount(_ value: Int) -> String {
    if value < 10_000 && value > -1_000 { return String(value) }
    var scaled = Double(value)
    for unit in ["k", "M", "G", "T", "P", "E"] {
      scaled /= 1000
      let rounded = Int(scaled.rounded())
      if abs(rounded) < (rounded < 0 ? 100 : 1000) { return String(rounded) + unit }
    }
    return value < 0 ? "-big" : "huge"
  }

  /// Indexes (`row * size + column`) of the largest non-zero off-diagonal
  /// counts, largest first, ties in reading order.
  static func worstCells(size: Int, count: (Int, Int) -> Int) -> [Int] {
    var cells: [(index: Int, value: Int)] = []
    for row in 0..<size {
      for column in 0..<size where row != column && count(row, column) > 0 {
        cells.append((row * size + column, count(row, column)))
      }
    }
    return cells.sorted { $0.value > $1.value || ($0.value == $1.value && $0.index < $1.index) }
      .prefix(worstCount).map { $0.index }
  }

  private static func summary(
    size: Int, count: (Int, Int) -> Int, worst: [Int], style: ArtStyle, width: Int
  ) -> [String] {
    var total = 0
    var correct = 0
    for row in 0..<size {
      for column in 0..<size {
        total = NumberFormat.saturatingSum([total, count(row, column)])
        if row == column { correct = NumberFormat.saturatingSum([correct, count(row, column)]) }
      }
    }
    var lines: [String] = []
    let accuracy =
      total > 0
      ? " (" + NumberFormat.percent(Double(correct) / Double(total), decimals: 2) + ")" : ""
    lines += wrapText(
      "Correct: \(NumberFormat.grouped(correct)) of \(NumberFormat.grouped(total))\(accuracy)"
        + (style.color ? ", on the green diagonal." : ", on the [bracketed] diagonal."),
      width: width)
    if worst.isEmpty {
      lines.append("No mistakes.")
    } else {
      let mistakes = worst.map { index -> String in
        let row = index / size
        let column = index % size
        let times =
          count(row, column) == 1 ? "once" : "\(NumberFormat.grouped(count(row, column))) times"
        return "\(row) read as \(column) (\(times))"
      }
      let marker = style.color ? "in red" : "marked !"
      lines += wrapText(
        "Most frequent mistakes (\(marker)): " + mistakes.joined(separator: ", ") + ".",
        width: width)
    }
    return lines
  }
}

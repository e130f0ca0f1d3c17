/// A map's values, cleaned: NaN and infinities read as 0, missing values as 0.
struct HeatmapGrid {
  let width: Int
  let height: Int
  private let values: [Double]

  init(values raw: [Float], width: Int, height: Int) {
    let safeWidth = min(max(0, width), PixelImage.maxSide)
    let safeHeight = safeWidth == 0 ? 0 : min(max(0, height), PixelImage.maxSide)
    self.width = safeWidth
    self.height = safeHeight
    var cleaned = [Double](repeating: 0, count: safeWidth * safeHeight)
    for index in 0..<min(cleaned.count, raw.count) where raw[index].isFinite {
      cleaned[index] = Double(raw[index])
    }
    values = cleaned
  }

  var isEmpty: Bool { width == 0 || height == 0 }
  var hasNegative: Bool { values.contains { $0 < 0 } }
  var largestMagnitude: Double { values.map { abs($0) }.max() ?? 0 }

  subscript(x: Int, y: Int) -> Double {
    guard x >= 0, y >= 0, x < width, y < height else { return 0 }
    return values[y * width + x]
  }
}

/// Resizing to any size, for the big one-digit view.
extension PixelImage {
  /// The image drawn onto a `newWidth`×`newHeight` grid by area averaging: each new pixel is
  /// the mean of the old pixels it covers, weighted by how much of each it covers (a box
  /// filter). Enlarging by 1.5 gives pure old pixels where a new one falls inside one and a
  /// blend where it straddles two, so edges stay sharp without uneven nearest-neighbour rows.
  /// Shrinking brightens as `downsampled` does (`t ↦ t(2 − t)`), because averaging thins
  /// strokes; enlarging keeps intensities as they are.
  func resampled(width newWidth: Int, height newHeight: Int) -> PixelImage {
    let w = min(max(1, newWidth), Self.maxSide)
    let h = min(max(1, newHeight), Self.maxSide)
    guard !isEmpty else { return self }
    let columns = Self.coverage(from: width, to: w)
    let rows = Self.coverage(from: height, to: h)
    let shrinking = w < width || h < height
    // Kept as 0–255, as every image starts: a 256th of ink is below any shade drawn.
    var values = [UInt8](repeating: 0, count: w * h)
    for y in 0..<h {
      for x in 0..<w {
        var sum = 0.0
        for (sy, wy) in rows[y] {
          for (sx, wx) in columns[x] { sum += self[sx, sy] * wx * wy }
        }
        let intensity = min(1, max(0, shrinking ? sum * (2 - sum) : sum))
        values[y * w + x] = UInt8((intensity * 255).rounded())
      }
    }
    return PixelImage(pixels: values, width: w, height: h)
  }

  /// For each of `new` cells along one axis, the old cells (of `old`) it overlaps and the
  /// share of the new cell each covers; the shares of one new cell add up to 1.
  static func coverage(from old: Int, to new: Int) -> [[(index: Int, weight: Double)]] {
    let step = Double(old) / Double(new)  // old cells per new cell
    return (0..<new).map { cell in
      let start = Double(cell) * step
      let end = start + step
      var parts: [(index: Int, weight: Double)] = []
      var index = Int(start)
      while Double(index) < end && index < old {
        let overlap = min(end, Double(index + 1)) - max(start, Double(index))
        if overlap > 1e-9 { parts.append((index, overlap / step)) }
        index += 1
      }
      return parts
    }
  }
}

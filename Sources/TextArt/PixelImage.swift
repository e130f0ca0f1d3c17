/// A greyscale image with intensities in 0...1 (0 blank, 1 full ink), built
/// from caller data that may be short, long or oddly sized.
struct PixelImage {
  let width: Int
  let height: Int
  private let intensities: [Double]

  /// The largest width or height accepted; larger sizes are cut to it.
  static let maxSide = 1024

  /// Reads `pixels` (0–255, row by row). Missing pixels count as blank,
  /// extra pixels are ignored, and negative sizes become empty.
  init(pixels: [UInt8], width: Int, height: Int) {
    let safeWidth = min(max(0, width), Self.maxSide)
    let safeHeight = safeWidth == 0 ? 0 : min(max(0, height), Self.maxSide)
    self.width = safeWidth
    self.height = safeHeight
    let count = safeWidth * safeHeight
    var values = [Double](repeating: 0, count: count)
    for y in 0..<safeHeight {
      let (rowStart, overflow) = y.multipliedReportingOverflow(by: safeWidth == 0 ? 0 : width)
      if overflow || rowStart >= pixels.count { break }
      for x in 0..<min(safeWidth, pixels.count - rowStart) {
        values[y * safeWidth + x] = Double(pixels[rowStart + x]) / 255
      }
    }
    intensities = values
  }

  private init(width: Int, height: Int, intensities: [Double]) {
    self.width = width
    self.height = height
    self.intensities = intensities
  }

  var isEmpty: Bool { width == 0 || height == 0 }

  /// Intensity at (x, y); 0 outside the image.
  subscript(x: Int, y: Int) -> Double {
    guard x >= 0, y >= 0, x < width, y < height else { return 0 }
    return intensities[y * width + x]
  }

  /// The image shrunk by averaging `blockWidth`×`blockHeight` blocks (partial
  /// blocks at the edges average what they hold). Averaging thins strokes, so
  /// shrunk blocks are brightened with `t ↦ t(2 − t)`, which keeps blank blank
  /// and full ink full.
  func downsampled(blockWidth: Int, blockHeight: Int) -> PixelImage {
    let bw = max(1, blockWidth)
    let bh = max(1, blockHeight)
    if bw == 1 && bh == 1 { return self }
    let newWidth = (width + bw - 1) / bw
    let newHeight = (height + bh - 1) / bh
    var values = [Double](repeating: 0, count: newWidth * newHeight)
    for by in 0..<newHeight {
      for bx in 0..<newWidth {
        var sum = 0.0
        var count = 0
        for y in (by * bh)..<min(height, (by + 1) * bh) {
          for x in (bx * bw)..<min(width, (bx + 1) * bw) {
            sum += self[x, y]
            count += 1
          }
        }
        let mean = count > 0 ? sum / Double(count) : 0
        values[by * newWidth + bx] = mean * (2 - mean)
      }
    }
    return PixelImage(width: newWidth, height: newHeight, intensities: values)
  }
}

/// Makes a drawing MNIST-like, as LeCun made MNIST: crop to the ink, scale the longer side
/// to 20 pixels keeping the aspect ratio, paste into 28×28 with the centre of mass at the centre.
public enum Preprocess {
  public static let side = 28
  public static let box = 20

  /// The 28×28 image (ink 0…1, row-major) the network sees. Throws for a blank drawing.
  public static func mnistImage(_ drawing: Drawing) throws -> [Float] {
    guard let bounds = inkBounds(drawing) else {
      throw DigitKitError("the drawing is blank: there is nothing to recognise")
    }
    let cropW = bounds.maxX - bounds.minX + 1
    let cropH = bounds.maxY - bounds.minY + 1
    let scale = Float(box) / Float(max(cropW, cropH))
    let newW = max(1, min(box, Int((Float(cropW) * scale).rounded())))
    let newH = max(1, min(box, Int((Float(cropH) * scale).rounded())))
    let scaled = resample(drawing, bounds: bounds, toWidth: newW, height: newH)
    // Centre of mass of the scaled image, in pixel-centre coordinates.
    var mass: Float = 0
    var mx: Float = 0
    var my: Float = 0
    for y in 0..<newH {
      for x in 0..<newW {
        let v = scaled[y * newW + x]
        mass += v
        mx += v * (Float(x) + 0.5)
        my += v * (Float(y) + 0.5)
      }
    }
    let cx = mass > 0 ? mx / mass : Float(newW) / 2
    let cy = mass > 0 ? my / mass : Float(newH) / 2
    let left = min(max(Int((Float(side) / 2 - cx).rounded()), 0), side - newW)
    let top = min(max(Int((Float(side) / 2 - cy).rounded()), 0), side - newH)
    var image = [Float](repeating: 0, count: side * side)
    for y in 0..<newH {
      for x in 0..<newW { image[(top + y) * side + left + x] = scaled[y * newW + x] }
    }
    return image
  }

  /// The image as MNIST bytes (0–255), for display.
  public static func bytes(_ image: [Float]) -> [UInt8] {
    image.map { UInt8(max(0, min(255, ($0 * 255).rounded()))) }
  }

  /// Normalises ink (0…1) as the training data: (x − 0.1307)/0.3081, shaped (1, 1, 28, 28).
  public static func tensor(_ image: [Float]) -> Tensor {
    Tensor(shape: [1, 1, side, side], data: image.map { ($0 - MNIST.mean) / MNIST.std })
  }

  /// The smallest rectangle holding all ink, or nil for a blank drawing.
  public static func inkBounds(_ d: Drawing) -> (minX: Int, minY: Int, maxX: Int, maxY: Int)? {
    var minX = Int.max
    var minY = Int.max
    var maxX = -1
    var maxY = -1
    for y in 0..<d.height {
      for x in 0..<d.width where d[x, y] > 0 {
        minX = min(minX, x)
        maxX = max(maxX, x)
        minY = min(minY, y)
        maxY = max(maxY, y)
      }
    }
    return maxX < 0 ? nil : (minX, minY, maxX, maxY)
  }

  /// Area-weighted resampling of the cropped region to newW×newH: each output pixel is
  /// the mean of the source area it covers (anti-aliased when shrinking, blocky when growing).
  static func resample(
    _ d: Drawing, bounds: (minX: Int, minY: Int, maxX: Int, maxY: Int),
    toWidth newW: Int, height newH: Int
  ) -> [Float] {
    let w = bounds.maxX - bounds.minX + 1
    let h = bounds.maxY - bounds.minY + 1
    let sx = Float(w) / Float(newW)
    let sy = Float(h) / Float(newH)
    var out = [Float](repeating: 0, count: newW * newH)
    for oy in 0..<newH {
      let y0 = Float(oy) * sy
      let y1 = y0 + sy
      for ox in 0..<newW {
        let x0 = Float(ox) * sx
        let x1 = x0 + sx
        var sum: Float = 0
        var y = Int(y0)
        while Float(y) < y1 && y < h {
          let coverY = min(y1, Float(y + 1)) - max(y0, Float(y))
          var x = Int(x0)
          while Float(x) < x1 && x < w {
            let coverX = min(x1, Float(x + 1)) - max(x0, Float(x))
            sum += coverX * coverY * d[bounds.minX + x, bounds.minY + y]
            x += 1
          }
          y += 1
        }
        out[oy * newW + ox] = min(1, sum / (sx * sy))
      }
    }
    return out
  }
}

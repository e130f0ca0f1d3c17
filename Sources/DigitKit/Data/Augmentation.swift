#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Random, label-preserving changes to a training digit, so a network learns what digits
/// have in common rather than how MNIST's writers happened to write them.
///
/// Applied per image, in this order: stroke thickness (dilation or erosion with a 3×3
/// neighbourhood), an elastic distortion (a random displacement field smoothed by a
/// Gaussian, as Simard et al. 2003), a random affine map (rotation, scale, shift, shear),
/// and a light blur. Sampling is bilinear.
public struct Augmentation: Codable, Equatable, Sendable {
  /// Largest rotation, in degrees either way.
  public var rotation: Float = 12
  /// Scale factor range, e.g. 0.85…1.15.
  public var scale: Float = 0.12
  /// Largest shift, in pixels either way.
  public var shift: Float = 2
  /// Largest shear (x += shear · y).
  public var shear: Float = 0.15
  /// Probability of thickening the strokes, and of thinning them.
  public var thicken: Float = 0.25
  public var thin: Float = 0.15
  /// Elastic distortion: displacement size in pixels (α) and smoothness (σ), applied with probability `elasticChance`.
  public var elasticAlpha: Float = 2.5
  public var elasticSigma: Float = 4
  public var elasticChance: Float = 0.5
  /// Probability of a light blur.
  public var blurChance: Float = 0.2
  /// The ways people's digits differ from MNIST's (`--augment-people`), applied to a share
  /// of the images instead of the distortions above; nil for MNIST-like distortions only.
  public var people: PeopleStyles?

  public init(people: PeopleStyles? = nil) { self.people = people }

  /// One augmented image: `pixels` (28×28 bytes) → ink 0…1, using `random`.
  public func apply(_ pixels: ArraySlice<UInt8>, random: inout SeededGenerator) -> [Float] {
    let n = 28
    var ink = pixels.map { Float($0) / 255 }
    if let people, random.nextUnitFloat() < people.chance,
      let image = people.apply(ink, n: n, distortions: self, random: &random)
    {
      return image
    }
    let u = random.nextUnitFloat()
    if u < thicken {
      ink = morph(ink, n: n, dilate: true)
    } else if u < thicken + thin {
      ink = morph(ink, n: n, dilate: false)
    }
    // Inverse map: for each output pixel, where to sample in the input (centre at 13.5).
    let angle = random.nextFloat(in: -rotation, rotation) * .pi / 180
    let s = 1 + random.nextFloat(in: -scale, scale)
    let sh = random.nextFloat(in: -shear, shear)
    let dx = random.nextFloat(in: -shift, shift)
    let dy = random.nextFloat(in: -shift, shift)
    let c = cosf(angle) / s
    let sn = sinf(angle) / s
    var fieldX: [Float] = []
    var fieldY: [Float] = []
    if random.nextUnitFloat() < elasticChance {
      fieldX = smoothField(n: n, random: &random)
      fieldY = smoothField(n: n, random: &random)
    }
    var out = [Float](repeating: 0, count: n * n)
    let centre = Float(n - 1) / 2
    for y in 0..<n {
      for x in 0..<n {
        var px = Float(x) - centre - dx
        var py = Float(y) - centre - dy
        if !fieldX.isEmpty {
          px += fieldX[y * n + x]
          py += fieldY[y * n + x]
        }
        let sx = c * px + sn * py - sh * py + centre
        let sy = -sn * px + c * py + centre
        out[y * n + x] = bilinear(ink, n: n, x: sx, y: sy)
      }
    }
    if random.nextUnitFloat() < blurChance { out = blur(out, n: n) }
    return out
  }

  func bilinear(_ img: [Float], n: Int, x: Float, y: Float) -> Float {
    let x0 = Int(floorf(x))
    let y0 = Int(floorf(y))
    let fx = x - Float(x0)
    let fy = y - Float(y0)
    func at(_ xx: Int, _ yy: Int) -> Float {
      xx >= 0 && xx < n && yy >= 0 && yy < n ? img[yy * n + xx] : 0
    }
    return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy)
      + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy
  }

  /// Grey-level dilation (max) or erosion (min) over the 4-neighbourhood, blended half-way
  /// so strokes change by about half a pixel.
  func morph(_ img: [Float], n: Int, dilate: Bool) -> [Float] {
    var out = img
    for y in 0..<n {
      for x in 0..<n {
        var v = img[y * n + x]
        for (ox, oy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
          let xx = x + ox
          let yy = y + oy
          let w = xx >= 0 && xx < n && yy >= 0 && yy < n ? img[yy * n + xx] : 0
          v = dilate ? max(v, w) : min(v, w)
        }
        out[y * n + x] = 0.5 * (img[y * n + x] + v)
      }
    }
    return out
  }

  /// A random displacement field, smoothed by a Gaussian of σ = `elasticSigma` and scaled to `elasticAlpha`.
  func smoothField(n: Int, random: inout SeededGenerator) -> [Float] {
    var field = (0..<(n * n)).map { _ in random.nextFloat(in: -1, 1) }
    let radius = Int(elasticSigma * 2)
    let kernel = (-radius...radius).map {
      expf(-Float($0 * $0) / (2 * elasticSigma * elasticSigma))
    }
    let norm = kernel.reduce(0, +)
    for pass in 0..<2 {
      var next = [Float](repeating: 0, count: n * n)
      for y in 0..<n {
        for x in 0..<n {
          var sum: Float = 0
          for (i, k) in kernel.enumerated() {
            let o = i - radius
            let xx = pass == 0 ? x + o : x
            let yy = pass == 0 ? y : y + o
            if xx >= 0 && xx < n && yy >= 0 && yy < n { sum += k * field[yy * n + xx] }
          }
          next[y * n + x] = sum / norm
        }
      }
      field = next
    }
    // Smoothing shrinks the values; rescale so the largest displacement is about α.
    let peak = field.map { abs($0) }.max() ?? 1
    return field.map { $0 / max(peak, 1e-6) * elasticAlpha }
  }

  func blur(_ img: [Float], n: Int) -> [Float] {
    var out = img
    for y in 1..<(n - 1) {
      for x in 1..<(n - 1) {
        var sum = 4 * img[y * n + x]
        sum += img[y * n + x - 1] + img[y * n + x + 1] + img[(y - 1) * n + x] + img[(y + 1) * n + x]
        out[y * n + x] = sum / 8
      }
    }
    return out
  }
}

extension MNISTSet {
  /// Like `fill`, but each image passes through `augmentation` first. Image i of the batch
  /// uses its own generator seeded from (seed, index), so results do not depend on threads.
  public func fillAugmented(
    _ batch: inout Tensor, indices: ArraySlice<Int>, augmentation: Augmentation, seed: UInt64
  ) {
    let n = pixelsPerImage
    if batch.shape != [indices.count, 1, rows, columns] {
      batch = Tensor(zeros: [indices.count, 1, rows, columns])
    }
    let list = Array(indices)
    batch.data.withUnsafeMutableBufferPointer { dst in
      let base = dst.baseAddress!
      parallelItems(list.count) { row in
        var random = SeededGenerator(seed: seed &+ UInt64(row) &* 0x9E37_79B9)
        let image = augmentation.apply(self.image(list[row]), random: &random)
        let d = base + row * n
        for i in 0..<n { d[i] = (image[i] - MNIST.mean) / MNIST.std }
      }
    }
  }
}

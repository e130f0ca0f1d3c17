/// Occlusion sensitivity (Zeiler and Fergus, 2014): blank one patch of the image at a time
/// and watch how far the probability of the predicted class falls.
///
/// A patch of side s slides with stride t over an n×n image. Its origins along each axis are
/// 0, t, 2t, … up to n − s (and n − s itself, so the last row and column are covered), so
/// there are m of them and m² patches. With p the probability of class c for the whole image
/// and p_ij the probability with patch (i, j) blanked (ink 0, the background), the drop is
///
///     d_ij = p − p_ij
///
/// d_ij > 0: the ink under the patch speaks for c; d_ij < 0: it speaks against c.
public struct OcclusionMap: Equatable, Sendable {
  /// Side of the image, of the patch, and the stride, in pixels.
  public let side: Int
  public let patch: Int
  public let stride: Int
  /// Patch origins along one axis (the same for x and y).
  public let origins: [Int]
  /// The class whose probability is watched, and its probability for the whole image.
  public let target: Int
  public let baseline: Double
  /// d_ij for patch column i and row j, row by row: `drops[j * origins.count + i]`.
  public let drops: [Double]
  /// The most likely class with each patch blanked, in the same order.
  public let answers: [Int]

  /// Occludes `image` (side×side ink 0…1, row-major) patch by patch and asks `classify` for
  /// the probabilities of all occluded images at once (one batch; the first image is the
  /// unoccluded one).
  public init(image: [Float], side: Int = 28, patch: Int = 4, stride: Int = 2, target: Int,
              classify: ([[Float]]) -> [[Double]]) {
    self.side = side
    self.patch = patch
    self.stride = stride
    self.target = target
    origins = Occlusion.origins(side: side, patch: patch, stride: stride)
    var batch = [image]
    for y in origins { for x in origins { batch.append(Occlusion.blanked(image, side: side, x: x, y: y, patch: patch)) } }
    let outputs = classify(batch)
    let probability = { (row: [Double]) -> Double in target < row.count ? row[target] : 0 }
    baseline = outputs.first.map(probability) ?? 0
    let occluded = outputs.dropFirst()
    drops = Occlusion.drops(baseline: baseline, occluded: occluded.map(probability))
    answers = occluded.map(Occlusion.argmax)
  }

  /// The patch whose blanking lowers the target's probability most: origin and drop.
  public var strongest: (x: Int, y: Int, drop: Double, answer: Int)? {
    // The first patch wins a tie (max(by:) keeps the first of equals).
    guard let best = drops.indices.max(by: { drops[$0] < drops[$1] }) else { return nil }
    let m = origins.count
    return (origins[best % m], origins[best / m], drops[best], answers[best])
  }

  /// The drops spread over the pixels (`Occlusion.pixelMap`), then averaged over
  /// `block`×`block` squares for display (`Occlusion.blockMean`).
  public func displayMap(block: Int) -> [Double] {
    let pixels = Occlusion.pixelMap(drops: drops, origins: origins, patch: patch, side: side)
    return Occlusion.blockMean(pixels, side: side, block: block)
  }
}

/// The pure steps of the occlusion map, each testable by hand.
public enum Occlusion {
  /// Patch origins along one axis: 0, t, 2t, … ≤ n − s, plus n − s when the stride skips it.
  public static func origins(side n: Int, patch s: Int, stride t: Int) -> [Int] {
    guard s >= 1, s <= n, t >= 1 else { return [] }
    var list = Array(Swift.stride(from: 0, through: n - s, by: t))
    if let last = list.last, last != n - s { list.append(n - s) }
    return list
  }

  /// `image` with the s×s square at (x, y) set to 0 (no ink).
  public static func blanked(_ image: [Float], side n: Int, x: Int, y: Int, patch s: Int) -> [Float] {
    var copy = image
    for row in max(0, y)..<min(n, y + s) {
      for column in max(0, x)..<min(n, x + s) where row * n + column < copy.count { copy[row * n + column] = 0 }
    }
    return copy
  }

  /// d_k = p − p_k for every occluded probability p_k.
  public static func drops(baseline p: Double, occluded: [Double]) -> [Double] {
    occluded.map { p - $0 }
  }

  /// The drop at each pixel: the mean over the patches that cover it,
  ///
  ///     a_xy = (1 / |P_xy|) Σ_{(i, j) ∈ P_xy} d_ij,   P_xy = {(i, j) : pixel (x, y) lies in patch (i, j)}
  ///
  /// and 0 where no patch covers the pixel. Returns side×side values, row by row.
  public static func pixelMap(drops: [Double], origins: [Int], patch s: Int, side n: Int) -> [Double] {
    let m = origins.count
    var sum = [Double](repeating: 0, count: n * n), covers = [Int](repeating: 0, count: n * n)
    for (j, y0) in origins.enumerated() {
      for (i, x0) in origins.enumerated() where j * m + i < drops.count {
        for y in y0..<min(n, y0 + s) {
          for x in x0..<min(n, x0 + s) {
            sum[y * n + x] += drops[j * m + i]
            covers[y * n + x] += 1
          }
        }
      }
    }
    return zip(sum, covers).map { $1 > 0 ? $0 / Double($1) : 0 }
  }

  /// Means over b×b squares: an n×n map becomes ⌈n/b⌉×⌈n/b⌉ (squares cut by the edge
  /// average the pixels they hold).
  public static func blockMean(_ map: [Double], side n: Int, block b: Int) -> [Double] {
    guard b > 1 else { return map }
    let m = (n + b - 1) / b
    var out = [Double](repeating: 0, count: m * m)
    for by in 0..<m {
      for bx in 0..<m {
        var total = 0.0, count = 0
        for y in (by * b)..<min(n, by * b + b) {
          for x in (bx * b)..<min(n, bx * b + b) where y * n + x < map.count {
            total += map[y * n + x]
            count += 1
          }
        }
        out[by * m + bx] = count > 0 ? total / Double(count) : 0
      }
    }
    return out
  }

  /// The index of the largest value (the first on ties; 0 for an empty row).
  public static func argmax(_ row: [Double]) -> Int {
    var best = 0
    for i in row.indices where row[i] > row[best] { best = i }
    return best
  }
}

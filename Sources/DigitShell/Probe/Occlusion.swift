/// Occlusion sensitivity (Zeiler and Fergus, 2014): blank one patch of the image at a time
/// and watch how far the probability of the predicted class falls.
///
/// The n×n image is cut into t×t blocks (t the stride), m = ⌈n/t⌉ to a side. Patch (i, j) is
/// the s×s square centred on block (i, j), so it starts at o_i = i·t − (s − t)/2 and is clipped
/// at the edges: with n = 28, s = 4, t = 2 the patches start at −1, 1, 3, …, 25 and overlap
/// their neighbours by half. With p the probability of class c for the whole image and p_ij
/// the probability with patch (i, j) blanked (ink 0, the background), the map is
///
///     d_ij = p − p_ij
///
/// one value per block: d_ij > 0 where the ink speaks for c, d_ij < 0 where it speaks against c.
public struct OcclusionMap: Equatable, Sendable {
  /// Side of the image, of the patch, and the stride, in pixels.
  public let side: Int
  public let patch: Int
  public let stride: Int
  /// Patch starts along one axis (the same for x and y); the first may be negative.
  public let origins: [Int]
  /// The class whose probability is watched, and its probability for the whole image.
  public let target: Int
  public let baseline: Double
  /// d_ij for patch column i and row j, row by row: `drops[j * origins.count + i]`.
  public let drops: [Double]
  /// The most likely class with each patch blanked, in the same order.
  public let answers: [Int]

  /// Occludes `image` (side×side ink 0…1, row-major) patch by patch and asks `classify` for
  /// the probabilities of all the images at once (one batch; the first is the whole image).
  public init(
    image: [Float], side: Int = 28, patch: Int = 4, stride: Int = 2, target: Int,
    classify: ([[Float]]) -> [[Double]]
  ) {
    self.side = side
    self.patch = patch
    self.stride = stride
    self.target = target
    origins = Occlusion.origins(side: side, patch: patch, stride: stride)
    var batch = [image]
    for y in origins {
      for x in origins {
        batch.append(Occlusion.blanked(image, side: side, x: x, y: y, patch: patch))
      }
    }
    let outputs = classify(batch)
    let probability = { (row: [Double]) -> Double in target < row.count ? row[target] : 0 }
    baseline = outputs.first.map(probability) ?? 0
    let occluded = outputs.dropFirst()
    drops = Occlusion.drops(baseline: baseline, occluded: occluded.map(probability))
    answers = occluded.map(Occlusion.argmax)
  }

  /// Cells of the map along one side.
  public var cells: Int { origins.count }

  /// The patch whose blanking lowers the target's probability most (the first on ties):
  /// the pixel rows and columns it covers (0-based, clipped), its drop and the answer without it.
  public var strongest:
    (rows: ClosedRange<Int>, columns: ClosedRange<Int>, drop: Double, answer: Int)?
  {
    guard let best = drops.indices.max(by: { drops[$0] < drops[$1] }) else { return nil }
    return (
      covered(origins[best / cells]), covered(origins[best % cells]), drops[best], answers[best]
    )
  }

  /// The pixels a patch starting at `origin` covers along one axis.
  func covered(_ origin: Int) -> ClosedRange<Int> {
    max(0, origin)...min(side - 1, origin + patch - 1)
  }
}

/// The pure steps of the occlusion map, each checkable by hand.
public enum Occlusion {
  /// Patch starts o_i = i·t − (s − t)/2 for i = 0 ..< ⌈n/t⌉: one patch centred on each t×t block.
  public static func origins(side n: Int, patch s: Int, stride t: Int) -> [Int] {
    guard n >= 1, s >= 1, t >= 1 else { return [] }
    let m = (n + t - 1) / t
    return (0..<m).map { $0 * t - (s - t) / 2 }
  }

  /// `image` with the s×s square starting at (x, y), clipped to the image, set to 0 (no ink).
  public static func blanked(_ image: [Float], side n: Int, x: Int, y: Int, patch s: Int) -> [Float]
  {
    var copy = image
    for row in clipped(y, s, n) {
      for column in clipped(x, s, n) where row * n + column < copy.count {
        copy[row * n + column] = 0
      }
    }
    return copy
  }

  /// start ..< start + length, clipped to 0 ..< n (empty when it misses).
  static func clipped(_ start: Int, _ length: Int, _ n: Int) -> Range<Int> {
    let low = min(max(0, start), n)
    return low..<max(low, min(n, start + length))
  }

  /// d_k = p − p_k for every occluded probability p_k.
  public static func drops(baseline p: Double, occluded: [Double]) -> [Double] {
    occluded.map { p - $0 }
  }

  /// The index of the largest value (the first on ties; 0 for an empty row).
  public static func argmax(_ row: [Double]) -> Int {
    var best = 0
    for i in row.indices where row[i] > row[best] { best = i }
    return best
  }
}

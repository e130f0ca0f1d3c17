import CKernels

/// Inverted dropout: while training, each value is zeroed with probability p and the rest
/// scaled by 1/(1−p), so inference needs no change. Identity when not training.
public final class Dropout: Layer {
  public var p: Float
  fileprivate var mask: [Float] = []  // 0 or 1/(1−p) per value; empty when inactive
  private var output = Tensor(), inputGradient = Tensor()

  public init(p: Float = 0.5) { self.p = p }
  public var spec: LayerSpec { LayerSpec(kind: .dropout, p: p) }
  public func outputShape(for input: [Int]) throws -> [Int] { input }

  /// The one check of a drop probability, for `Dropout`, `Dropout2d` and training's override:
  /// 0 ≤ p < 1 (p = 1 would drop everything and scale the rest by 1/0). Throws a
  /// `DigitKitError` with `setting` `.dropout`: "dropout probability must be at least 0 and below 1, not 1".
  public static func checkProbability(_ p: Float) throws {
    guard p >= 0, p < 1 else {
      throw TrainingSetting.dropout.outOfRange(
        "must be at least 0 and below 1, not \(String(format2: p))")
    }
  }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, …) → y: (B, …)
    guard context.training, p > 0 else {
      mask = []
      return x
    }
    applyMask(x, unit: 1, mask: &mask, p: p, random: context.random, into: &output)
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, …) → dx = dy · mask
    guard !mask.isEmpty else { return dy }
    multiply(dy, unit: 1, by: mask, into: &inputGradient)
    return inputGradient
  }
}

/// Channel dropout (PyTorch's `Dropout2d`): while training, each whole feature map of
/// x: (B, C, H, W) is zeroed with probability p, the others scaled by 1/(1−p).
public final class Dropout2d: Layer {
  public var p: Float
  private var mask: [Float] = []  // one entry per (b, c)
  private var unit = 1
  private var output = Tensor(), inputGradient = Tensor()

  public init(p: Float = 0.5) { self.p = p }
  public var spec: LayerSpec { LayerSpec(kind: .dropout2d, p: p) }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3 else {
      throw DigitKitError("dropout2d needs C×H×W feature maps but gets \(describeShape(input))")
    }
    return input
  }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, C, H, W)
    guard context.training, p > 0 else {
      mask = []
      return x
    }
    unit = x.shape[2] * x.shape[3]
    applyMask(x, unit: unit, mask: &mask, p: p, random: context.random, into: &output)
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, C, H, W) → dx = dy · mask
    guard !mask.isEmpty else { return dy }
    multiply(dy, unit: unit, by: mask, into: &inputGradient)
    return inputGradient
  }
}

/// Draws one keep/drop decision per `unit` consecutive values, then y = x · mask.
private func applyMask(
  _ x: Tensor, unit: Int, mask: inout [Float], p: Float, random: RandomSource,
  into y: inout Tensor
) {
  let groups = x.count / unit
  if mask.count != groups { mask = [Float](repeating: 0, count: groups) }
  mask.withUnsafeMutableBufferPointer { mp in
    drawDropoutMask(mp.baseAddress!, count: groups, p: p, random: random, kept: 1 / (1 - p))
  }
  multiply(x, unit: unit, by: mask, into: &y)
}

/// mask[i] = `kept` or 0 for i < count, 0 with probability p: the one way every dropout
/// (`Dropout`, `Dropout2d`, the plan's fused pass, with a byte mask of 1s and 0s) draws its
/// mask. One draw from `random` seeds a generator per block of 4,096 values, so the cores share
/// the work and the mask depends on the seed alone, not on the number of cores or the vector
/// width. A value is dropped when the unit float (24 random bits / 2²⁴) is below p, i.e. when
/// the 24 bits are below ⌈p·2²⁴⌉. The blocks are drawn side by side in vector lanes
/// (CKernels' DropoutMask.c).
func drawDropoutMask(
  _ mask: UnsafeMutablePointer<Float>, count: Int, p: Float, random: RandomSource, kept: Float
) {
  eachBlockGroup(count: count, p: p, random: random) { seed, first, end, threshold in
    dl_dropout_mask_f32(seed, count, first, end, threshold, kept, mask)
  }
}

/// The same mask as bytes: 1 where kept, 0 where dropped.
func drawDropoutMask(
  _ mask: UnsafeMutablePointer<UInt8>, count: Int, p: Float, random: RandomSource
) {
  eachBlockGroup(count: count, p: p, random: random) { seed, first, end, threshold in
    dl_dropout_mask_u8(seed, count, first, end, threshold, mask)
  }
}

/// Runs `draw(seed, first block, end block, threshold)` for groups of 8 blocks, on the cores.
private func eachBlockGroup(
  count: Int, p: Float, random: RandomSource,
  _ draw: (UInt64, Int, Int, UInt64) -> Void
) {
  let seed = random.generator.next()
  let threshold = UInt64((p * 16_777_216).rounded(.up))
  let blocks = (count + 4_095) / 4_096
  let group = 8
  parallelItems((blocks + group - 1) / group) { item in
    draw(seed, item * group, min(blocks, (item + 1) * group), threshold)
  }
}

/// y = x · mask, one mask entry per `unit` consecutive values; y's buffer is reused.
private func multiply(_ x: Tensor, unit: Int, by mask: [Float], into y: inout Tensor) {
  y.reuse(shape: x.shape)
  x.data.withUnsafeBufferPointer { xp in
    y.data.withUnsafeMutableBufferPointer { yp in
      mask.withUnsafeBufferPointer { mp in
        if unit == 1 {
          for i in 0..<mp.count { yp[i] = xp[i] * mp[i] }
        } else {
          for g in 0..<mp.count {
            let m = mp[g]
            let base = g * unit
            for i in base..<(base + unit) { yp[i] = xp[i] * m }
          }
        }
      }
    }
  }
}

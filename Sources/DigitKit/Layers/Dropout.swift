/// Inverted dropout: while training, each value is zeroed with probability p and the rest
/// scaled by 1/(1−p), so inference needs no change. Identity when not training.
public final class Dropout: Layer {
  public var p: Float
  fileprivate var mask: [Float] = []  // 0 or 1/(1−p) per value; empty when inactive
  private var output = Tensor()

  public init(p: Float = 0.5) { self.p = p }
  public var spec: LayerSpec { LayerSpec(kind: .dropout, p: p) }
  public func outputShape(for input: [Int]) throws -> [Int] { input }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, …) → y: (B, …)
    guard context.training, p > 0 else { mask = []; return x }
    output = applyMask(x, unit: 1, mask: &mask, p: p, random: context.random)
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    maskedGradient(dy, unit: 1, mask: mask)
  }
}

/// Channel dropout (PyTorch's `Dropout2d`): while training, each whole feature map of
/// x: (B, C, H, W) is zeroed with probability p, the others scaled by 1/(1−p).
public final class Dropout2d: Layer {
  public var p: Float
  private var mask: [Float] = []  // one entry per (b, c)
  private var unit = 1
  private var output = Tensor()

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
    guard context.training, p > 0 else { mask = []; return x }
    unit = x.shape[2] * x.shape[3]
    output = applyMask(x, unit: unit, mask: &mask, p: p, random: context.random)
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    maskedGradient(dy, unit: unit, mask: mask)
  }
}

/// Draws one keep/drop decision per `unit` consecutive values and applies it.
private func applyMask(_ x: Tensor, unit: Int, mask: inout [Float], p: Float, random: RandomSource) -> Tensor {
  let groups = x.count / unit, scale = 1 / (1 - p)
  if mask.count != groups { mask = [Float](repeating: 0, count: groups) }
  var generator = random.generator  // a local copy: no exclusivity checks in the loop
  for i in 0..<groups { mask[i] = generator.nextUnitFloat() < p ? 0 : scale }
  random.generator = generator
  var y = x
  y.data.withUnsafeMutableBufferPointer { yp in
    mask.withUnsafeBufferPointer { mp in
      for g in 0..<groups {
        let m = mp[g], base = g * unit
        for i in base..<(base + unit) { yp[i] *= m }
      }
    }
  }
  return y
}

/// dx = dy · mask (identity when the layer was inactive).
private func maskedGradient(_ dy: Tensor, unit: Int, mask: [Float]) -> Tensor {
  guard !mask.isEmpty else { return dy }
  var dx = dy
  dx.data.withUnsafeMutableBufferPointer { dp in
    for g in 0..<mask.count {
      let m = mask[g], base = g * unit
      for i in base..<(base + unit) { dp[i] *= m }
    }
  }
  return dx
}

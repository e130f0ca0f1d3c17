import CKernels

/// Convolution with the direct kernels (CKernels/GatherGEMM.h; AVX-512 or AVX2 + FMA,
/// `SIMDLevel`):
/// register-blocked GEMMs that read their right-hand side through offset tables, so nothing
/// is copied into im2col columns or packed.
///
///   forward:  y[b, o, p] = bias[o] + Σ_{c,u,v} W[o, c, u, v] · xp[b, c, p + (u, v)]
///   backward: dx[b, c, q] = Σ_{o,u,v} W[o, c, k-1-u, k-1-v] · dyp[b, o, q + pad + (u, v)]
///             dW, db from `DirectParameterGradients`
///
/// xp: x framed by `pad` zeros (B, C, H+2p, W+2p); dyp: dy framed by k-1 zeros
/// (B, O, Ho+2k-2, Wo+2k-2); p ranges over (Ho, Wo), q over (H, W). Output channels (and, for
/// dx, input channels) go in tiles of 16 rows; rows past O (or C) land in `wide` and are dropped.
final class DirectConvolution: ConvolutionAlgorithm {
  /// dW, db, the offset tables into xp, and the kept input.
  private let parameterGradients = DirectParameterGradients()
  // Offsets into one framed dy sample, for (ky, kx, o) and for input positions.
  private var gradientOffsets: [Int32] = [], inputPositions: [Int32] = []
  private let weights = ScratchBuffer()  // Wᵀ (C·k·k, O16)
  private let paddedBias = ScratchBuffer()  // (O16)
  private let flippedWeights = ScratchBuffer()  // W rotated 180°, (k·k·O, C16)
  private let paddedGradient = ScratchBuffer()  // dyp (B, O, Ho+2k-2, Wo+2k-2)
  private var paddedGradientCount = 0  // floats of paddedGradient whose frame is zero
  private let wide = ScratchBuffer()  // per sample: results with the tile rows past O or C
  private var output = Tensor()  // y, reused between batches
  private var inputGradient = Tensor()  // dx, reused between batches

  /// Floats of scratch a training step of geometry `g` keeps (offset tables counted as floats):
  /// Wᵀ and the bias, the wide rows, and with `needsInputGradient` W rotated, dyp and dx.
  static func scratchFloats(_ g: ConvGeometry, needsInputGradient: Bool) -> Int {
    let o = g.outputChannels
    let c = g.channels
    let o16 = tiled(o)
    let c16 = tiled(c)
    let k = g.kernel
    let plane = g.height * g.width
    var floats = g.patchSize * o16 + o16 + DirectParameterGradients.scratchFloats(g)
    var wide = o16 > o ? g.batch * o16 * g.positions : 0
    if needsInputGradient {
      floats +=
        k * k * o * c16 + g.batch * o * (g.outHeight + 2 * (k - 1)) * (g.outWidth + 2 * (k - 1))
      floats += g.batch * c * plane + k * k * o + plane
      if c16 > c { wide = max(wide, g.batch * c16 * plane) }
    }
    return floats + wide
  }

  var rectifies = false

  func forward(_ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool)
    -> Tensor
  {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    let o = g.outputChannels
    let o16 = tiled(o)
    let positions = g.positions
    let patch = g.patchSize
    let plane = g.paddedHeight * g.paddedWidth
    prepare(g)
    output.reuse(shape: [g.batch, o, g.outHeight, g.outWidth])
    // Wᵀ with zero columns up to a multiple of 16 output channels.
    let wt = weights.zeroed(patch * o16)
    weight.value.data.withUnsafeBufferPointer { w in
      for ch in 0..<o { for k in 0..<patch { wt[k * o16 + ch] = w[ch * patch + k] } }
    }
    let b = paddedBias.zeroed(o16)
    bias.value.data.withUnsafeBufferPointer { b.update(from: $0.baseAddress!, count: o) }
    let framed = parameterGradients.keep(x, g, training: training, framed: true)
    // Rows past O (a tile's padding) land in a per-sample buffer and are dropped.
    let wide = o16 == o ? nil : self.wide.reserve(g.batch * o16 * positions)
    let (koff, poff) = (parameterGradients.inputOffsets, parameterGradients.outputPositions)
    x.data.withUnsafeBufferPointer { xp in
      output.data.withUnsafeMutableBufferPointer { yp in
        let source = framed ?? xp.baseAddress!
        let y = yp.baseAddress!
        parallelItems(g.batch) { n in
          let xs = source + n * g.channels * plane
          let ys = y + n * o * positions
          let target = wide.map { $0 + n * o16 * positions } ?? ys
          dl_gather_gemm(
            wt, Int32(patch), Int32(o16), xs, koff, poff, Int32(positions), b, target, positions)
          if target != ys { ys.update(from: target, count: o * positions) }
          if rectifies { reluForward(ys, ys, 0..<(o * positions)) }  // while in cache
        }
      }
    }
    return output
  }

  func backward(
    _ dy: OutputGradient, _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    needsInputGradient: Bool
  ) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += Σ dy ⋆ xp, db += Σ dy
    guard needsInputGradient else {
      inputGradient = Tensor()
      _ = parameterGradients.gatherGradient(dy, g)
      parameterGradients.accumulate(g, weight: weight, bias: bias, alongside: 0) { _ in }
      return Tensor()
    }
    // dx: every value is written below, so the buffer is reused without zeroing.
    inputGradient.reuse(shape: [g.batch, g.channels, g.height, g.width])
    var dx = inputGradient
    inputGradient = Tensor()  // one owner while writing: no copy-on-write
    let dyp = framedGradient(g)
    _ = parameterGradients.gatherGradient(dy, g) { n, src in
      frame(src, g, into: dyp + n * g.outputChannels * framedPlane(g))
    }
    let wf = flippedWeights(weight, g)
    if tiled(g.channels) > g.channels {
      _ = wide.reserve(g.batch * tiled(g.channels) * g.height * g.width)
    }
    dx.data.withUnsafeMutableBufferPointer { dxp in
      let dx = dxp.baseAddress!
      parameterGradients.accumulate(g, weight: weight, bias: bias, alongside: g.batch) { n in
        inputGradient(sample: n, g, weights: wf, framedGradient: dyp, into: dx)
      }
    }
    inputGradient = dx
    return dx
  }

  /// Offset tables for this geometry: the parameter gradients' into xp, and dx's into dyp.
  private func prepare(_ g: ConvGeometry) {
    guard parameterGradients.prepare(g) else { return }
    paddedGradientCount = 0  // the frame moves with the geometry
    let k = g.kernel
    let hq = g.outHeight + 2 * (k - 1)
    let wq = g.outWidth + 2 * (k - 1)
    var goff: [Int32] = []
    var ipos: [Int32] = []
    for ky in 0..<k {
      for kx in 0..<k {
        for och in 0..<g.outputChannels { goff.append(Int32((och * hq + ky) * wq + kx)) }
      }
    }
    for iy in 0..<g.height {
      for ix in 0..<g.width { ipos.append(Int32((iy + g.padding) * wq + ix + g.padding)) }
    }
    gradientOffsets = goff
    inputPositions = ipos
  }

  /// Floats in one channel of dyp: (Ho+2k-2)·(Wo+2k-2).
  private func framedPlane(_ g: ConvGeometry) -> Int {
    (g.outHeight + 2 * (g.kernel - 1)) * (g.outWidth + 2 * (g.kernel - 1))
  }

  /// The buffer for dyp. Its frame of zeros is written once; later batches overwrite only the interior.
  private func framedGradient(_ g: ConvGeometry) -> UnsafeMutablePointer<Float> {
    let framed = g.batch * g.outputChannels * framedPlane(g)
    if paddedGradientCount != framed {
      _ = paddedGradient.zeroed(framed)
      paddedGradientCount = framed
    }
    return paddedGradient.pointer
  }

  /// One sample of dy, (O, Ho, Wo), into the interior of its frame of k-1 zeros.
  private func frame(
    _ src: UnsafePointer<Float>, _ g: ConvGeometry, into frame: UnsafeMutablePointer<Float>
  ) {
    let k = g.kernel
    let hq = g.outHeight + 2 * (k - 1)
    let wq = g.outWidth + 2 * (k - 1)
    for ch in 0..<g.outputChannels {
      for row in 0..<g.outHeight {
        (frame + (ch * hq + row + k - 1) * wq + k - 1)
          .update(from: src + ch * g.positions + row * g.outWidth, count: g.outWidth)
      }
    }
  }

  /// W rotated by 180° as (k·k·O, C16), rows in (ky, kx, o) order: the input gradient is a
  /// convolution of dyp, and one input row only meets a contiguous range of ky.
  private func flippedWeights(_ weight: Parameter, _ g: ConvGeometry) -> UnsafeMutablePointer<Float>
  {
    let o = g.outputChannels
    let c = g.channels
    let k = g.kernel
    let c16 = tiled(c)
    let wf = flippedWeights.zeroed(o * k * k * c16)
    weight.value.data.withUnsafeBufferPointer { w in
      for och in 0..<o {
        for ch in 0..<c {
          for ky in 0..<k {
            for kx in 0..<k {
              wf[((ky * k + kx) * o + och) * c16 + ch] =
                w[((och * c + ch) * k + k - 1 - ky) * k + k - 1 - kx]
            }
          }
        }
      }
    }
    return wf
  }

  /// The ky whose dyp rows iy+pad+ky hold dy (k-1 ≤ iy+pad+ky ≤ k-1+Ho-1), as (low, high).
  private func tapRows(_ iy: Int, _ g: ConvGeometry) -> (Int, Int) {
    let k = g.kernel
    return (max(0, k - 1 - iy - g.padding), min(k - 1, k - 2 + g.outHeight - iy - g.padding))
  }

  /// dx of sample `n`, (C, H, W), from its dyp. Runs of input rows that meet the same ky
  /// range go through the kernel together; rows that meet none are zero.
  private func inputGradient(
    sample n: Int, _ g: ConvGeometry, weights wf: UnsafePointer<Float>,
    framedGradient dyp: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
  ) {
    let c = g.channels
    let c16 = tiled(c)
    let plane = g.height * g.width
    let rowTaps = g.kernel * g.outputChannels
    let from = dyp + n * g.outputChannels * framedPlane(g)
    let to = dx + n * c * plane
    let target = c16 == c ? to : wide.pointer + n * c16 * plane
    var iy = 0
    while iy < g.height {
      let (low, high) = tapRows(iy, g)
      var end = iy + 1
      while end < g.height, tapRows(end, g) == (low, high) { end += 1 }
      let rows = iy..<end
      iy = end
      guard high >= low else {
        for ch in 0..<c16 {
          (target + ch * plane + rows.lowerBound * g.width).update(
            repeating: 0, count: rows.count * g.width)
        }
        continue
      }
      gradientOffsets.withUnsafeBufferPointer { koff in
        inputPositions.withUnsafeBufferPointer { poff in
          dl_gather_gemm(
            wf + low * rowTaps * c16, Int32((high - low + 1) * rowTaps), Int32(c16),
            from, koff.baseAddress! + low * rowTaps, poff.baseAddress! + rows.lowerBound * g.width,
            Int32(rows.count * g.width), nil, target + rows.lowerBound * g.width, plane)
        }
      }
    }
    if target != to { to.update(from: target, count: c * plane) }
  }
}

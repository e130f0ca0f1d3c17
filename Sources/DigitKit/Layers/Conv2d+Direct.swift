import CKernels
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a convolution multiplies: all give the same numbers up to float rounding.
public enum ConvAlgorithm: String, Sendable {
  /// Winograd F(2×2, 5×5) for the output and the input gradient: 36 products per 2×2
  /// outputs instead of 100 (Conv2d+Winograd.swift, CKernels/Winograd.c); the weight
  /// gradient comes from the direct kernels. Layers it does not fit (not 5×5, an odd output,
  /// fewer than 16 input channels, no AVX2) use `direct`, or `im2col`.
  case winograd
  /// Register-blocked AVX2 kernels that read the input through offset tables (no im2col
  /// copy, no packing). On x86-64 CPUs with AVX2 and FMA; `im2col` elsewhere.
  case direct
  /// im2col columns multiplied by BLAS sgemm.
  case im2col

  /// `winograd`, unless `DIGITLAB_CONV` names `direct` or `im2col`.
  public static let preferred: ConvAlgorithm = {
    guard let raw = getenv("DIGITLAB_CONV") else { return .winograd }
    return ConvAlgorithm(rawValue: String(cString: raw)) ?? .winograd
  }()

  /// What the convolutions run on this machine, in a few words (for `bench`).
  public static var inUse: String {
    switch (preferred, directAvailable) {
    case (.winograd, true): return "Winograd F(2×2,5×5) + direct AVX2 (DIGITLAB_CONV=direct|im2col)"
    case (.direct, true): return "direct AVX2 kernels (DIGITLAB_CONV=winograd|im2col)"
    default: return "im2col + BLAS"
    }
  }

  /// Whether the direct kernels can run on this CPU.
  public static var directAvailable: Bool { dl_gather_available() != 0 }
}

/// Buffers for the direct kernels, kept between batches so steady-state training allocates nothing.
final class DirectConvScratch {
  var geometryKey: [Int] = []
  // Offsets into one (padded) input sample: koff for (c, ky, kx), poff for output positions.
  var inputOffsets: [Int32] = [], outputPositions: [Int32] = []
  // Offsets into one padded output-gradient sample, for the input gradient.
  var gradientOffsets: [Int32] = [], inputPositions: [Int32] = []
  let weights = ScratchBuffer()         // Wᵀ (C·k·k, O16)
  let flippedWeights = ScratchBuffer()  // W rotated 180°, (k·k·O, C16)
  let paddedBias = ScratchBuffer()      // (O16)
  let paddedInput = ScratchBuffer()     // (B, C, H+2p, W+2p), only when padding > 0
  let gradient = ScratchBuffer()        // dy channels-last (B, Ho·Wo, O16)
  let paddedGradient = ScratchBuffer()  // dy with k-1 zeros around (B, O, Ho+2k-2, Wo+2k-2)
  var paddedGradientCount = 0           // floats of paddedGradient whose frame is zero
  var inputGradient = Tensor()          // dx, reused between batches
  let biasSums = ScratchBuffer()        // per sample: Σ dy over positions (B, O)
  let weightSums = ScratchBuffer()      // per dW slice: its columns, channels last
  let wideWeightGradient = ScratchBuffer()  // (O16, C·k·k) when O16 > O
  let wide = ScratchBuffer()            // per sample: results with the tile rows past O or C
}

extension Conv2d {
  /// `n` rounded up to the kernels' 16-row tiles.
  static func tiled(_ n: Int) -> Int { (n + 15) / 16 * 16 }

  /// Forward with the direct kernels. x: (B, C, H, W) → y: (B, O, Ho, Wo)
  func directForward(_ x: Tensor, training: Bool) -> Tensor {
    let g = geometry, s = direct, o = outputChannels, o16 = Self.tiled(o)
    let hp = g.height + 2 * padding, wp = g.width + 2 * padding, plane = hp * wp
    let positions = g.positions, patch = g.patchSize
    prepareDirect(hp: hp, wp: wp)
    output.reuse(shape: [batch, o, g.outHeight, g.outWidth])
    // Wᵀ with zero columns up to a multiple of 16 output channels.
    let wt = s.weights.zeroed(patch * o16)
    weight.value.data.withUnsafeBufferPointer { w in
      for ch in 0..<o { for k in 0..<patch { wt[k * o16 + ch] = w[ch * patch + k] } }
    }
    let b = s.paddedBias.zeroed(o16)
    bias.value.data.withUnsafeBufferPointer { b.update(from: $0.baseAddress!, count: o) }
    input = training ? x : Tensor()
    // Rows past O (a tile's padding) land in a per-sample buffer and are dropped.
    let wide = o16 == o ? nil : s.wide.reserve(batch * o16 * positions)
    withSource(x) { source in
      output.data.withUnsafeMutableBufferPointer { yp in
        let y = yp.baseAddress!
        parallelItems(batch) { n in
          let xs = source + n * g.channels * plane, ys = y + n * o * positions
          let target = wide.map { $0 + n * o16 * positions } ?? ys
          dl_gather_gemm(wt, Int32(patch), Int32(o16), xs, s.inputOffsets, s.outputPositions,
                         Int32(positions), b, target, positions)
          if target != ys { ys.update(from: target, count: o * positions) }
        }
      }
    }
    return output
  }

  /// Backward with the direct kernels. dy: (B, O, Ho, Wo) → dx: (B, C, H, W);
  /// dW += Σ dy ⋆ x, db += Σ dy. With `byWinograd`, dx comes from Winograd instead
  /// (after a Winograd forward), and dW still from the direct kernels, which are exact sums.
  ///
  /// The work is cut into items (one sample, or one slice of dW's columns over the whole
  /// batch) that idle cores pick up as they finish. Each value is summed in a fixed order,
  /// so the results do not depend on the number of cores.
  func directBackward(_ dy: Tensor, needsInputGradient: Bool, byWinograd: Bool = false) -> Tensor {
    let g = geometry, s = direct, o = outputChannels, c = inputChannels, k = kernel
    let o16 = Self.tiled(o), c16 = Self.tiled(c), positions = g.positions, patch = g.patchSize
    let hp = g.height + 2 * padding, wp = g.width + 2 * padding, plane = g.height * g.width
    let hq = g.outHeight + 2 * (k - 1), wq = g.outWidth + 2 * (k - 1)
    let batch = self.batch
    let framedInputGradient = needsInputGradient && !byWinograd
    // dx: every value is written below, so the buffer is reused without zeroing.
    if needsInputGradient { s.inputGradient.reuse(shape: [batch, c, g.height, g.width]) }
    var dx = needsInputGradient ? s.inputGradient : Tensor()
    s.inputGradient = Tensor()  // one owner while writing: no copy-on-write
    let gt = s.gradient.reserve(batch * positions * o16)
    // The frame of zeros is written once; later batches overwrite only the interior.
    let framed = batch * o * hq * wq
    if framedInputGradient && s.paddedGradientCount != framed {
      _ = s.paddedGradient.zeroed(framed)
      s.paddedGradientCount = framed
    }
    let dyPadded = framedInputGradient ? s.paddedGradient.pointer : nil
    let biasSums = s.biasSums.reserve(batch * o)
    // 1. Per sample: dy channels-last (zero-padded to O16), Σ dy per channel and, for dx,
    //    dy framed by k-1 zeros.
    dy.data.withUnsafeBufferPointer { dyp in
      let dy = dyp.baseAddress!
      parallelItems(batch) { n in
        let src = dy + n * o * positions, dst = gt + n * positions * o16
        if o16 > o { dst.update(repeating: 0, count: positions * o16) }
        for ch in 0..<o { biasSums[n * o + ch] = sum(src + ch * positions, positions) }
        dl_transpose(src, Int32(o), Int32(positions), dst, Int32(o16))
        guard let dyPadded else { return }
        let frame = dyPadded + n * o * hq * wq
        for ch in 0..<o {
          for row in 0..<g.outHeight {
            (frame + (ch * hq + row + k - 1) * wq + k - 1)
              .update(from: src + ch * positions + row * g.outWidth, count: g.outWidth)
          }
        }
      }
    }
    // W rotated by 180° as (k·k·O, C16), rows in (ky, kx, o) order: the input gradient is a
    // convolution of padded dy, and one input row only meets a contiguous range of ky.
    let wf = s.flippedWeights.zeroed(framedInputGradient ? o * k * k * c16 : 0)
    if framedInputGradient {
      weight.value.data.withUnsafeBufferPointer { w in
        for och in 0..<o { for ch in 0..<c { for ky in 0..<k { for kx in 0..<k {
          wf[((ky * k + kx) * o + och) * c16 + ch] = w[((och * c + ch) * k + k - 1 - ky) * k + k - 1 - kx]
        } } } }
      }
    }
    // 2. Items 0..<slices: dW's columns in slices of whole 6-column tiles, over the batch;
    //    then one item per sample for dx (or per Winograd item).
    let tiles = (patch + 5) / 6, slices = min(tiles, 4 * ProcessInfoCache.cores)
    let sliceColumns = (tiles + slices - 1) / slices * 6
    let sums = s.weightSums.reserve(slices * (sliceColumns + 6) * o16)
    let dwTarget = o16 == o ? nil : s.wideWeightGradient.zeroed(o16 * patch)
    let wide = c16 == c || !framedInputGradient ? nil : s.wide.reserve(batch * c16 * plane)
    let rowTaps = k * o  // rows of wf per ky
    /// The ky whose padded-dy rows iy+pad+ky hold dy: k-1 ≤ iy+pad+ky ≤ k-1+Ho-1.
    func tapRows(_ iy: Int) -> (Int, Int) {
      (max(0, k - 1 - iy - padding), min(k - 1, k - 2 + g.outHeight - iy - padding))
    }
    withKeptSource { source in
      dy.data.withUnsafeBufferPointer { dyp in
      weight.gradient.data.withUnsafeMutableBufferPointer { dwp in
        dx.data.withUnsafeMutableBufferPointer { dxp in
          let dw = dwTarget ?? dwp.baseAddress!, dxBase = dxp.baseAddress
          let dxItems = !needsInputGradient ? 0 : byWinograd ? winogradInputGradientItems : batch
          parallelItems(slices + dxItems) { item in
            if item < slices {
              let k0 = min(patch, item * sliceColumns), k1 = min(patch, k0 + sliceColumns)
              guard k1 > k0 else { return }
              dl_gather_weight_grad(gt, positions * o16, Int32(positions), Int32(o16),
                                    source, g.channels * hp * wp, Int32(batch),
                                    s.inputOffsets, Int32(patch), Int32(k0), Int32(k1),
                                    s.outputPositions, dw, sums + item * (sliceColumns + 6) * o16)
              return
            }
            guard let dxBase else { return }
            let n = item - slices
            if byWinograd {
              winogradInputGradient(gt, item: n, into: dxBase)
              return
            }
            guard let dyPadded else { return }
            let from = dyPadded + n * o * hq * wq, to = dxBase + n * c * plane
            let target = wide.map { $0 + n * c16 * plane } ?? to
            // Runs of input rows that meet the same ky range go through the kernel together.
            var iy = 0
            while iy < g.height {
              let (low, high) = tapRows(iy)
              var end = iy + 1
              while end < g.height, tapRows(end) == (low, high) { end += 1 }
              let rows = iy..<end
              iy = end
              guard high >= low else {
                for ch in 0..<c16 {
                  (target + ch * plane + rows.lowerBound * g.width).update(repeating: 0, count: rows.count * g.width)
                }
                continue
              }
              s.gradientOffsets.withUnsafeBufferPointer { koff in
                s.inputPositions.withUnsafeBufferPointer { poff in
                  dl_gather_gemm(wf + low * rowTaps * c16, Int32((high - low + 1) * rowTaps), Int32(c16),
                                 from, koff.baseAddress! + low * rowTaps, poff.baseAddress! + rows.lowerBound * g.width,
                                 Int32(rows.count * g.width), nil, target + rows.lowerBound * g.width, plane)
                }
              }
            }
            if target != to { to.update(from: target, count: c * plane) }
          }
          if let dwTarget {
            for i in 0..<(o * patch) { dwp[i] += dwTarget[i] }
          }
        }
      }
      }
    }
    // db in sample order.
    bias.gradient.data.withUnsafeMutableBufferPointer { db in
      for n in 0..<batch { for ch in 0..<o { db[ch] += biasSums[n * o + ch] } }
    }
    input = Tensor()
    if needsInputGradient { s.inputGradient = dx }
    return dx
  }

  /// Σ values[0..<count], eight running sums (one float add chain per value took 4 cycles each).
  private func sum(_ values: UnsafePointer<Float>, _ count: Int) -> Float {
    var lanes = SIMD8<Float>(), i = 0
    while i + 8 <= count {
      lanes += load8(values + i)
      i += 8
    }
    var total = lanes.sum()
    while i < count { total += values[i]; i += 1 }
    return total
  }

  /// Offset tables for this input size.
  func prepareDirect(hp: Int, wp: Int) {
    let s = direct, g = geometry, k = kernel
    let key = [g.channels, g.height, g.width, k, padding, outputChannels]
    guard key != s.geometryKey else { return }
    s.geometryKey = key
    s.paddedGradientCount = 0  // the frame moves with the geometry
    var koff: [Int32] = [], poff: [Int32] = []
    for ch in 0..<g.channels { for ky in 0..<k { for kx in 0..<k { koff.append(Int32((ch * hp + ky) * wp + kx)) } } }
    for oy in 0..<g.outHeight { for ox in 0..<g.outWidth { poff.append(Int32(oy * wp + ox)) } }
    s.inputOffsets = koff
    s.outputPositions = poff
    let hq = g.outHeight + 2 * (k - 1), wq = g.outWidth + 2 * (k - 1)
    var goff: [Int32] = [], ipos: [Int32] = []
    for ky in 0..<k { for kx in 0..<k { for och in 0..<outputChannels { goff.append(Int32((och * hq + ky) * wq + kx)) } } }
    for iy in 0..<g.height { for ix in 0..<g.width { ipos.append(Int32((iy + padding) * wq + ix + padding)) } }
    s.gradientOffsets = goff
    s.inputPositions = ipos
  }
  /// Runs `body` on x itself, or (padding > 0) on a zero-framed copy kept for backward.
  private func withSource<R>(_ x: Tensor, _ body: (UnsafePointer<Float>) -> R) -> R {
    guard padding > 0 else { return x.data.withUnsafeBufferPointer { body($0.baseAddress!) } }
    return body(keepPaddedCopy(of: x))
  }

  /// x framed by `padding` zeros, (B, C, H+2p, W+2p), kept for backward's weight gradient.
  func keepPaddedCopy(of x: Tensor) -> UnsafePointer<Float> {
    let g = geometry, hp = g.height + 2 * padding, wp = g.width + 2 * padding
    let dst = direct.paddedInput.zeroed(batch * g.channels * hp * wp)
    x.data.withUnsafeBufferPointer { xp in
      for plane in 0..<(batch * g.channels) {
        for row in 0..<g.height {
          (dst + (plane * hp + row + padding) * wp + padding)
            .update(from: xp.baseAddress! + (plane * g.height + row) * g.width, count: g.width)
        }
      }
    }
    return UnsafePointer(dst)
  }

  /// Runs `body` on the input the last forward used: the kept x, or its padded copy.
  private func withKeptSource<R>(_ body: (UnsafePointer<Float>) -> R) -> R {
    if padding > 0 { return body(UnsafePointer(direct.paddedInput.pointer)) }
    return input.data.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

import CKernels

/// The parameter gradients of a convolution with the direct kernels (CKernels/GatherGEMM.h):
///
///   dW[o, c, u, v] += Σ_b Σ_{i,j} dy[b, o, i, j] · xp[b, c, i+u, j+v]     db[o] += Σ_b Σ_{i,j} dy[b, o, i, j]
///
/// with xp: (B, C, H+2p, W+2p), x framed by the padding, and dy: (B, O, Ho, Wo). Both the
/// direct and the Winograd algorithms take dW and db from here: they are exact sums, where
/// Winograd's transforms would round more (and measured only 22% faster; see Winograd.h).
///
/// dW is cut into slices of whole 6-column tiles (each with 12 spare columns of scratch for the
/// kernels' widest tile), each summed over the whole batch in a fixed order, so the result does
/// not depend on the number of cores. The caller's input-gradient items run in the same pool
/// (`accumulate(…alongside:)`), so idle cores pick up either.
final class DirectParameterGradients {
  private var tablesFor: ConvGeometry?
  /// Offsets into one padded input sample: for (c, ky, kx), and for output positions.
  private(set) var inputOffsets: [Int32] = [], outputPositions: [Int32] = []
  private var input = Tensor()  // x, kept while training
  private let paddedInput = ScratchBuffer()  // xp (B, C, H+2p, W+2p), when padding > 0
  private let gradient = ScratchBuffer()  // dy channels last (B, Ho·Wo, O16)
  private let biasSums = ScratchBuffer()  // per sample: Σ dy over positions (B, O)
  private let weightSums = ScratchBuffer()  // per dW slice: its columns, channels last
  private let wideWeightGradient = ScratchBuffer()  // (O16, C·k·k) when O16 > O

  /// How dW's `patch` columns are cut for the cores: `slices` slices of `sliceColumns` columns
  /// (whole 6-column tiles), up to 4 per core for an idle core to take, but at least 4 tiles
  /// each, or one per core: every slice reads all of dy, so conv1's 5 tiles (25 columns) as 5
  /// slices read its 4.7 MB dy (batch 64) five times. How the columns are sliced does not change
  /// the sums: each column adds up its positions in the same order.
  static func columnSlices(patch: Int) -> (slices: Int, sliceColumns: Int) {
    let tiles = (patch + 5) / 6
    let cores = ProcessInfoCache.cores
    let slices = max(min(cores, tiles), min(tiles / 4, 4 * cores))
    return (slices, (tiles + slices - 1) / slices * 6)
  }

  /// Floats of scratch a training step of geometry `g` keeps (offset tables counted as floats):
  /// xp when padded, dy channels last, the bias sums, the slices' sums and the wide dW.
  static func scratchFloats(_ g: ConvGeometry) -> Int {
    let o = g.outputChannels
    let o16 = tiled(o)
    let patch = g.patchSize
    let (slices, sliceColumns) = columnSlices(patch: patch)
    let padded = g.padding > 0 ? g.batch * g.channels * g.paddedHeight * g.paddedWidth : 0
    return padded + g.batch * g.positions * o16 + g.batch * o + slices * (sliceColumns + 12) * o16
      + (o16 > o ? o16 * patch : 0) + patch + g.positions
  }

  /// Builds the offset tables for `g`'s per-sample sizes; true when they changed.
  @discardableResult
  func prepare(_ g: ConvGeometry) -> Bool {
    let key = ConvGeometry(
      batch: 0, channels: g.channels, height: g.height, width: g.width,
      outputChannels: g.outputChannels, kernel: g.kernel, padding: g.padding)
    guard key != tablesFor else { return false }
    tablesFor = key
    let k = g.kernel
    let hp = g.paddedHeight
    let wp = g.paddedWidth
    var koff: [Int32] = []
    var poff: [Int32] = []
    for ch in 0..<g.channels {
      for ky in 0..<k { for kx in 0..<k { koff.append(Int32((ch * hp + ky) * wp + kx)) } }
    }
    for oy in 0..<g.outHeight { for ox in 0..<g.outWidth { poff.append(Int32(oy * wp + ox)) } }
    inputOffsets = koff
    outputPositions = poff
    return true
  }

  /// Keeps x for backward when `training`, framed by the padding when there is one (and
  /// then also when `framed`, for a forward that reads the framed copy). Returns the framed
  /// copy, or nil when x itself serves.
  @discardableResult
  func keep(_ x: Tensor, _ g: ConvGeometry, training: Bool, framed: Bool = false) -> UnsafePointer<
    Float
  >? {
    input = training ? x : Tensor()
    guard g.padding > 0, training || framed else { return nil }
    let hp = g.paddedHeight
    let wp = g.paddedWidth
    let dst = paddedInput.zeroed(g.batch * g.channels * hp * wp)
    x.data.withUnsafeBufferPointer { xp in
      for plane in 0..<(g.batch * g.channels) {
        for row in 0..<g.height {
          (dst + (plane * hp + row + g.padding) * wp + g.padding)
            .update(from: xp.baseAddress! + (plane * g.height + row) * g.width, count: g.width)
        }
      }
    }
    return UnsafePointer(dst)
  }

  /// Step 1, one item per sample: dy channels last, zero-padded to O16, and Σ dy per channel;
  /// dy read from its tensor, or made per sample by a fused step.
  /// `alsoPerSample(n, dy of sample n)` runs in the same item (the direct input gradient frames
  /// dy there). Returns dy channels last, dyt: (B, Ho·Wo, O16), which Winograd's dx reads too.
  func gatherGradient(
    _ dy: OutputGradient, _ g: ConvGeometry,
    alsoPerSample: (Int, UnsafePointer<Float>) -> Void = { _, _ in }
  ) -> UnsafePointer<Float> {
    let o = g.outputChannels
    let o16 = tiled(o)
    let positions = g.positions
    let gt = gradient.reserve(g.batch * positions * o16)
    let biasSums = self.biasSums.reserve(g.batch * o)
    func gather(_ n: Int, _ src: UnsafePointer<Float>) {
      let dst = gt + n * positions * o16
      if o16 > o { dst.update(repeating: 0, count: positions * o16) }
      for ch in 0..<o { biasSums[n * o + ch] = sum(src + ch * positions, positions) }
      dl_transpose(src, Int32(o), Int32(positions), positions, dst, o16)
      alsoPerSample(n, src)
    }
    switch dy {
    case .tensor(let dy):
      dy.data.withUnsafeBufferPointer { dyp in
        let dy = dyp.baseAddress!
        parallelItems(g.batch) { n in gather(n, dy + n * o * positions) }
      }
    case .bySample(let make):
      // Each sample's dy made into a buffer of its own and used while in cache.
      parallelItems(g.batch) { n in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: o * positions) { buffer in
          make(n, buffer.baseAddress!)
          gather(n, UnsafePointer(buffer.baseAddress!))
        }
      }
    }
    return UnsafePointer(gt)
  }

  /// Step 2: dW += the slices, alongside the caller's `extraItems` items (`extra(i)`), on all
  /// cores; then db += the bias sums in sample order. Releases the kept x.
  func accumulate(
    _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    alongside extraItems: Int, _ extra: (Int) -> Void
  ) {
    let o = g.outputChannels
    let o16 = tiled(o)
    let patch = g.patchSize
    let positions = g.positions
    let (slices, sliceColumns) = Self.columnSlices(patch: patch)
    let sums = weightSums.reserve(slices * (sliceColumns + 12) * o16)
    let dwTarget = o16 == o ? nil : wideWeightGradient.zeroed(o16 * patch)
    let gt = UnsafePointer(gradient.pointer)
    let sampleStride = g.channels * g.paddedHeight * g.paddedWidth
    withKeptSource(g) { source in
      weight.gradient.data.withUnsafeMutableBufferPointer { dwp in
        let dw = dwTarget ?? dwp.baseAddress!
        parallelItems(slices + extraItems) { item in
          guard item < slices else { return extra(item - slices) }
          let k0 = min(patch, item * sliceColumns)
          let k1 = min(patch, k0 + sliceColumns)
          guard k1 > k0 else { return }
          dl_gather_weight_grad(
            gt, positions * o16, Int32(positions), Int32(o16),
            source, sampleStride, Int32(g.batch),
            inputOffsets, Int32(patch), Int32(k0), Int32(k1),
            outputPositions, dw, sums + item * (sliceColumns + 12) * o16)
        }
        if let dwTarget {
          for i in 0..<(o * patch) { dwp[i] += dwTarget[i] }
        }
      }
    }
    let biasSums = self.biasSums.pointer
    bias.gradient.data.withUnsafeMutableBufferPointer { db in
      for n in 0..<g.batch { for ch in 0..<o { db[ch] += biasSums[n * o + ch] } }
    }
    input = Tensor()
  }

  /// Runs `body` on the input the last forward kept: x, or its framed copy.
  private func withKeptSource<R>(_ g: ConvGeometry, _ body: (UnsafePointer<Float>) -> R) -> R {
    if g.padding > 0 { return body(UnsafePointer(paddedInput.pointer)) }
    return input.data.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// Σ values[0..<count], eight running sums (one float add chain per value took 4 cycles each).
private func sum(_ values: UnsafePointer<Float>, _ count: Int) -> Float {
  var lanes = SIMD8<Float>()
  var i = 0
  while i + 8 <= count {
    lanes += load8(values + i)
    i += 8
  }
  var total = lanes.sum()
  while i < count {
    total += values[i]
    i += 1
  }
  return total
}

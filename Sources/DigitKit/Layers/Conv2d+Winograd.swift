import CKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Convolution with Winograd F(m×m, 5×5) for y and dx (CKernels/Winograd.h), and the direct
/// kernels for dW and db (`DirectParameterGradients`):
///
///   forward:  each m×m block of y  = Aᵀ [ Σ_c (G W[o, c] Gᵀ) ⊙ (Bᵀ X[c] B) ] A + bias[o]
///   backward: each n×n patch of dx += B [ Σ_o (G W[o, c] Gᵀ) ⊙ (A dY[o] Aᵀ) ] Bᵀ
///             dW += Σ dy ⋆ xp, db += Σ dy, exact sums by the direct kernels
///
/// X: the n×n patch (n = m + 4) of x (framed by `pad` zeros) under an m×m output block, dY: an
/// m×m block of dy. m = 4 where Ho and Wo divide by 4 (Net3's conv2: 64 products per 16 outputs
/// instead of 400), else m = 2 (conv3: 36 per 4 instead of 100); GEMMs over chunks of blocks,
/// channels last. x: (B, C, H, W), y and dy: (B, O, Ho, Wo) with Ho and Wo even, k = 5.
final class WinogradConvolution: ConvolutionAlgorithm {
  /// dW and db by the direct kernels, which keep the input for them.
  private let parameterGradients = DirectParameterGradients()
  private let forwardWeights = ScratchBuffer()  // U = G W Gᵀ as (n², C, O16)
  private let backwardWeights = ScratchBuffer()  // U as (n², O, C16)
  private let input = ScratchBuffer()  // x channels last, padded: (B, H+2p, W+2p, C16)
  private var output = Tensor()  // y, reused between batches
  private var inputGradient = Tensor()  // dx, reused between batches

  /// Whether a layer suits Winograd F(2×2, 5×5): a 5×5 kernel, an even output, and enough
  /// input channels for the 36 products per tile to beat the direct kernels (Net3's conv2 and
  /// conv3; not conv1, one channel, nor Net2's, 10 channels).
  static func fits(_ g: ConvGeometry) -> Bool {
    g.kernel == 5 && (16...1024).contains(g.channels)
      && g.outHeight % 2 == 0 && g.outWidth % 2 == 0 && ConvAlgorithm.directAvailable
  }

  /// The side m of the output blocks: 4 where both sides of the output divide by 4, else 2;
  /// `DIGITLAB_WINO_TILE=2` keeps 2 everywhere (for A/B timings).
  static func tile(_ g: ConvGeometry) -> Int {
    g.outHeight % 4 == 0 && g.outWidth % 4 == 0 && !onlySmallTiles ? 4 : 2
  }

  private static let onlySmallTiles: Bool = {
    guard let raw = getenv("DIGITLAB_WINO_TILE") else { return false }
    return String(cString: raw) == "2"
  }()

  /// Blocks per chunk of the kernels (`dl_wino_chunk_tiles`): 24 of 2×2, 12 of 4×4.
  private static func chunk(tile m: Int) -> Int { Int(dl_wino_chunk_tiles(Int32(m))) }

  /// Samples per input-gradient item: one, or a few when a sample has fewer blocks than two
  /// chunks of the kernels, as Net3's conv3 (3×3 blocks of 2×2: 5 samples, 45 blocks, fill
  /// 94% of 2 chunks of 24).
  private static func samplesPerItem(_ g: ConvGeometry) -> Int {
    let m = tile(g)
    return max(1, 2 * chunk(tile: m) / (g.positions / (m * m)))
  }

  /// Floats of scratch a training step of geometry `g` keeps: the transformed weights both
  /// ways, x channels last, dx with `needsInputGradient`, and the direct parameter gradients'.
  static func scratchFloats(_ g: ConvGeometry, needsInputGradient: Bool) -> Int {
    let o = g.outputChannels
    let c = g.channels
    let c16 = tiled(c)
    let points = (tile(g) + 4) * (tile(g) + 4)
    let dx = needsInputGradient ? g.batch * c * g.height * g.width : 0
    return points * c * tiled(o) + points * o * tiled(c)
      + g.batch * g.paddedHeight * g.paddedWidth * c16
      + dx
      + DirectParameterGradients.scratchFloats(g)
  }

  var rectifies = false

  func forward(_ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool)
    -> Tensor
  {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo), one item per chunk of blocks
    output.reuse(shape: [g.batch, g.outputChannels, g.outHeight, g.outWidth])
    let m = Self.tile(g)
    output.data.withUnsafeMutableBufferPointer { yp in
      let y = yp.baseAddress!
      run(x, g, weight: weight, bias: bias, training: training) { xt, ut, b, n0, n1 in
        dl_wino_forward(
          xt, Int32(g.channels), Int32(g.paddedHeight), Int32(g.paddedWidth),
          Int32(g.outHeight / m), Int32(g.outWidth / m), Int32(m), ut, Int32(g.outputChannels),
          b, y, n0, n1)
      }
    }
    if rectifies { rectify(&output) }
    return output
  }

  /// `forward` with each 2×2 block of y going through `pool` (Winograd.h's pool epilogue:
  /// max → ReLU → dropout) instead of into y: x: (B, C, H, W) → pool.y: (B, O, Ho/2, Wo/2).
  func forwardPooled(
    _ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool,
    pool: UnsafePointer<DLPoolEpilogue>
  ) {
    let m = Self.tile(g)
    run(x, g, weight: weight, bias: bias, training: training) { xt, ut, b, n0, n1 in
      dl_wino_forward_pooled(
        xt, Int32(g.channels), Int32(g.paddedHeight), Int32(g.paddedWidth),
        Int32(g.outHeight / m), Int32(g.outWidth / m), Int32(m), ut, Int32(g.outputChannels),
        b, pool, n0, n1)
    }
  }

  /// Transforms the weights, keeps x for dW, lays x out channels last, then runs `tiles`
  /// (xt, U, bias, first block, end block) on the cores, one item per chunk of blocks.
  private func run(
    _ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool,
    tiles body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>, Int, Int) -> Void
  ) {
    let c = g.channels
    let hp = g.paddedHeight
    let wp = g.paddedWidth
    let c16 = tiled(c)
    parameterGradients.prepare(g)
    transformWeights(weight, g)
    parameterGradients.keep(x, g, training: training)
    let xt = input.reserve(g.batch * hp * wp * c16)
    x.data.withUnsafeBufferPointer { xp in
      let x = xp.baseAddress!
      parallelItems(g.batch) { n in
        dl_channels_last(
          x + n * c * g.height * g.width, Int32(c), Int32(g.height), Int32(g.width),
          Int32(g.padding), xt + n * hp * wp * c16)
      }
    }
    let m = Self.tile(g)
    let tiles = g.batch * g.positions / (m * m)
    let chunk = Self.chunk(tile: m)
    let ut = UnsafePointer(forwardWeights.pointer)
    bias.value.data.withUnsafeBufferPointer { bp in
      let b = bp.baseAddress!
      parallelItems((tiles + chunk - 1) / chunk) { item in
        body(UnsafePointer(xt), ut, b, item * chunk, min(tiles, (item + 1) * chunk))
      }
    }
  }

  /// U = G W Gᵀ for forward (n², C, O16) and for the input gradient (n², O, C16).
  private func transformWeights(_ weight: Parameter, _ g: ConvGeometry) {
    let o = g.outputChannels
    let c = g.channels
    let m = Self.tile(g)
    let points = (m + 4) * (m + 4)
    let ut = forwardWeights.reserve(points * c * tiled(o))
    let u = backwardWeights.reserve(points * o * tiled(c))
    weight.value.data.withUnsafeBufferPointer { wp in
      let w = wp.baseAddress!
      parallelItems((o + 7) / 8) { item in
        dl_wino_weights(
          w, Int32(o), Int32(c), Int32(item * 8), Int32(min(o, item * 8 + 8)), Int32(m), ut, u)
      }
    }
  }

  func backward(
    _ dy: OutputGradient, _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    needsInputGradient: Bool
  ) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += Σ dy ⋆ xp, db += Σ dy
    let dyt = parameterGradients.gatherGradient(dy, g)  // dy channels last: (B, Ho·Wo, O16)
    guard needsInputGradient else {
      inputGradient = Tensor()
      parameterGradients.accumulate(g, weight: weight, bias: bias, alongside: 0) { _ in }
      return Tensor()
    }
    // dx: every value is written below, so the buffer is reused without zeroing.
    inputGradient.reuse(shape: [g.batch, g.channels, g.height, g.width])
    var dx = inputGradient
    inputGradient = Tensor()  // one owner while writing: no copy-on-write
    let perItem = Self.samplesPerItem(g)
    let m = Self.tile(g)
    let items = (g.batch + perItem - 1) / perItem
    let u = UnsafePointer(backwardWeights.pointer)
    dx.data.withUnsafeMutableBufferPointer { dxp in
      let dx = dxp.baseAddress!
      parameterGradients.accumulate(g, weight: weight, bias: bias, alongside: items) { item in
        let first = item * perItem
        let end = min(g.batch, first + perItem)
        dl_wino_input_gradient(
          dyt, Int32(g.outputChannels), Int32(tiled(g.outputChannels)),
          Int32(g.outHeight / m), Int32(g.outWidth / m), Int32(m), u, Int32(g.channels),
          Int32(g.height), Int32(g.width), Int32(g.padding), dx, Int32(first), Int32(end))
      }
    }
    inputGradient = dx
    return dx
  }
}

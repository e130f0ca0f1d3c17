import CKernels

/// Buffers for the Winograd path, kept between batches so steady-state training allocates nothing.
final class WinogradScratch {
  let forwardWeights = ScratchBuffer()   // U = G W Gᵀ as (36, C, O16)
  let backwardWeights = ScratchBuffer()  // U as (36, O, C16)
  let input = ScratchBuffer()            // x channels last, padded: (B, H+2p, W+2p, C8)
}

extension Conv2d {
  /// Whether this layer suits Winograd F(2×2, 5×5): a 5×5 kernel, an even output, and enough
  /// input channels for the 36 products per tile to beat the direct kernels (Net3's conv2 and
  /// conv3; not conv1, one channel, nor Net2's, 10 channels).
  var winogradFits: Bool {
    kernel == 5 && (16...1024).contains(inputChannels)
      && geometry.outHeight % 2 == 0 && geometry.outWidth % 2 == 0 && ConvAlgorithm.directAvailable
  }

  /// Samples per input-gradient item: one, or a few when a sample has fewer tiles than two
  /// chunks of the kernels (24 tiles of 2×2 outputs each), as Net3's conv3 (3×3 tiles: 5
  /// samples, 45 tiles, fill 94% of 2 chunks).
  private var winogradSamplesPerItem: Int { max(1, 48 / (geometry.positions / 4)) }

  /// Forward with Winograd F(2×2, 5×5) (CKernels/Winograd.h), one item per 24 tiles.
  /// x: (B, C, H, W) → y: (B, O, Ho, Wo)
  func winogradForward(_ x: Tensor, training: Bool) -> Tensor {
    let g = geometry, s = winograd, o = outputChannels, c = inputChannels
    let hp = g.height + 2 * padding, wp = g.width + 2 * padding, c8 = (c + 7) / 8 * 8
    prepareDirect(hp: hp, wp: wp)  // the weight gradient uses the direct kernels
    output.reuse(shape: [batch, o, g.outHeight, g.outWidth])
    let ut = s.forwardWeights.reserve(36 * c * Self.tiled(o))
    let u = s.backwardWeights.reserve(36 * o * Self.tiled(c))
    weight.value.data.withUnsafeBufferPointer { wp in
      let w = wp.baseAddress!
      parallelItems((o + 7) / 8) { item in
        dl_wino_weights(w, Int32(o), Int32(c), Int32(item * 8), Int32(min(o, item * 8 + 8)), ut, u)
      }
    }
    input = training ? x : Tensor()
    if training && padding > 0 { _ = keepPaddedCopy(of: x) }  // the weight gradient reads it
    let xt = s.input.reserve(batch * hp * wp * c8)
    x.data.withUnsafeBufferPointer { xp in
      let x = xp.baseAddress!
      parallelItems(batch) { n in
        dl_channels_last(x + n * c * g.height * g.width, Int32(c), Int32(g.height), Int32(g.width),
                         Int32(padding), xt + n * hp * wp * c8)
      }
    }
    let tiles = batch * g.positions / 4, chunk = 24
    bias.value.data.withUnsafeBufferPointer { bp in
      output.data.withUnsafeMutableBufferPointer { yp in
        let (b, y) = (bp.baseAddress!, yp.baseAddress!)
        parallelItems((tiles + chunk - 1) / chunk) { item in
          dl_wino_forward(xt, Int32(c), Int32(hp), Int32(wp), Int32(g.outHeight / 2), Int32(g.outWidth / 2),
                          ut, Int32(o), b, y, item * chunk, min(tiles, (item + 1) * chunk))
        }
      }
    }
    return output
  }

  /// Items of `winogradInputGradient`.
  var winogradInputGradientItems: Int { (batch + winogradSamplesPerItem - 1) / winogradSamplesPerItem }

  /// The input gradient with Winograd for item `item`'s samples, dx: (B, C, H, W), from
  /// dy channels last, dyt: (B, Ho·Wo, O16), and the transformed weights of the last forward.
  func winogradInputGradient(_ dyt: UnsafePointer<Float>, item: Int, into dx: UnsafeMutablePointer<Float>) {
    let g = geometry
    let first = item * winogradSamplesPerItem, end = min(batch, first + winogradSamplesPerItem)
    dl_wino_input_gradient(dyt, Int32(outputChannels), Int32(Self.tiled(outputChannels)), Int32(g.outHeight / 2),
                           Int32(g.outWidth / 2), winograd.backwardWeights.pointer, Int32(inputChannels),
                           Int32(g.height), Int32(g.width), Int32(padding), dx, Int32(first), Int32(end))
  }
}

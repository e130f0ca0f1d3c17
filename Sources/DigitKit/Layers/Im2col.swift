/// Rearranges samples `first..<first+count` of x: (B, C, H, W) into
/// cols: (C·k·k, count·Ho·Wo), so that a convolution becomes one GEMM with the weights.
/// Row (c, ky, kx), column (b, oy, ox) holds x[b, c, oy+ky-pad, ox+kx-pad] (0 outside).
func im2col(
  _ x: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, count: Int,
  into cols: UnsafeMutablePointer<Float>
) {
  let k = g.kernel
  let ho = g.outHeight
  let wo = g.outWidth
  let plane = g.height * g.width
  let rowLength = count * g.positions
  for row in 0..<g.patchSize {
    let c = row / (k * k)
    let ky = (row / k) % k
    let kx = row % k
    let oxStart = max(0, g.padding - kx)
    let oxEnd = min(wo, g.width + g.padding - kx)
    var dst = cols + row * rowLength
    for b in first..<(first + count) {
      let src = x + (b * g.channels + c) * plane
      for oy in 0..<ho {
        let iy = oy + ky - g.padding
        if iy < 0 || iy >= g.height || oxStart >= oxEnd {
          dst.update(repeating: 0, count: wo)
        } else {
          if oxStart > 0 { dst.update(repeating: 0, count: oxStart) }
          (dst + oxStart).update(
            from: src + iy * g.width + oxStart + kx - g.padding, count: oxEnd - oxStart)
          if oxEnd < wo { (dst + oxEnd).update(repeating: 0, count: wo - oxEnd) }
        }
        dst += wo
      }
    }
  }
}

/// The adjoint of `im2col`: adds cols: (C·k·k, count·Ho·Wo) back into
/// dx: (B, C, H, W) for samples `first..<first+count`.
func col2im(
  _ cols: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, count: Int,
  into dx: UnsafeMutablePointer<Float>
) {
  let k = g.kernel
  let ho = g.outHeight
  let wo = g.outWidth
  let plane = g.height * g.width
  let rowLength = count * g.positions
  for c in 0..<g.channels {
    for ky in 0..<k {
      for kx in 0..<k {
        let row = (c * k + ky) * k + kx
        let oxStart = max(0, g.padding - kx)
        let oxEnd = min(wo, g.width + g.padding - kx)
        guard oxStart < oxEnd else { continue }
        var src = UnsafePointer(cols + row * rowLength)
        for b in first..<(first + count) {
          let dst = dx + (b * g.channels + c) * plane
          for oy in 0..<ho {
            let iy = oy + ky - g.padding
            if iy >= 0 && iy < g.height {
              let d = dst + iy * g.width + kx - g.padding
              for ox in oxStart..<oxEnd { d[ox] += src[ox] }
            }
            src += wo
          }
        }
      }
    }
  }
}

/// Convolution as im2col + BLAS GEMM, over groups of samples (CBLAS; any CPU).
///
///   forward:  cols = im2col(x[group]): (C·k·k, n·L),  y[group] = W · cols + b
///   backward: dW += dy · colsᵀ,  db += Σ dy,  dx[group] = col2im(Wᵀ · dy)
///
/// with W as (O, C·k·k), dy of the group as (O, n·L), L = Ho·Wo and n samples per group.
/// The groups are shared out between the cores, each running single-threaded GEMMs on data
/// that stays in its cache; on two cores this measured faster than one big multi-threaded
/// GEMM (see README, Speed). Each worker builds a group's columns in one small buffer;
/// backward builds them again from x rather than keeping the whole batch's columns (25 MB at
/// batch 16 for Net3's conv2), which measured slower and grows with the batch.
final class Im2colConvolution: ConvolutionAlgorithm {
  private var workers: [Worker] = []
  private var output = Tensor()  // y, reused between batches
  private var input = Tensor()  // x, kept while training for backward

  /// One worker's private buffers, so workers never write the same memory.
  final class Worker {
    let product = ScratchBuffer()  // (O, n·L)
    let columns = ScratchBuffer()  // cols (C·k·k, n·L)
    let columnGradient = ScratchBuffer()  // dcols (C·k·k, n·L)
    let weightGradient = ScratchBuffer()  // (O, C·k·k)
    let biasGradient = ScratchBuffer()  // (O)
  }

  /// Samples per GEMM: enough output positions (≈ 400) for an efficient product.
  static func groupSize(_ g: ConvGeometry) -> Int { max(1, 400 / max(g.positions, 1)) }

  /// Workers: one per core, or fewer when the batch has fewer groups.
  static func workerCount(_ g: ConvGeometry) -> Int {
    let group = groupSize(g)
    return min(ProcessInfoCache.cores, max(1, (g.batch + group - 1) / group))
  }

  /// Floats of scratch a training step of geometry `g` keeps: per worker, a group's columns,
  /// their gradient and the product, and the worker's dW and db (dx is made fresh each batch).
  static func scratchFloats(_ g: ConvGeometry) -> Int {
    let n = min(groupSize(g), max(g.batch, 1)) * g.positions
    let o = g.outputChannels
    let patch = g.patchSize
    return workerCount(g) * (2 * patch * n + o * n + o * patch + o)
  }

  var rectifies = false

  func forward(_ x: Tensor, _ g: ConvGeometry, weight: Parameter, bias: Parameter, training: Bool)
    -> Tensor
  {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    output.reuse(shape: [g.batch, g.outputChannels, g.outHeight, g.outWidth])
    input = training ? x : Tensor()
    let wanted = Self.workerCount(g)
    while workers.count < wanted { workers.append(Worker()) }
    if workers.count > wanted { workers.removeLast(workers.count - wanted) }
    x.data.withUnsafeBufferPointer { xp in
      weight.value.data.withUnsafeBufferPointer { wp in
        bias.value.data.withUnsafeBufferPointer { bp in
          output.data.withUnsafeMutableBufferPointer { yp in
            let (x, w, b, y) = (xp.baseAddress!, wp.baseAddress!, bp.baseAddress!, yp.baseAddress!)
            forEachGroup(g) { worker, first, count in
              forwardGroup(worker, g, first: first, count: count, x: x, w: w, b: b, y: y)
            }
          }
        }
      }
    }
    if rectifies { rectify(&output) }
    return output
  }

  /// y for samples first..<first+count: (O, C·k·k) · (C·k·k, count·L) → (O, count·L), then
  /// to (count, O, L) with the bias.
  private func forwardGroup(
    _ worker: Worker, _ g: ConvGeometry, first: Int, count: Int, x: UnsafePointer<Float>,
    w: UnsafePointer<Float>, b: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
  ) {
    let positions = g.positions
    let o = g.outputChannels
    let n = count * positions
    let c = worker.columns.reserve(g.patchSize * n)
    im2col(x, g, first: first, count: count, into: c)
    let product = count == 1 ? y + first * o * positions : worker.product.reserve(o * n)
    BLAS.gemm(
      m: o, n: n, k: g.patchSize, a: w, lda: g.patchSize, b: c, ldb: n,
      beta: 0, c: product, ldc: n)
    for s in 0..<count {
      for ch in 0..<o {
        let src = product + ch * n + s * positions
        let dst = y + ((first + s) * o + ch) * positions
        let bias = b[ch]
        for i in 0..<positions { dst[i] = src[i] + bias }
      }
    }
  }

  func backward(
    _ dy: OutputGradient, _ g: ConvGeometry, weight: Parameter, bias: Parameter,
    needsInputGradient: Bool
  ) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += dy·colsᵀ, db += Σ dy
    let dy = dy.tensor(shape: [g.batch, g.outputChannels, g.outHeight, g.outWidth])
    var dx =
      needsInputGradient ? Tensor(zeros: [g.batch, g.channels, g.height, g.width]) : Tensor()
    for worker in workers {
      _ = worker.weightGradient.zeroed(g.outputChannels * g.patchSize)
      _ = worker.biasGradient.zeroed(g.outputChannels)
    }
    input.data.withUnsafeBufferPointer { xp in
      dy.data.withUnsafeBufferPointer { dyp in
        weight.value.data.withUnsafeBufferPointer { wp in
          dx.data.withUnsafeMutableBufferPointer { dxp in
            let (x, dy, w, dx) = (
              xp.baseAddress!, dyp.baseAddress!, wp.baseAddress!,
              needsInputGradient ? dxp.baseAddress : nil
            )
            forEachGroup(g) { worker, first, count in
              backwardGroup(worker, g, first: first, count: count, x: x, dy: dy, w: w, dx: dx)
            }
          }
        }
      }
    }
    input = Tensor()
    addWorkerGradients(into: weight, bias)
    return dx
  }

  /// The worker's share of dW and db, and dx, for samples first..<first+count.
  private func backwardGroup(
    _ worker: Worker, _ g: ConvGeometry, first: Int, count: Int, x: UnsafePointer<Float>,
    dy: UnsafePointer<Float>, w: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>?
  ) {
    let o = g.outputChannels
    let n = count * g.positions
    let c = worker.columns.reserve(g.patchSize * n)
    im2col(x, g, first: first, count: count, into: c)
    let grad = gemmLayout(dy, g, first: first, count: count, worker: worker)
    // (O, count·L) · (count·L, C·k·k) → dW (O, C·k·k), accumulated per worker.
    BLAS.gemm(
      transposeB: true, m: o, n: g.patchSize, k: n, a: grad, lda: n, b: c, ldb: n,
      beta: 1, c: worker.weightGradient.pointer, ldc: g.patchSize)
    guard let dx else { return }
    // (C·k·k, O) · (O, count·L) → dcols (C·k·k, count·L), folded back into dx.
    let dcols = worker.columnGradient.reserve(g.patchSize * n)
    BLAS.gemm(
      transposeA: true, m: g.patchSize, n: n, k: o, a: w, lda: g.patchSize, b: grad, ldb: n,
      beta: 0, c: dcols, ldc: n)
    col2im(dcols, g, first: first, count: count, into: dx)
  }

  /// dy of samples first..<first+count in GEMM layout (O, count·L): the sample itself when
  /// count is 1, else a copy in the worker's product buffer; adds Σ dy into the worker's db.
  private func gemmLayout(
    _ dy: UnsafePointer<Float>, _ g: ConvGeometry, first: Int, count: Int,
    worker: Worker
  ) -> UnsafePointer<Float> {
    let positions = g.positions
    let o = g.outputChannels
    let n = count * positions
    let db = worker.biasGradient.pointer
    if count == 1 {
      let grad = dy + first * o * positions
      for ch in 0..<o {
        var sum: Float = 0
        for i in 0..<positions { sum += grad[ch * positions + i] }
        db[ch] += sum
      }
      return grad
    }
    let p = worker.product.reserve(o * n)
    for s in 0..<count {
      for ch in 0..<o {
        let src = dy + ((first + s) * o + ch) * positions
        let dst = p + ch * n + s * positions
        var sum: Float = 0
        for i in 0..<positions {
          dst[i] = src[i]
          sum += src[i]
        }
        db[ch] += sum
      }
    }
    return UnsafePointer(p)
  }

  /// Sums the workers' partial gradients into the parameters, in worker order.
  private func addWorkerGradients(into weight: Parameter, _ bias: Parameter) {
    weight.gradient.data.withUnsafeMutableBufferPointer { dw in
      bias.gradient.data.withUnsafeMutableBufferPointer { db in
        for worker in workers {
          let pw = worker.weightGradient.pointer
          let pb = worker.biasGradient.pointer
          for i in 0..<dw.count { dw[i] += pw[i] }
          for i in 0..<db.count { db[i] += pb[i] }
        }
      }
    }
  }

  /// Shares the batch's groups of samples between the workers, each running
  /// single-threaded BLAS. `body(worker, firstSample, sampleCount)`.
  private func forEachGroup(_ g: ConvGeometry, _ body: (Worker, Int, Int) -> Void) {
    let group = Self.groupSize(g)
    let batch = g.batch
    let groups = (batch + group - 1) / group
    let workers = self.workers
    let count = workers.count
    func run(_ w: Int) {
      var index = w * groups / count
      let end = (w + 1) * groups / count
      while index < end {
        let first = index * group
        body(workers[w], first, min(group, batch - first))
        index += 1
      }
    }
    if count == 1 {
      run(0)
    } else {
      parallelItems(count) { run($0) }
    }
  }
}

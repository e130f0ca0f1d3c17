/// 2-D convolution, stride 1, square kernel, optional zero padding.
///
/// y[b, o, i, j] = bias[o] + Σ_{c, u, v} W[o, c, u, v] · x[b, c, i+u-pad, j+v-pad].
/// W: (out, in, k, k), b: (out), both ~ U(-1/√(in·k·k), 1/√(in·k·k)), as PyTorch's `nn.Conv2d`.
///
/// Three ways to compute it (`algorithm`), same numbers up to float rounding:
/// - `.winograd` (5×5 kernels, even outputs, 16+ input channels, AVX2): Winograd F(2×2, 5×5)
///   for y and dx, the direct kernels for dW (Conv2d+Winograd.swift, CKernels/Winograd.c);
/// - `.direct` (x86-64 with AVX2): register-blocked kernels read x through offset tables,
///   with no im2col copy and no packing (Conv2d+Direct.swift, CKernels/GatherGEMM.c);
/// - `.im2col`: im2col + BLAS GEMM over groups of samples. The groups are shared out between
///   the cores, each running single-threaded GEMMs on data that stays in its cache; on two
///   cores this measured faster than one big multi-threaded GEMM (see README, Speed).
public final class Conv2d: Layer {
  public let inputChannels: Int
  public let outputChannels: Int
  public let kernel: Int
  public let padding: Int
  public let name: String
  public let weight: Parameter  // (out, in, k, k)
  public let bias: Parameter    // (out)

  /// How forward and backward multiply; `ConvAlgorithm.preferred` unless set.
  public var algorithm = ConvAlgorithm.preferred

  var geometry = ConvGeometry(channels: 0, height: 0, width: 0, kernel: 1, padding: 0)
  var batch = 0
  var input = Tensor()         // x, kept while training for backward
  private var workers: [ConvWorkerScratch] = []
  var output = Tensor()
  let direct = DirectConvScratch()
  let winograd = WinogradScratch()
  /// The algorithm the last forward used, which backward follows.
  private var forwardAlgorithm = ConvAlgorithm.im2col

  public init(inputChannels: Int, outputChannels: Int, kernel: Int, padding: Int = 0,
              name: String, random: inout SeededGenerator) {
    self.inputChannels = inputChannels
    self.outputChannels = outputChannels
    self.kernel = kernel
    self.padding = padding
    self.name = name
    let fanIn = inputChannels * kernel * kernel
    let bound = 1 / Float(fanIn).squareRoot()
    let w = (0..<(outputChannels * fanIn)).map { _ in random.nextFloat(in: -bound, bound) }
    let b = (0..<outputChannels).map { _ in random.nextFloat(in: -bound, bound) }
    weight = Parameter(name: "weight", value: Tensor(shape: [outputChannels, inputChannels, kernel, kernel], data: w))
    bias = Parameter(name: "bias", value: Tensor(shape: [outputChannels], data: b))
  }

  public var spec: LayerSpec {
    LayerSpec(kind: .conv2d, name: name, inputs: inputChannels, outputs: outputChannels,
              kernel: kernel, padding: padding == 0 ? nil : padding)
  }
  public var parameters: [Parameter] { [weight, bias] }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input.count == 3, input[0] == inputChannels else {
      throw DigitKitError("conv \(inputChannels)→\(outputChannels) needs \(inputChannels)×H×W input but gets \(describeShape(input))")
    }
    let h = input[1] + 2 * padding - kernel + 1, w = input[2] + 2 * padding - kernel + 1
    guard h > 0, w > 0 else {
      throw DigitKitError("conv \(kernel)×\(kernel) does not fit a \(input[1])×\(input[2]) input")
    }
    return [outputChannels, h, w]
  }

  /// Samples per GEMM: enough output positions (≈ 400) for an efficient product.
  private var groupSize: Int { max(1, 400 / max(geometry.positions, 1)) }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    batch = x.batch
    geometry = ConvGeometry(channels: inputChannels, height: x.shape[2], width: x.shape[3],
                            kernel: kernel, padding: padding)
    switch (algorithm, winogradFits, ConvAlgorithm.directAvailable) {
    case (.winograd, true, _): forwardAlgorithm = .winograd
    case (.winograd, false, true), (.direct, _, true): forwardAlgorithm = .direct
    default: forwardAlgorithm = .im2col
    }
    switch forwardAlgorithm {
    case .winograd: return winogradForward(x, training: context.training)
    case .direct: return directForward(x, training: context.training)
    case .im2col: break
    }
    let g = geometry, positions = g.positions, o = outputChannels, group = groupSize
    output.reuse(shape: [batch, o, g.outHeight, g.outWidth])
    // Each worker builds a group's columns in one small buffer that stays in its cache;
    // backward builds them again from x rather than keeping the whole batch's columns
    // (25 MB at batch 16 for Net3's conv2), which measured slower and grows with the batch.
    input = context.training ? x : Tensor()
    prepareWorkers(group: group)
    x.data.withUnsafeBufferPointer { xp in
      weight.value.data.withUnsafeBufferPointer { wp in
        bias.value.data.withUnsafeBufferPointer { bp in
          output.data.withUnsafeMutableBufferPointer { yp in
            let (x, w, b, y) = (xp.baseAddress!, wp.baseAddress!, bp.baseAddress!, yp.baseAddress!)
            forEachGroup(group: group) { worker, first, count in
              let n = count * positions
              let c = worker.columns.reserve(g.patchSize * n)
              im2col(x, g, first: first, count: count, into: c)
              // (O, C·k·k) · (C·k·k, count·L) → (O, count·L), then to (count, O, L) with the bias.
              let product = count == 1 ? y + first * o * positions : worker.product.reserve(o * n)
              BLAS.gemm(m: o, n: n, k: g.patchSize, a: w, lda: g.patchSize, b: c, ldb: n,
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
          }
        }
      }
    }
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += dy·colsᵀ, db += Σ dy
    switch forwardAlgorithm {
    case .winograd: return directBackward(dy, needsInputGradient: needsInputGradient, byWinograd: true)
    case .direct: return directBackward(dy, needsInputGradient: needsInputGradient)
    case .im2col: break
    }
    let g = geometry, positions = g.positions, o = outputChannels, group = groupSize
    var dx = needsInputGradient ? Tensor(zeros: [batch, inputChannels, g.height, g.width]) : Tensor()
    for worker in workers {
      _ = worker.weightGradient.zeroed(o * g.patchSize)
      _ = worker.biasGradient.zeroed(o)
    }
    input.data.withUnsafeBufferPointer { xp in
    dy.data.withUnsafeBufferPointer { dyp in
      weight.value.data.withUnsafeBufferPointer { wp in
        dx.data.withUnsafeMutableBufferPointer { dxp in
          let (x, dy, w, dx) = (xp.baseAddress!, dyp.baseAddress!, wp.baseAddress!, needsInputGradient ? dxp.baseAddress : nil)
          forEachGroup(group: group) { worker, first, count in
            let n = count * positions
            let c = worker.columns.reserve(g.patchSize * n)
            im2col(x, g, first: first, count: count, into: c)
            // dy of the group in GEMM layout (O, count·L), summing the bias gradient on the way.
            let grad: UnsafePointer<Float>
            let db = worker.biasGradient.pointer
            if count == 1 {
              grad = dy + first * o * positions
              for ch in 0..<o {
                var sum: Float = 0
                for i in 0..<positions { sum += grad[ch * positions + i] }
                db[ch] += sum
              }
            } else {
              let p = worker.product.reserve(o * n)
              for s in 0..<count {
                for ch in 0..<o {
                  let src = dy + ((first + s) * o + ch) * positions, dst = p + ch * n + s * positions
                  var sum: Float = 0
                  for i in 0..<positions { dst[i] = src[i]; sum += src[i] }
                  db[ch] += sum
                }
              }
              grad = UnsafePointer(p)
            }
            // (O, count·L) · (count·L, C·k·k) → dW (O, C·k·k), accumulated per worker.
            BLAS.gemm(transposeB: true, m: o, n: g.patchSize, k: n, a: grad, lda: n, b: c, ldb: n,
                      beta: 1, c: worker.weightGradient.pointer, ldc: g.patchSize)
            guard let dx else { return }
            // (C·k·k, O) · (O, count·L) → dcols (C·k·k, count·L), folded back into dx.
            let dcols = worker.columnGradient.reserve(g.patchSize * n)
            BLAS.gemm(transposeA: true, m: g.patchSize, n: n, k: o, a: w, lda: g.patchSize, b: grad, ldb: n,
                      beta: 0, c: dcols, ldc: n)
            col2im(dcols, g, first: first, count: count, into: dx)
          }
        }
      }
    }
    }
    input = Tensor()
    // Sum the workers' partial gradients into the parameters.
    weight.gradient.data.withUnsafeMutableBufferPointer { dw in
      bias.gradient.data.withUnsafeMutableBufferPointer { db in
        for worker in workers {
          let pw = worker.weightGradient.pointer, pb = worker.biasGradient.pointer
          for i in 0..<dw.count { dw[i] += pw[i] }
          for i in 0..<db.count { db[i] += pb[i] }
        }
      }
    }
    return dx
  }

  private func prepareWorkers(group: Int) {
    let wanted = min(ProcessInfoCache.cores, max(1, (batch + group - 1) / group))
    while workers.count < wanted { workers.append(ConvWorkerScratch()) }
    if workers.count > wanted { workers.removeLast(workers.count - wanted) }
  }

  /// Shares the batch's groups of `group` samples between the workers, each running
  /// single-threaded BLAS. `body(worker, firstSample, sampleCount)`.
  private func forEachGroup(group: Int, _ body: (ConvWorkerScratch, Int, Int) -> Void) {
    let groups = (batch + group - 1) / group
    let workers = self.workers, count = workers.count, batch = self.batch
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

/// One worker's private buffers, so workers never write the same memory.
final class ConvWorkerScratch {
  let product = ScratchBuffer()         // (O, count·L)
  let columns = ScratchBuffer()         // cols (C·k·k, count·L)
  let columnGradient = ScratchBuffer()  // dcols (C·k·k, count·L)
  let weightGradient = ScratchBuffer()  // (O, C·k·k)
  let biasGradient = ScratchBuffer()    // (O)
}


/// 2-D convolution, stride 1, square kernel, optional zero padding.
///
/// y[b, o, i, j] = bias[o] + Σ_{c, u, v} W[o, c, u, v] · x[b, c, i+u-pad, j+v-pad].
/// W: (out, in, k, k), b: (out), both ~ U(-1/√(in·k·k), 1/√(in·k·k)), as PyTorch's `nn.Conv2d`.
/// Computed as im2col followed by one GEMM per batch.
public final class Conv2d: Layer {
  public let inputChannels: Int
  public let outputChannels: Int
  public let kernel: Int
  public let padding: Int
  public let name: String
  public let weight: Parameter  // (out, in, k, k)
  public let bias: Parameter    // (out)

  private var geometry = ConvGeometry(channels: 0, height: 0, width: 0, kernel: 1, padding: 0)
  private var batch = 0
  private var cols: [Float] = []      // (C·k·k, B·Ho·Wo), kept for backward
  private var product: [Float] = []   // (out, B·Ho·Wo): GEMM result / dy in GEMM layout
  private var dcols: [Float] = []     // (C·k·k, chunk·Ho·Wo)
  private var output = Tensor()

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

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, C, H, W) → y: (B, O, Ho, Wo)
    batch = x.batch
    geometry = ConvGeometry(channels: inputChannels, height: x.shape[2], width: x.shape[3],
                            kernel: kernel, padding: padding)
    let g = geometry, positions = g.positions, columns = batch * positions
    resizeBuffer(&cols, g.patchSize * columns)
    resizeBuffer(&product, outputChannels * columns)
    output.resize(to: [batch, outputChannels, g.outHeight, g.outWidth])
    x.data.withUnsafeBufferPointer { xp in
      cols.withUnsafeMutableBufferPointer { cp in
        im2col(xp.baseAddress!, g, first: 0, count: batch, into: cp.baseAddress!)
        weight.value.data.withUnsafeBufferPointer { wp in
          product.withUnsafeMutableBufferPointer { pp in
            // (O, C·k·k) · (C·k·k, B·L) → (O, B·L)
            BLAS.gemm(m: outputChannels, n: columns, k: g.patchSize,
                      a: wp.baseAddress!, lda: g.patchSize, b: cp.baseAddress!, ldb: columns,
                      beta: 0, c: pp.baseAddress!, ldc: columns)
          }
        }
      }
    }
    // (O, B, L) → (B, O, L), adding the bias on the way.
    product.withUnsafeBufferPointer { pp in
      bias.value.data.withUnsafeBufferPointer { bp in
        output.data.withUnsafeMutableBufferPointer { yp in
          for b in 0..<batch {
            for o in 0..<outputChannels {
              let src = pp.baseAddress! + o * columns + b * positions
              let dst = yp.baseAddress! + (b * outputChannels + o) * positions
              let bo = bp[o]
              for i in 0..<positions { dst[i] = src[i] + bo }
            }
          }
        }
      }
    }
    if !context.training { cols = [] }
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, O, Ho, Wo) → dx: (B, C, H, W); dW += dy·colsᵀ, db += Σ dy
    let g = geometry, positions = g.positions, columns = batch * positions
    // (B, O, L) → (O, B, L) into `product`, summing the bias gradient on the way.
    dy.data.withUnsafeBufferPointer { dyp in
      bias.gradient.data.withUnsafeMutableBufferPointer { dbp in
        product.withUnsafeMutableBufferPointer { pp in
          for b in 0..<batch {
            for o in 0..<outputChannels {
              let src = dyp.baseAddress! + (b * outputChannels + o) * positions
              let dst = pp.baseAddress! + o * columns + b * positions
              var sum: Float = 0
              for i in 0..<positions { dst[i] = src[i]; sum += src[i] }
              dbp[o] += sum
            }
          }
        }
      }
    }
    product.withUnsafeBufferPointer { pp in
      cols.withUnsafeBufferPointer { cp in
        weight.gradient.data.withUnsafeMutableBufferPointer { dwp in
          // (O, B·L) · (B·L, C·k·k) → (O, C·k·k)
          BLAS.gemm(transposeB: true, m: outputChannels, n: g.patchSize, k: columns,
                    a: pp.baseAddress!, lda: columns, b: cp.baseAddress!, ldb: columns,
                    beta: 1, c: dwp.baseAddress!, ldc: g.patchSize)
        }
      }
    }
    guard needsInputGradient else { return Tensor() }
    var dx = Tensor(zeros: [batch, inputChannels, g.height, g.width])
    // In chunks of samples, so the (C·k·k, chunk·L) buffer stays small at large batches.
    let chunk = max(1, min(batch, 16))
    resizeBuffer(&dcols, g.patchSize * chunk * positions)
    product.withUnsafeBufferPointer { pp in
      weight.value.data.withUnsafeBufferPointer { wp in
        dcols.withUnsafeMutableBufferPointer { dcp in
          dx.data.withUnsafeMutableBufferPointer { dxp in
            var first = 0
            while first < batch {
              let count = min(chunk, batch - first)
              // (C·k·k, O) · (O, count·L) → (C·k·k, count·L)
              BLAS.gemm(transposeA: true, m: g.patchSize, n: count * positions, k: outputChannels,
                        a: wp.baseAddress!, lda: g.patchSize,
                        b: pp.baseAddress! + first * positions, ldb: columns,
                        beta: 0, c: dcp.baseAddress!, ldc: count * positions)
              col2im(dcp.baseAddress!, g, first: first, count: count, into: dxp.baseAddress!)
              first += count
            }
          }
        }
      }
    }
    return dx
  }
}

/// Grows or shrinks a scratch buffer to `count` values (contents unspecified).
@inline(__always)
func resizeBuffer(_ buffer: inout [Float], _ count: Int) {
  if buffer.count != count { buffer = [Float](repeating: 0, count: count) }
}

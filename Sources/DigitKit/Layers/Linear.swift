import CKernels

/// Fully connected layer. Applies y = x·Wᵀ + b.
///
/// W: (out, in), b: (out), both ~ U(-1/√in, 1/√in), as PyTorch's `nn.Linear`.
public final class Linear: Layer {
  public let inputs: Int
  public let outputs: Int
  public let name: String
  public let weight: Parameter  // (out, in)
  public let bias: Parameter  // (out)
  private var input = Tensor()  // (B, in), kept for backward
  private var output = Tensor()
  private var transposedOutput = Tensor()  // (out, B): W·xᵀ before its transpose
  private var inputGradient = Tensor()  // (B, in), reused between batches
  private var inputGradientShares = Tensor()  // (cores − 1, B, in): `backwardByRows`

  public init(inputs: Int, outputs: Int, name: String, random: inout SeededGenerator) {
    self.inputs = inputs
    self.outputs = outputs
    self.name = name
    let bound = 1 / Float(inputs).squareRoot()
    let w = (0..<(inputs * outputs)).map { _ in random.nextFloat(in: -bound, bound) }
    let b = (0..<outputs).map { _ in random.nextFloat(in: -bound, bound) }
    weight = Parameter(name: "weight", value: Tensor(shape: [outputs, inputs], data: w))
    bias = Parameter(name: "bias", value: Tensor(shape: [outputs], data: b))
  }

  public var spec: LayerSpec {
    LayerSpec(kind: .linear, name: name, inputs: inputs, outputs: outputs)
  }
  public var parameters: [Parameter] { [weight, bias] }

  public func outputShape(for input: [Int]) throws -> [Int] {
    guard input == [inputs] else {
      let hint = input.count > 1 ? "; add flatten first" : ""
      throw DigitKitError(
        "linear \(inputs)→\(outputs) needs \(inputs) inputs but gets \(describeShape(input))\(hint)"
      )
    }
    return [outputs]
  }

  public func forward(_ x: Tensor, context: ForwardContext) -> Tensor {
    // x: (B, in) → y: (B, out), through yᵀ = W·xᵀ: (out, in)·(in, B) → (out, B), each row
    // starting as its bias, then a transpose. OpenBLAS runs W·xᵀ faster than x·Wᵀ (it packs
    // W without transposing it). Each core takes whole rows of W and does all three steps
    // for its rows; a large W's slices are pinned (`pinsToCores`), so a core multiplies the
    // same rows every step, and backward and the optimizer use the same rows on it too. The
    // sums are the same, term for term.
    let batch = x.batch
    let outputs = outputs
    output.reuse(shape: [batch, outputs])
    transposedOutput.reuse(shape: [outputs, batch])
    x.data.withUnsafeBufferPointer { xp in
      weight.value.data.withUnsafeBufferPointer { wp in
        bias.value.data.withUnsafeBufferPointer { bp in
          transposedOutput.data.withUnsafeMutableBufferPointer { ytp in
            output.data.withUnsafeMutableBufferPointer { yp in
              let (yt, y) = (ytp.baseAddress!, yp.baseAddress!)
              let product = BLAS.Product(
                transposeB: true, m: outputs, n: batch, k: inputs,
                a: wp.baseAddress!, lda: inputs, b: xp.baseAddress!, ldb: inputs,
                beta: 1, c: yt, ldc: batch, slicingRows: true)
              let slices = product.slices
              parallelItems(slices, pinned: pinsToCores(weight.value.count)) { w in
                let rows = product.span(slice: w, of: slices)
                guard !rows.isEmpty else { return }
                for o in rows { (yt + o * batch).update(repeating: bp[o], count: batch) }
                product.run(slice: w, of: slices)
                dl_transpose(
                  yt + rows.lowerBound * batch, Int32(rows.count), Int32(batch), batch,
                  y + rows.lowerBound, outputs)
              }
            }
          }
        }
      }
    }
    input = context.training ? x : Tensor()
    return output
  }

  public func backward(_ dy: Tensor, needsInputGradient: Bool) -> Tensor {
    // dy: (B, out) → dx: (B, in); dW += dyᵀ·x, db += Σ_B dy, dx = dy·W.
    let batch = dy.batch
    var dx = Tensor()
    if needsInputGradient {
      inputGradient.reuse(shape: [batch, inputs])  // every value is written below (beta 0)
      dx = inputGradient
      inputGradient = Tensor()  // one owner while writing: no copy-on-write
    }
    if pinsToCores(weight.value.count) {
      backwardByRows(dy, dx: &dx, needsInputGradient: needsInputGradient)
    } else {
      backwardShared(dy, dx: &dx, needsInputGradient: needsInputGradient)
    }
    input = Tensor()
    guard needsInputGradient else { return Tensor() }
    inputGradient = dx
    return dx
  }

  /// A small W: dW, dx and db as the items of one dynamic parallel loop
  /// (`BLAS.parallelGemms`), dW and dx each cut into column slices.
  private func backwardShared(_ dy: Tensor, dx: inout Tensor, needsInputGradient: Bool) {
    let (batch, inputs, outputs) = (dy.batch, inputs, outputs)
    withBackwardBuffers(dy, dx: &dx, needsInputGradient: needsInputGradient) { p in
      var products = [
        BLAS.Product(
          transposeA: true, m: outputs, n: inputs, k: batch,
          a: p.dy, lda: outputs, b: p.x, ldb: inputs, beta: 1, c: p.dw, ldc: inputs)
      ]
      if let dx = p.dx {
        products.append(
          BLAS.Product(
            m: batch, n: inputs, k: outputs,
            a: p.dy, lda: outputs, b: p.w, ldb: inputs, beta: 0, c: dx, ldc: inputs))
      }
      BLAS.parallelGemms(products, alongside: 1) { _ in
        sumRows(p.dy, batch: batch, width: outputs, into: p.db)
      }
    }
  }

  /// A large W (`pinsToCores`): each core takes the rows of W it took in forward and
  /// never reads the others'. dW[rows] += dy[:, rows]ᵀ·x, and its share of the input
  /// gradient, dy[:, rows]·W[rows]: (B, |rows|)·(|rows|, in). The shares are then summed
  /// into dx: (B, in). The core with the first rows also sums db.
  private func backwardByRows(_ dy: Tensor, dx: inout Tensor, needsInputGradient: Bool) {
    let (batch, inputs, outputs) = (dy.batch, inputs, outputs)
    // The forward's slices of W's rows: the same product size, cut along the same rows.
    let slices = BLAS.Product.slices(flops: 2 * outputs * inputs * batch, length: outputs)
    // Shares 1… of dx (share 0 goes straight into dx): (slices − 1, B, in).
    if needsInputGradient { inputGradientShares.reuse(shape: [max(slices - 1, 0), batch, inputs]) }
    withBackwardBuffers(dy, dx: &dx, needsInputGradient: needsInputGradient) { p in
      inputGradientShares.data.withUnsafeMutableBufferPointer { sp in
        parallelItems(slices, pinned: true) { s in
          if s == 0 { sumRows(p.dy, batch: batch, width: outputs, into: p.db) }
          let rows = sliceOf16(s, of: slices, length: outputs)
          let first = rows.lowerBound
          BLAS.gemm(
            transposeA: true, m: rows.count, n: inputs, k: batch,
            a: p.dy + first, lda: outputs, b: p.x, ldb: inputs,
            beta: 1, c: p.dw + first * inputs, ldc: inputs)
          guard let dx = p.dx else { return }
          let share = s == 0 ? dx : sp.baseAddress! + (s - 1) * batch * inputs
          if rows.isEmpty { return share.update(repeating: 0, count: batch * inputs) }
          BLAS.gemm(
            m: batch, n: inputs, k: rows.count,
            a: p.dy + first, lda: outputs, b: p.w + first * inputs, ldb: inputs,
            beta: 0, c: share, ldc: inputs)
        }
        guard let dx = p.dx, slices > 1 else { return }
        let count = batch * inputs
        parallelChunks(count) { range in
          for s in 1..<slices {
            let share = sp.baseAddress! + (s - 1) * count
            for i in range { dx[i] += share[i] }
          }
        }
      }
    }
  }

  /// The buffers of one backward pass, row-major, opened once for `body`.
  private struct BackwardBuffers {
    let dy: UnsafePointer<Float>  // (B, out)
    let x: UnsafePointer<Float>  // (B, in)
    let w: UnsafePointer<Float>  // (out, in)
    let dw: UnsafeMutablePointer<Float>  // (out, in)
    let db: UnsafeMutablePointer<Float>  // (out)
    let dx: UnsafeMutablePointer<Float>?  // (B, in); nil when no input gradient is wanted
  }

  private func withBackwardBuffers(
    _ dy: Tensor, dx: inout Tensor, needsInputGradient: Bool, _ body: (BackwardBuffers) -> Void
  ) {
    dy.data.withUnsafeBufferPointer { dyp in
      input.data.withUnsafeBufferPointer { xp in
        weight.value.data.withUnsafeBufferPointer { wp in
          weight.gradient.data.withUnsafeMutableBufferPointer { dwp in
            bias.gradient.data.withUnsafeMutableBufferPointer { dbp in
              dx.data.withUnsafeMutableBufferPointer { dxp in
                body(
                  BackwardBuffers(
                    dy: dyp.baseAddress!, x: xp.baseAddress!, w: wp.baseAddress!,
                    dw: dwp.baseAddress!, db: dbp.baseAddress!,
                    dx: needsInputGradient ? dxp.baseAddress : nil))
              }
            }
          }
        }
      }
    }
  }
}

/// out[j] += Σ_r m[r, j] over the `batch` rows of a row-major (batch, width) matrix.
private func sumRows(
  _ m: UnsafePointer<Float>, batch: Int, width: Int, into out: UnsafeMutablePointer<Float>
) {
  for row in 0..<batch {
    let r = m + row * width
    for j in 0..<width { out[j] += r[j] }
  }
}

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
    // dy: (B, out) → dx: (B, in); dW += dyᵀ·x, db += Σ_B dy, dx = dy·W:
    // the two products and the bias sum as one parallel loop (BLAS.parallelGemms).
    let batch = dy.batch
    var dx = Tensor()
    if needsInputGradient {
      inputGradient.reuse(shape: [batch, inputs])  // every value is written below (beta 0)
      dx = inputGradient
      inputGradient = Tensor()  // one owner while writing: no copy-on-write
    }
    dy.data.withUnsafeBufferPointer { dyp in
      input.data.withUnsafeBufferPointer { xp in
        weight.value.data.withUnsafeBufferPointer { wp in
          weight.gradient.data.withUnsafeMutableBufferPointer { dwp in
            bias.gradient.data.withUnsafeMutableBufferPointer { dbp in
              dx.data.withUnsafeMutableBufferPointer { dxp in
                let dy = dyp.baseAddress!
                // Large W: dW by rows, each core the rows of W it took in forward (pinned).
                let pinned = pinsToCores(weight.value.count)
                var products = [
                  BLAS.Product(
                    transposeA: true, m: outputs, n: inputs, k: batch,
                    a: dy, lda: outputs, b: xp.baseAddress!, ldb: inputs,
                    beta: 1, c: dwp.baseAddress!, ldc: inputs, slicingRows: pinned)
                ]
                if needsInputGradient, let dxp = dxp.baseAddress {
                  products.append(
                    BLAS.Product(
                      m: batch, n: inputs, k: outputs,
                      a: dy, lda: outputs, b: wp.baseAddress!, ldb: inputs,
                      beta: 0, c: dxp, ldc: inputs))
                }
                let outputs = self.outputs
                BLAS.parallelGemms(products, alongside: 1, pinned: pinned) { _ in
                  for row in 0..<batch {
                    let r = dy + row * outputs
                    for j in 0..<outputs { dbp[j] += r[j] }
                  }
                }
              }
            }
          }
        }
      }
    }
    input = Tensor()
    guard needsInputGradient else { return Tensor() }
    inputGradient = dx
    return dx
  }
}

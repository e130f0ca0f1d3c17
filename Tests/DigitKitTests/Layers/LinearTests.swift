import DigitKit
import XCTest

/// Linear's forward pass, y = x·Wᵀ + b, computed as yᵀ = W·xᵀ with each core taking whole
/// rows of W, and its backward pass (a large W: each core its rows' share of dx, summed):
/// every value must equal the sum written out, for layers wide enough to be split between
/// the cores and for widths that do not split evenly.
final class LinearTests: XCTestCase {
  func testEveryOutputIsItsBiasPlusTheSumOverInputs() {
    // (inputs, outputs, batch): Net1's first layer, an uneven width, a single sample.
    for (inputs, outputs, batch) in [(784, 520, 48), (320, 250, 64), (240, 120, 1)] {
      var random = SeededGenerator(seed: 3)
      let layer = Linear(inputs: inputs, outputs: outputs, name: "fc", random: &random)
      let x = (0..<(batch * inputs)).map { _ in random.nextFloat(in: -1, 1) }
      let y = layer.forward(Tensor(shape: [batch, inputs], data: x), context: trainingContext)
      XCTAssertEqual(y.shape, [batch, outputs])
      let w = layer.weight.value.data
      let b = layer.bias.value.data
      var worst = 0.0
      for n in 0..<batch {
        for o in 0..<outputs {
          var sum = Double(b[o])
          for i in 0..<inputs { sum += Double(w[o * inputs + i]) * Double(x[n * inputs + i]) }
          worst = max(worst, abs(Double(y.data[n * outputs + o]) - sum))
        }
      }
      XCTAssertLessThan(worst, 1e-4, "\(inputs)→\(outputs) at batch \(batch)")
    }
  }

  func testEveryGradientIsItsSumOverTheBatchOrTheOutputs() {
    // Net1's first layer (W pinned to the cores), an uneven pinned width, a small layer.
    for (inputs, outputs, batch) in [(784, 520, 48), (300, 250, 64), (240, 120, 5)] {
      var random = SeededGenerator(seed: 5)
      let layer = Linear(inputs: inputs, outputs: outputs, name: "fc", random: &random)
      let x = (0..<(batch * inputs)).map { _ in random.nextFloat(in: -1, 1) }
      let dy = (0..<(batch * outputs)).map { _ in random.nextFloat(in: -1, 1) }
      _ = layer.forward(Tensor(shape: [batch, inputs], data: x), context: trainingContext)
      let dx = layer.backward(Tensor(shape: [batch, outputs], data: dy), needsInputGradient: true)
      XCTAssertEqual(dx.shape, [batch, inputs])
      let w = layer.weight.value.data
      let (dw, db) = (layer.weight.gradient.data, layer.bias.gradient.data)
      var worst = (dx: 0.0, dw: 0.0, db: 0.0)
      for n in 0..<batch {
        for i in 0..<inputs {
          var sum = 0.0
          for o in 0..<outputs { sum += Double(dy[n * outputs + o]) * Double(w[o * inputs + i]) }
          worst.dx = max(worst.dx, abs(Double(dx.data[n * inputs + i]) - sum))
        }
      }
      for o in 0..<outputs {
        var bias = 0.0
        for n in 0..<batch { bias += Double(dy[n * outputs + o]) }
        worst.db = max(worst.db, abs(Double(db[o]) - bias))
        for i in 0..<inputs {
          var sum = 0.0
          for n in 0..<batch { sum += Double(dy[n * outputs + o]) * Double(x[n * inputs + i]) }
          worst.dw = max(worst.dw, abs(Double(dw[o * inputs + i]) - sum))
        }
      }
      let shape = "\(inputs)→\(outputs) at batch \(batch)"
      XCTAssertLessThan(worst.dx, 1e-4, "dx, \(shape)")
      XCTAssertLessThan(worst.dw, 1e-4, "dW, \(shape)")
      XCTAssertLessThan(worst.db, 1e-4, "db, \(shape)")
    }
  }
}

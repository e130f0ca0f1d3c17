import DigitKit
import XCTest

/// Linear's forward pass, y = x·Wᵀ + b, computed as yᵀ = W·xᵀ with each core taking whole
/// rows of W: every value must equal the sum written out, for layers wide enough to be
/// split between the cores and for widths that do not split evenly.
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
}

import DigitKit
import Foundation
import XCTest

/// Test helpers shared by the DigitKit tests.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// A PyTorch-made fixture (see Fixtures/make_fixtures.py).
  static func load(_ name: String) throws -> SafeTensors {
    try SafeTensors(contentsOf: directory.appendingPathComponent("\(name).safetensors"))
  }
}

/// The repository's Data/ folder.
let repositoryData = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Data")

/// A training-mode context with a fixed seed, fresh at every use.
var trainingContext: ForwardContext {
  ForwardContext(training: true, random: RandomSource(seed: 7))
}

/// Asserts two float arrays agree within `tolerance` (absolute, plus relative to magnitude).
func assertClose(
  _ a: [Float], _ b: [Float], tolerance: Float = 1e-4, _ what: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(a.count, b.count, "\(what): sizes differ", file: file, line: line)
  var worst: Float = 0
  var at = 0
  for i in 0..<min(a.count, b.count) {
    let err = abs(a[i] - b[i]) / (1 + abs(b[i]))
    if err > worst {
      worst = err
      at = i
    }
  }
  XCTAssertLessThanOrEqual(
    worst, tolerance, "\(what): index \(at): \(a[at]) vs \(b[at])", file: file, line: line)
}

/// A tensor of deterministic pseudo-random values in [-1, 1).
func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
  var g = SeededGenerator(seed: seed)
  return Tensor(shape: shape, data: (0..<shape.reduce(1, *)).map { _ in g.nextFloat(in: -1, 1) })
}

/// Checks backward against central finite differences of L = Σ y·r, for the input and every parameter.
func checkGradients(
  _ layer: Layer, input: Tensor, step: Float = 1e-2, tolerance: Float = 2e-2,
  file: StaticString = #filePath, line: UInt = #line
) {
  let context = ForwardContext(training: true, random: RandomSource(seed: 1))
  let y0 = layer.forward(input, context: context)
  let r = randomTensor(y0.shape, seed: 99)
  func loss(_ x: Tensor) -> Double {
    let y = layer.forward(
      x, context: ForwardContext(training: false, random: RandomSource(seed: 1)))
    return zip(y.data, r.data).reduce(0) { $0 + Double($1.0) * Double($1.1) }
  }
  for p in layer.parameters { p.zeroGradient() }
  _ = layer.forward(input, context: context)
  let dx = layer.backward(r, needsInputGradient: true)
  // Input gradient.
  var x = input
  var numeric = [Float](repeating: 0, count: x.count)
  for i in 0..<x.count {
    let saved = x.data[i]
    x.data[i] = saved + step
    let plus = loss(x)
    x.data[i] = saved - step
    let minus = loss(x)
    x.data[i] = saved
    numeric[i] = Float((plus - minus) / Double(2 * step))
  }
  assertClose(dx.data, numeric, tolerance: tolerance, "dx", file: file, line: line)
  // Parameter gradients.
  for p in layer.parameters {
    var numericP = [Float](repeating: 0, count: p.value.count)
    for i in 0..<p.value.count {
      let saved = p.value.data[i]
      p.value.data[i] = saved + step
      let plus = loss(input)
      p.value.data[i] = saved - step
      let minus = loss(input)
      p.value.data[i] = saved
      numericP[i] = Float((plus - minus) / Double(2 * step))
    }
    assertClose(
      p.gradient.data, numericP, tolerance: tolerance, "d\(p.name)", file: file, line: line)
  }
}

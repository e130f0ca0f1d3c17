import DigitKit
import DigitShell
import Foundation
import XCTest

/// Issue 19, defect 15: `--json` printed `{}` for a value that is not a number, and eval and
/// predict exited 0. JSON output is always a whole object, with `null` for such a value, and
/// the exit status says the result is not a number.
final class RobustnessJSONTests: XCTestCase {
  /// A model whose every output is NaN: finite but huge weights overflow to +∞ in each of
  /// the 10 outputs, and log-softmax then computes ∞ − ∞.
  func notANumberCheckpoint() throws -> URL {
    let model = try Model.make(specs: [
      LayerSpec(kind: .flatten), LayerSpec(kind: .linear, name: "fc", inputs: 784, outputs: 10),
      LayerSpec(kind: .logSoftmax),
    ])
    for (_, p) in model.namedParameters {
      p.value = Tensor(shape: p.value.shape, data: [Float](repeating: 1e38, count: p.value.count))
    }
    let url = Binary.temporaryHome().appendingPathComponent("nan.safetensors")
    try model.save(to: url, info: ModelInfo())
    return url
  }

  func testJSONLineWritesNullForValuesThatAreNotNumbers() throws {
    struct Row: Encodable { let a: Double, b: [Double], c: String }
    XCTAssertEqual(
      try JSONLine.encode(Row(a: .nan, b: [1.5, .infinity, -.infinity], c: "x")),
      #"{"a":null,"b":[1.5,null,null],"c":"x"}"#)
    XCTAssertEqual(
      try JSONLine.encode(Row(a: 0.25, b: [], c: "nan")), #"{"a":0.25,"b":[],"c":"nan"}"#)
  }

  func testEvalWithANotANumberLossPrintsNullAndFails() throws {
    let file = try notANumberCheckpoint()
    let (output, status) = try Binary.run(["eval", "--model", file.path, "--json"])
    XCTAssertEqual(status, 1, output)
    let lines = output.split(separator: "\n")
    XCTAssertEqual(lines.count, 2, output)
    XCTAssertTrue(
      output.contains(#"{"test_correct":"#)
        && output.contains(#""test_loss":null,"test_total":10000}"#), output)
    XCTAssertTrue(
      output.contains("error: nan.safetensors gives a test loss that is not a number"), output)
  }

  func testPredictWithNotANumberProbabilitiesPrintsNullAndFails() throws {
    let file = try notANumberCheckpoint()
    let (output, status) = try Binary.run([
      "predict", "--index", "0", "--model", file.path, "--json",
    ])
    XCTAssertEqual(status, 1, output)
    let nulls = Array(repeating: "null", count: 10).joined(separator: ",")
    XCTAssertTrue(output.contains(#""probabilities":[\#(nulls)]"#), output)
    XCTAssertTrue(
      output.contains("error: nan.safetensors gives probabilities that are not numbers"), output)
    XCTAssertEqual(output.split(separator: "\n").count, 2, output)
  }
}

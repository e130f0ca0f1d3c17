import Foundation
import XCTest

/// Golden transcripts: each `Transcripts/NAME.in` is piped into `digitlab`, and the whole
/// output must equal `Transcripts/NAME.out` (exit status on its last line).
/// To record a new one: write NAME.in, run the binary by hand, check the output, save it.
final class TranscriptTests: XCTestCase {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Transcripts")

  func testEveryTranscript() throws {
    let inputs = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter {
      $0.hasSuffix(".in")
    }.sorted()
    XCTAssertFalse(inputs.isEmpty)
    for name in inputs {
      let base = String(name.dropLast(3))
      let input = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
      let expected = try String(
        contentsOf: Self.folder.appendingPathComponent(base + ".out"), encoding: .utf8)
      let (output, status) = try Binary.run(input: input)
      let actual = output + "[exit \(status)]\n"
      if actual != expected {
        let diffLine = zip(
          actual.split(separator: "\n", omittingEmptySubsequences: false),
          expected.split(separator: "\n", omittingEmptySubsequences: false)
        )
        .enumerated().first { $0.element.0 != $0.element.1 }
        XCTFail(
          "\(base): first difference at line \((diffLine?.offset ?? 0) + 1):\n got: \(diffLine?.element.0 ?? "")\nwant: \(diffLine?.element.1 ?? "")\n--- full output ---\n\(actual)"
        )
      }
    }
  }
}

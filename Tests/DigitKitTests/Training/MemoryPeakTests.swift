import DigitKit
import Foundation
import XCTest

/// MemoryBudget's estimate against the memory a training step really takes, per net at batch 64.
///
/// How it is measured, and why: each net trains in a fresh child process (this test binary,
/// running `MemoryPeakProbe` only), which reads its resident set before it builds the model
/// (VmRSS) and its high-water mark after two training steps (VmHWM). Their difference is the
/// step's peak, whatever allocated it (tensors, scratch buffers, OpenBLAS, thread stacks), at
/// its highest moment rather than after. A fresh process matters: VmHWM is process-wide and
/// never falls, and in a process that ran other tests, freed memory the allocator keeps would
/// be reused without raising the resident set. The estimate's fixed part (`baseBytes`: the
/// program, OpenBLAS, MNIST) is before the baseline in both, so it is left out of the comparison.
final class MemoryPeakTests: XCTestCase {
  func testEstimateIsWithin30PercentOfTheMeasuredPeak() throws {
    #if !os(Linux)
      throw XCTSkip("reads /proc/self/status")
    #else
      for net in NetName.allCases {
        let measured = try measurePeak(net, batchSize: 64)
        let estimate =
          MemoryBudget.trainingBytes(
            model: Model.make(net), batchSize: 64, optimizer: net.optimizerKind)
          - MemoryBudget.baseBytes
        let ratio = estimate / measured
        print(
          "MemoryPeakTests: \(net) batch 64: measured \(Int(measured / 1e6)) MB, estimated \(Int(estimate / 1e6)) MB (×\(String(format: "%.2f", ratio)))"
        )
        XCTAssert(
          (0.7...1.3).contains(ratio),
          "\(net): estimate \(estimate) bytes, measured \(measured) bytes")
      }
    #endif
  }

  /// Runs `MemoryPeakProbe` for `net` in a child process; the bytes it measured.
  private func measurePeak(_ net: NetName, batchSize: Int) throws -> Double {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digitlab-peak-\(getpid())-\(net)")
    let child = Process()
    child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    child.arguments = ["DigitKitTests.MemoryPeakProbe/testProbe"]
    var environment = ProcessInfo.processInfo.environment
    environment["DIGITLAB_MEMORY_PROBE"] = "\(net.rawValue) \(batchSize) \(output.path)"
    child.environment = environment
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    child.waitUntilExit()
    defer { try? FileManager.default.removeItem(at: output) }
    let text = try String(contentsOf: output, encoding: .utf8)
    return try XCTUnwrap(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), text)
  }
}

/// The child's side of `MemoryPeakTests`: does nothing unless DIGITLAB_MEMORY_PROBE says
/// "NET BATCH FILE"; then trains NET for two steps at BATCH and writes the peak bytes to FILE.
final class MemoryPeakProbe: XCTestCase {
  func testProbe() throws {
    guard let request = ProcessInfo.processInfo.environment["DIGITLAB_MEMORY_PROBE"] else { return }
    let words = request.split(separator: " ", maxSplits: 2).map(String.init)
    let net = try XCTUnwrap(NetName(rawValue: words[0]))
    let batch = try XCTUnwrap(Int(words[1]))
    let before = try statusBytes("VmRSS")
    let model = Model.make(net)
    let optimizer = net.defaultOptimizer.make(for: model.namedParameters.map(\.parameter))
    let x = randomTensor([batch] + model.inputShape, seed: 1)
    let targets = (0..<batch).map { $0 % 10 }
    for _ in 0..<2 {
      let output = model.forward(x, training: true)
      model.backward(NLLLoss.lossAndGradient(output, targets: targets).gradient)
      optimizer.step()
    }
    let peak = try statusBytes("VmHWM")
    try "\(peak - before)\n".write(toFile: words[2], atomically: true, encoding: .utf8)
  }

  /// A field of /proc/self/status in bytes, e.g. "VmRSS:    123456 kB".
  private func statusBytes(_ field: String) throws -> Double {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix(field + ":") })
    let kilobytes = try XCTUnwrap(
      line.split(separator: " ").dropFirst().first.flatMap { Double($0) })
    return kilobytes * 1024
  }
}

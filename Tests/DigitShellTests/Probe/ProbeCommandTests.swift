import DigitKit
import Foundation
import XCTest

/// `why`, `keep` and `finetune` run as the real binary with piped input (no terminal), on
/// Net1 so they stay quick.
final class ProbeCommandTests: XCTestCase {
  let noDrawing = "no current drawing yet; make one with draw, random or draw --load FILE"

  func lines(_ output: String) -> [Substring] {
    output.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// Every line fits 80 columns, except those that name a file under `home` (paths are as long as they are).
  func assertFits80Columns(
    _ output: String, home: URL? = nil, file: StaticString = #filePath, line: UInt = #line
  ) {
    for text in lines(output)
    where text.count > 80 && !(home.map { text.contains($0.path) } ?? false) {
      XCTFail("wider than 80 columns (\(text.count)): \(text)", file: file, line: line)
    }
  }

  func testWithoutADrawingWhyAndKeepSayHowToMakeOne() throws {
    let (output, status) = try Binary.run(input: "why --model net1\nkeep 7\n")
    XCTAssertEqual(status, 1)
    XCTAssertEqual(
      output, "error: \(noDrawing) (see: help why)\nerror: \(noDrawing) (see: help keep)\n")
  }

  func testKeepRejectsALabelThatIsNotOneDigit() throws {
    for bad in ["12", "x", "-1"] {
      let (output, status) = try Binary.run(["keep", "--", bad])
      XCTAssertNotEqual(status, 0)
      XCTAssertEqual(
        output, "error: LABEL must be one digit from 0 to 9, not \(bad) (see: help keep)\n")
    }
  }

  func testKeepWritesNumberedFilesInTheHomeFolder() throws {
    let home = Binary.temporaryHome()
    let (output, status) = try Binary.run(
      input: """
        draw --load Data/drawings/7-plain.txt --model net1
        keep 7
        keep 7
        draw --load Data/drawings/9-plain.txt --model net1
        keep 9
        """, home: home)
    XCTAssertEqual(status, 0, output)
    let folder = home.appendingPathComponent("drawings")
    XCTAssertTrue(
      output.contains(
        """
        Kept as 7-001.txt in \(folder.path).
        Your set has 1 drawing: 7×1. finetune --model M trains on MNIST plus your set.

        """), output)
    XCTAssertTrue(
      output.contains("Kept as 7-002.txt in \(folder.path).\nYour set has 2 drawings: 7×2."), output
    )
    XCTAssertTrue(
      output.contains("Kept as 9-001.txt in \(folder.path).\nYour set has 3 drawings: 7×2, 9×1."),
      output)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    XCTAssertEqual(
      files, ["7-001.txt", "7-002.txt", "9-001.txt"], "no temporary files left behind")
    let seven = try String(
      contentsOf: Binary.repository.appendingPathComponent("Data/drawings/7-plain.txt"),
      encoding: .utf8)
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("7-002.txt"), encoding: .utf8), seven)
    XCTAssertEqual(try LabelledDrawings(directory: folder).labels, [7, 7, 9])
  }

  func testWhyShowsLookAlikesAndAnOcclusionMapIn80Columns() throws {
    let (output, status) = try Binary.run(
      input: """
        draw --load Data/drawings/9-looks-like-7.txt --model net1
        why --model net1
        why --model net1 --save \(FileManager.default.temporaryDirectory.path)/why-\(UUID().uuidString).txt
        """)
    XCTAssertEqual(status, 0, output)
    let start = try XCTUnwrap(output.range(of: "Reading the 60000"), output)
    let why = String(output[start.lowerBound...])
    assertFits80Columns(why)
    XCTAssertEqual(
      why.components(separatedBy: "Reading the 60000 training images").count, 2,
      "read once, then cached")
    XCTAssertNotNil(
      why.range(
        of: "Why does net1 say [0-9]\\? It gives [0-9] [0-9.]+%", options: .regularExpression), why)
    XCTAssertTrue(why.contains("It sees your drawing, made MNIST-like"), why)
    XCTAssertTrue(why.contains("(the 120 activations that feed l5), by cosine similarity"), why)
    XCTAssertEqual(
      why.components(separatedBy: "  cos 0.").count + why.components(separatedBy: "  cos 1.").count
        - 2, 10,
      "five captions, twice")
    XCTAssertNotNil(
      why.range(of: "net1 sees +drop in P\\([0-9]\\)", options: .regularExpression), why)
    XCTAssertTrue(why.contains("Key: "), why)
    XCTAssertNotNil(
      why.range(
        of: "Blanking rows [0-9]+-[0-9]+, columns [0-9]+-[0-9]+", options: .regularExpression), why)
    XCTAssertTrue(why.contains("(saved as plain text to "), why)
  }

  func testWhyReadsARandomMNISTImageAsRandomDoes() throws {
    let (output, status) = try Binary.run(input: "random --seed 3 --model net1\nwhy --model net1\n")
    XCTAssertEqual(status, 0, output)
    let said = try XCTUnwrap(output.range(of: "Most likely: [0-9]", options: .regularExpression))
      .upperBound
    let digit = output[output.index(before: said)]
    XCTAssertTrue(output.contains("Why does net1 say \(digit)?"), output)
    XCTAssertNotNil(
      output.range(
        of: "It sees MNIST\\stest\\simage\\s[0-9]+,\\slabelled\\s[0-9],\\sread\\sas\\sit\\sis",
        options: .regularExpression), output)
  }

  func testFinetuneNeedsDrawingsOfYourOwn() throws {
    let (output, status) = try Binary.run(["finetune", "--model", "net1"])
    XCTAssertNotEqual(status, 0)
    XCTAssertEqual(
      output,
      "error: you have no drawings of your own yet: draw one (or random), then keep LABEL (see: help finetune)\n"
    )
    let (bad, badStatus) = try Binary.run(["finetune", "--model", "net1", "--mnist", "70000"])
    XCTAssertNotEqual(badStatus, 0)
    XCTAssertEqual(bad, "error: --mnist must be from 0 to 60000, not 70000 (see: help finetune)\n")
  }

  func testFinetuneReportsBeforeAndAfterAndKeepsTheModel() throws {
    let home = Binary.temporaryHome()
    let (output, status) = try Binary.run(
      input: """
        draw --load Data/drawings/9-looks-like-7.txt --model net1
        keep 9
        finetune --model net1 --mnist 500 --epochs 1 --as tuned
        predict Data/drawings/9-looks-like-7.txt --model tuned
        """, home: home)
    XCTAssertEqual(status, 0, output)
    assertFits80Columns(output, home: home)
    XCTAssertTrue(
      output.contains(
        "Fine-tuning a copy of net1 on 500 MNIST images + your 1 drawing ×56 (10% of"), output)
    XCTAssertNotNil(
      output.range(of: "\nepoch +[0-9]+  train loss", options: .regularExpression), output)
    XCTAssertNotNil(output.range(of: "\n +before +after\n", options: .regularExpression), output)
    XCTAssertNotNil(
      output.range(
        of: "\nyour drawings +[01]/1 right +[01]/1 right\n", options: .regularExpression), output)
    XCTAssertNotNil(
      output.range(
        of: "\nMNIST test \\(first 2000\\) +[0-9]+/2000 \\([0-9.]+%\\) +[0-9]+/2000",
        options: .regularExpression), output)
    XCTAssertNotNil(
      output.range(
        of: "\n  9-001.txt +read as [0-9] +read as [0-9] \\((right|wrong)\\)\n",
        options: .regularExpression), output)
    let saved = home.appendingPathComponent("finetuned.safetensors")
    XCTAssertTrue(output.contains("Saved to \(saved.path)."), output)
    XCTAssertTrue(
      output.contains("Data/drawings/9-looks-like-7.txt, model tuned"),
      "kept in the session as --as names it")
    let (model, info) = try Model.load(contentsOf: saved)
    XCTAssertTrue(model.isClassifier)
    XCTAssertEqual(
      info.training?.augmentation, nil, "the MNIST part is not distorted unless --augment-mnist")
    XCTAssertTrue(
      info.note?.hasPrefix("fine-tuned from net1 on 500 MNIST images and 1 own drawings") == true,
      info.note ?? "")
  }

  /// Ctrl-C stops training after the batch in progress and keeps (and saves) the weights.
  func testCtrlCStopsFinetuneAndKeepsTheWeights() throws {
    let home = Binary.temporaryHome()
    let folder = home.appendingPathComponent("drawings")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Binary.repository.appendingPathComponent("Data/drawings/7-plain.txt"),
      to: folder.appendingPathComponent("7-001.txt"))
    let process = Process()
    process.executableURL = Binary.url
    process.arguments = ["finetune", "--model", "net1", "--mnist", "60000", "--epochs", "20"]
    process.currentDirectoryURL = Binary.repository
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_HOME"] = home.path
    env["DIGITLAB_DATA"] = Binary.repository.appendingPathComponent("Data").path
    env["NO_COLOR"] = "1"
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    let started = expectation(description: "training started")
    let collected = Collected()
    // A plain thread reads the pipe until end of file. (A readabilityHandler, a dispatch
    // source, crashed libdispatch's event loop about one run in six when the child exited.)
    let finished = DispatchSemaphore(value: 0)
    let reader = Thread {
      while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
        if collected.append(String(decoding: data, as: UTF8.self), watchingFor: "Ctrl-C stops") {
          started.fulfill()
        }
      }
      finished.signal()
    }
    reader.start()
    try process.run()
    wait(for: [started], timeout: 60)
    Thread.sleep(forTimeInterval: 0.5)
    process.interrupt()
    process.waitUntilExit()
    try? pipe.fileHandleForWriting.close()
    XCTAssertEqual(finished.wait(timeout: .now() + 30), .success, "the output pipe never closed")
    let output = collected.text
    XCTAssertEqual(process.terminationStatus, 130, output)
    XCTAssertTrue(
      output.contains("Ctrl-C: stopped after 0 full epochs; the weights so far are kept."), output)
    XCTAssertTrue(output.contains("your drawings"), output)
    XCTAssertTrue(
      FileManager.default.fileExists(
        atPath: home.appendingPathComponent("finetuned.safetensors").path))
  }
}

/// Output gathered from a pipe's reader thread.
private final class Collected: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer = ""

  var text: String {
    lock.lock()
    defer { lock.unlock() }
    return buffer
  }

  /// Appends `chunk`; true the first time `marker` appears.
  func append(_ chunk: String, watchingFor marker: String) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    let seen = buffer.contains(marker)
    buffer += chunk
    return !seen && buffer.contains(marker)
  }
}

import DigitKit
import XCTest

/// Training refuses, with one line, a run the machine has no memory for.
final class MemoryBudgetTests: XCTestCase {
  let gigabyte = 1_000_000_000.0

  func testEstimateGrowsWithTheBatch() {
    let net3 = Model.make(.net3)
    let sizes = [16, 64, 512, 4096].map {
      MemoryBudget.trainingBytes(model: net3, batchSize: $0, optimizer: .adam)
    }
    XCTAssertEqual(sizes, sizes.sorted())
    XCTAssertEqual(Set(sizes).count, sizes.count)
    // Measured (as MemoryPeakTests does): Net3 at batch 1024 peaked 434 MB above the resident
    // set before the model was built (795 MB before the fused execution plan); the estimate
    // stays above it, and not far.
    let big =
      MemoryBudget.trainingBytes(model: net3, batchSize: 1024, optimizer: .adam)
      - MemoryBudget.baseBytes
    XCTAssertGreaterThan(big, 434_000_000)
    XCTAssertLessThan(big, 1.5 * 434_000_000)
  }

  func testSmallFreeMemoryIsRefusedWithABatchThatFits() throws {
    let net3 = Model.make(.net3)
    XCTAssertThrowsError(
      try MemoryBudget.check(
        "training net3", model: net3, batchSize: 4096, optimizer: .adam,
        available: 1.1 * gigabyte)
    ) { error in
      let error = error as? DigitKitError
      let message = error?.message ?? ""
      XCTAssertTrue(message.hasPrefix("training net3 at batch size 4096 needs about "), message)
      XCTAssertTrue(message.contains(" GB but only 1.1 GB is free; batch size "), message)
      XCTAssertTrue(message.hasSuffix(" fits"), message)
      XCTAssertFalse(message.contains("\n"))
      XCTAssertFalse(message.contains("--"), "the engine names no flags: \(message)")
      XCTAssertEqual(error?.setting, .batchSize)
      // The suggested batch really fits, and the next power of two does not.
      guard let batch = error?.suggestedValue else { return XCTFail("no batch in: \(message)") }
      XCTAssertTrue(message.hasSuffix("batch size \(batch) fits"), message)
      XCTAssertLessThanOrEqual(
        MemoryBudget.trainingBytes(model: net3, batchSize: batch, optimizer: .adam), 1.1 * gigabyte)
      XCTAssertGreaterThan(
        MemoryBudget.trainingBytes(model: net3, batchSize: batch * 2, optimizer: .adam),
        1.1 * gigabyte)
    }
  }

  func testFinetuneWithoutBatchOptionSaysWhatElseToDo() {
    XCTAssertThrowsError(
      try MemoryBudget.check(
        "finetuning net2", model: Model.make(.net2), batchSize: 32,
        optimizer: .sgd, suggestsBatch: false, available: 50_000_000)
    ) { error in
      XCTAssertNil((error as? DigitKitError)?.suggestedValue)
      XCTAssertEqual(
        (error as? DigitKitError)?.message,
        "finetuning net2 at batch size 32 needs about "
          + "\(Int((MemoryBudget.trainingBytes(model: Model.make(.net2), batchSize: 32, optimizer: .sgd) / 1_000_000).rounded())) MB"
          + " but only 50 MB is free; close other programs or use a smaller model")
    }
  }

  func testNormalRunsFit() throws {
    // The README's runs fit in half a gigabyte.
    for (net, batch) in [(NetName.net1, 32), (.net2, 64), (.net3, 64)] {
      XCTAssertNoThrow(
        try MemoryBudget.check(
          "training", model: Model.make(net), batchSize: batch,
          optimizer: .adam, available: 0.5 * gigabyte), "\(net) batch \(batch)")
    }
    // This machine has room for one, or training would be refused everywhere.
    let free = try XCTUnwrap(MemoryBudget.availableBytes())
    XCTAssertGreaterThan(
      free, MemoryBudget.trainingBytes(model: Model.make(.net1), batchSize: 32, optimizer: .adam))
  }

  func testFreeMemoryIsReadFromMeminfoAndCgroups() {
    let meminfo =
      "MemTotal:       24684096 kB\nMemFree:         1000000 kB\nMemAvailable:   23190656 kB\n"
    XCTAssertEqual(MemoryBudget.memAvailable(meminfo), 23190656 * 1024)
    XCTAssertNil(MemoryBudget.memAvailable("MemTotal: 1 kB\n"))
    XCTAssertEqual(
      MemoryBudget.cgroupLeft(max: "2147483648\n", current: "1073741824\n"), 1073741824)
    XCTAssertNil(MemoryBudget.cgroupLeft(max: "max\n", current: "1073741824\n"))
  }
}

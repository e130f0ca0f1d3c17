import DigitKit
import XCTest

final class TrainerTests: XCTestCase {
  static let train = try! MNIST.load(.train, from: repositoryData.appendingPathComponent("mnist"))
  static let test = try! MNIST.load(.test, from: repositoryData.appendingPathComponent("mnist"))

  /// A real, short run: Net2 on 6,000 images for 2 epochs clears 80% on a 2,000-image test sample
  /// (seeds 1–6 gave 84.0–87.2%; an untrained net gives about 10%).
  func testNet2LearnsFromAFewThousandImages() throws {
    let model = Model.make(.net2, seed: 1)
    let options = TrainingOptions(epochs: 2, batchSize: 32, optimizer: NetName.net2.defaultOptimizer, limit: 6000)
    var epochs: [EpochResult] = []
    var batches = 0
    let (history, cancelled) = try Trainer(model: model, options: options)
      .train(on: Self.train, test: Self.test.prefix(2000)) { event in
        switch event {
        case .batch: batches += 1
        case .epoch(let r): epochs.append(r)
        }
      }
    XCTAssertFalse(cancelled)
    XCTAssertEqual(history.count, 2)
    XCTAssertEqual(epochs, history)
    XCTAssertEqual(batches, 2 * 188)
    XCTAssertLessThan(history[1].trainLoss, history[0].trainLoss)
    XCTAssertGreaterThan(history[1].testCorrect, 1600, "accuracy \(history[1].testAccuracy)%")
  }

  /// The same seed gives the same numbers.
  func testSameSeedSameNumbers() throws {
    func run() throws -> (Double, [Float]) {
      let model = Model.make(.net2, seed: 3)
      let options = TrainingOptions(epochs: 1, batchSize: 16, optimizer: NetName.net2.defaultOptimizer, seed: 3, limit: 320)
      let (h, _) = try Trainer(model: model, options: options).train(on: Self.train, test: Self.test.prefix(100))
      return (h[0].trainLoss, model.namedParameters[0].parameter.value.data)
    }
    let (a, b) = (try run(), try run())
    XCTAssertEqual(a.0, b.0)
    XCTAssertEqual(a.1, b.1)
  }

  /// Cancelling stops at the next batch and keeps what was learnt.
  func testCancellationStopsBetweenBatches() throws {
    let model = Model.make(.net1, seed: 1)
    let before = model.namedParameters[0].parameter.value
    let token = CancellationToken()
    var batches = 0
    let options = TrainingOptions(epochs: 3, batchSize: 10, optimizer: NetName.net1.defaultOptimizer)
    let (history, cancelled) = try Trainer(model: model, options: options)
      .train(on: Self.train, test: Self.test, cancel: token) { event in
        if case .batch = event { batches += 1; if batches == 5 { token.cancel() } }
      }
    XCTAssertTrue(cancelled)
    XCTAssertEqual(batches, 5)
    XCTAssertEqual(history.count, 0)
    XCTAssertNotEqual(model.namedParameters[0].parameter.value, before, "weights from 5 batches are kept")
  }

  func testRejectsBadSettings() {
    let m = Model.make(.net1)
    for (options, text) in [
      (TrainingOptions(epochs: 0, optimizer: NetName.net1.defaultOptimizer), "--epochs"),
      (TrainingOptions(batchSize: 0, optimizer: NetName.net1.defaultOptimizer), "--batch"),
      (TrainingOptions(optimizer: OptimizerSettings(kind: .sgd, learningRate: -1)), "--lr"),
      (TrainingOptions(optimizer: NetName.net1.defaultOptimizer, limit: 0), "--limit"),
      (TrainingOptions(optimizer: NetName.net1.defaultOptimizer, dropout: 1), "--dropout"),
    ] {
      XCTAssertThrowsError(try Trainer(model: m, options: options)) { XCTAssert("\($0)".contains(text), "\($0)") }
    }
  }

  func testUnfinishedModelCannotTrain() throws {
    let m = Model()
    try m.append(LayerSpec(kind: .flatten))
    try m.append(LayerSpec(kind: .linear, inputs: 784, outputs: 10))
    XCTAssertThrowsError(try Trainer(model: m, options: TrainingOptions(optimizer: NetName.net1.defaultOptimizer))) {
      XCTAssert("\($0)".contains("logsoftmax"))
    }
  }
}

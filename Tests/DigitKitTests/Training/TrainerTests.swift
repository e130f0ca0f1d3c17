import DigitKit
import XCTest

final class TrainerTests: XCTestCase {
  static let train = try! MNIST.load(.train, from: repositoryData.appendingPathComponent("mnist"))
  static let test = try! MNIST.load(.test, from: repositoryData.appendingPathComponent("mnist"))

  /// A real, short run: Net2 on 6,000 images for 2 epochs clears 80% on a 2,000-image test sample
  /// (seeds 1–6 gave 84.0–87.2%; an untrained net gives about 10%).
  func testNet2LearnsFromAFewThousandImages() throws {
    let model = Model.make(.net2, seed: 1)
    let options = TrainingOptions(
      epochs: 2, batchSize: 32, optimizer: NetName.net2.defaultOptimizer, limit: 6000)
    var epochs: [EpochResult] = []
    var batches = 0
    var testing: [Int] = []
    let (history, cancelled) = try Trainer(model: model, options: options)
      .train(on: Self.train, test: Self.test.prefix(2000)) { event in
        switch event {
        case .batch: batches += 1
        case .testing(let epoch, let images):
          XCTAssertEqual(images, 2000)
          testing.append(epoch)
        case .epoch(let r): epochs.append(r)
        }
      }
    XCTAssertEqual(testing, [1, 2], "each epoch says it is testing before its result")
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
      let options = TrainingOptions(
        epochs: 1, batchSize: 16, optimizer: NetName.net2.defaultOptimizer, seed: 3, limit: 320)
      let (h, _) = try Trainer(model: model, options: options).train(
        on: Self.train, test: Self.test.prefix(100))
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
    let options = TrainingOptions(
      epochs: 3, batchSize: 10, optimizer: NetName.net1.defaultOptimizer)
    let (history, cancelled) = try Trainer(model: model, options: options)
      .train(on: Self.train, test: Self.test, cancel: token) { event in
        if case .batch = event {
          batches += 1
          if batches == 5 { token.cancel() }
        }
      }
    XCTAssertTrue(cancelled)
    XCTAssertEqual(batches, 5)
    XCTAssertEqual(history.count, 0)
    XCTAssertNotEqual(
      model.namedParameters[0].parameter.value, before, "weights from 5 batches are kept")
  }

  /// Each bad setting is named, in the engine's words (no flags), with which setting it is.
  func testRejectsBadSettings() {
    let m = Model.make(.net1)
    var decay = TrainingOptions(optimizer: NetName.net1.defaultOptimizer)
    decay.learningRateDecay = 0
    for (options, setting, message) in [
      (
        TrainingOptions(epochs: 0, optimizer: NetName.net1.defaultOptimizer),
        TrainingSetting.epochs,
        "epochs must be from 1 to 1000, not 0"
      ),
      (
        TrainingOptions(batchSize: 0, optimizer: NetName.net1.defaultOptimizer), .batchSize,
        "batch size must be from 1 to 4096, not 0"
      ),
      (
        TrainingOptions(optimizer: OptimizerSettings(kind: .sgd, learningRate: -1)), .learningRate,
        "learning rate must be above 0 and at most 10"
      ),
      (
        TrainingOptions(optimizer: NetName.net1.defaultOptimizer, limit: 0), .limit,
        "training image limit must be at least 1, not 0"
      ),
      (
        TrainingOptions(optimizer: NetName.net1.defaultOptimizer, testLimit: 0), .testLimit,
        "test image limit must be at least 1, not 0"
      ),
      (
        TrainingOptions(optimizer: NetName.net1.defaultOptimizer, dropout: 1), .dropout,
        "dropout probability must be at least 0 and below 1, not 1"
      ),
      (decay, .learningRateDecay, "learning-rate decay must be above 0 and at most 1"),
    ] {
      XCTAssertThrowsError(try Trainer(model: m, options: options)) { error in
        XCTAssertEqual(error as? DigitKitError, DigitKitError(message, setting: setting))
        XCTAssertTrue(message.hasPrefix(setting.name))
      }
    }
  }

  /// One dropout check serves the layers, their specs and training's override.
  func testDropoutProbabilityCheck() {
    for p: Float in [0, 0.5, 0.999] { XCTAssertNoThrow(try Dropout.checkProbability(p)) }
    for p: Float in [-0.1, 1, 1.5, .nan] {
      XCTAssertThrowsError(try Dropout.checkProbability(p)) {
        XCTAssertEqual(($0 as? DigitKitError)?.setting, .dropout)
      }
    }
    var random = SeededGenerator(seed: 1)
    XCTAssertThrowsError(try LayerSpec(kind: .dropout2d, p: 1).makeLayer(random: &random)) {
      error in
      XCTAssertEqual(
        (error as? DigitKitError)?.message,
        "dropout2d: dropout probability must be at least 0 and below 1, not 1")
    }
  }

  func testUnfinishedModelCannotTrain() throws {
    let m = Model()
    try m.append(LayerSpec(kind: .flatten))
    try m.append(LayerSpec(kind: .linear, inputs: 784, outputs: 10))
    XCTAssertThrowsError(
      try Trainer(model: m, options: TrainingOptions(optimizer: NetName.net1.defaultOptimizer))
    ) {
      XCTAssert("\($0)".contains("logsoftmax"))
    }
  }

  /// `--until`: training stops after the first epoch whose test accuracy reaches the target.
  func testStopsOnceTheTargetAccuracyIsReached() throws {
    let model = Model.make(.net1, seed: 1)
    var options = TrainingOptions(
      epochs: 5, batchSize: 32, optimizer: NetName.net1.defaultOptimizer, limit: 3000)
    options.stopAtAccuracy = 50  // about 29% after one epoch, over 50% after two
    let trainer = try Trainer(model: model, options: options)
    let (history, cancelled) = trainer.train(on: Self.train, test: Self.test.prefix(500))
    XCTAssertFalse(cancelled)
    XCTAssertLessThan(history.count, 5)
    XCTAssertGreaterThanOrEqual(history.last!.testAccuracy, 50)
    XCTAssertTrue(history.dropLast().allSatisfy { $0.testAccuracy < 50 }, "\(history)")
    XCTAssertEqual(trainer.reachedEpoch, history.count)
    options.stopAtAccuracy = 100.5
    XCTAssertThrowsError(try options.validate()) {
      XCTAssertEqual(($0 as? DigitKitError)?.setting, .stopAtAccuracy)
    }
  }

  /// A one-cycle schedule and a per-epoch decay are two answers to one question.
  func testScheduleAndDecayDoNotMix() {
    var options = TrainingOptions(optimizer: NetName.net3.defaultOptimizer)
    options.learningRateSchedule = .onecycle
    options.learningRateDecay = 0.85
    XCTAssertThrowsError(try options.validate())
  }
}

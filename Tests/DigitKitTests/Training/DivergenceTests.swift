import DigitKit
import XCTest

/// Issue 19, defect 14: training whose loss becomes NaN stops, says so, and keeps good weights.
final class DivergenceTests: XCTestCase {
  static let train = try! MNIST.load(.train, from: repositoryData.appendingPathComponent("mnist"))
  static let test = try! MNIST.load(.test, from: repositoryData.appendingPathComponent("mnist"))

  func diverge() throws -> (trainer: Trainer, history: [EpochResult], initial: [Tensor]) {
    let model = Model.make(.net1)
    let initial = model.namedParameters.map(\.parameter.value)
    var options = TrainingOptions(
      epochs: 2, optimizer: OptimizerSettings(kind: .sgd, learningRate: 10, momentum: 0.5),
      limit: 2000, testLimit: 200)
    options.batchSize = 32
    let trainer = try Trainer(model: model, options: options)
    let (history, _) = trainer.train(on: Self.train, test: Self.test)
    return (trainer, history, initial)
  }

  /// `train --net net1 --lr 10 --limit 2000` ended with NaN weights and a NaN history that
  /// could not be saved ("EncodingError.invalidValue: -nan").
  func testDivergedRunKeepsTheLastGoodWeights() throws {
    let (trainer, history, initial) = try diverge()
    XCTAssert(history.allSatisfy { $0.trainLoss.isFinite && $0.testLoss.isFinite }, "\(history)")
    for (name, p) in trainer.model.namedParameters {
      XCTAssert(p.value.data.allSatisfy(\.isFinite), "\(name) holds NaN")
    }
    XCTAssertTrue(history.isEmpty, "epoch 1 diverged, so no epoch finished")
    XCTAssertEqual(
      trainer.model.namedParameters.map(\.parameter.value), initial,
      "the weights as of before epoch 1")
  }

  func testDivergenceIsReportedInOneLine() throws {
    let (trainer, _, _) = try diverge()
    let message = try XCTUnwrap(trainer.divergence).message
    XCTAssert(message.hasPrefix("training diverged at epoch 1, batch "), message)
    XCTAssert(
      message.hasSuffix(" (the loss is not a number); try a smaller learning rate"), message)
  }

  /// A momentum of 5 read from a checkpoint's metadata diverged the same way: settings from
  /// files are checked like typed ones.
  func testMomentumIsChecked() throws {
    let options = TrainingOptions(
      optimizer: OptimizerSettings(kind: .sgd, learningRate: 0.01, momentum: 5))
    XCTAssertThrowsError(try options.validate()) {
      XCTAssertEqual("\($0)", "momentum must be at least 0 and below 1, not 5.0")
    }
    var file = try Model.make(.net1).checkpoint(info: ModelInfo(net: "net1", training: options))
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: file.serialized()))) {
      XCTAssertEqual(
        "\($0)",
        "the training settings in the metadata are not valid: momentum must be at least 0 and below 1, not 5.0"
      )
    }
    var tooFast = options
    tooFast.optimizer = OptimizerSettings(kind: .sgd, learningRate: 100, momentum: 0.5)
    file = try Model.make(.net1).checkpoint(info: ModelInfo(net: "net1", training: tooFast))
    XCTAssertThrowsError(try Model.load(SafeTensors(bytes: file.serialized()))) {
      XCTAssertEqual(
        "\($0)",
        "the training settings in the metadata are not valid: learning rate must be above 0 and at most 10"
      )
    }
  }
}

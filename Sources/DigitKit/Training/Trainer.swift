import Foundation

/// Settings for one training run. Defaults are the reference's.
public struct TrainingOptions: Codable, Equatable, Sendable {
  public var epochs: Int = 1
  public var batchSize: Int = 32
  public var optimizer: OptimizerSettings
  public var seed: UInt64 = 1
  /// Train on the first `limit` training images only (quick demos).
  public var limit: Int?
  /// Overrides the drop probability of every dropout layer.
  public var dropout: Float?
  /// Test on the first `testLimit` test images only after each epoch (quick demos).
  public var testLimit: Int?
  /// Multiplies the learning rate by this after every epoch (e.g. 0.85), when set.
  public var learningRateDecay: Float?
  /// Random distortions of the training images, when set.
  public var augmentation: Augmentation?
  /// A learning rate that changes every step (its peak is `optimizer.learningRate`).
  public var learningRateSchedule: LearningRateSchedule?
  /// Stop after the first epoch whose test accuracy, in percent, reaches this (e.g. 99.3).
  public var stopAtAccuracy: Double?
  /// The named recipe these settings came from (`train --recipe fast`), when one was used.
  public var recipe: String?

  public init(
    epochs: Int = 1, batchSize: Int = 32, optimizer: OptimizerSettings, seed: UInt64 = 1,
    limit: Int? = nil, dropout: Float? = nil, testLimit: Int? = nil
  ) {
    self.epochs = epochs
    self.batchSize = batchSize
    self.optimizer = optimizer
    self.seed = seed
    self.limit = limit
    self.dropout = dropout
    self.testLimit = testLimit
  }

  /// The bounds a person may ask for; checked before any work starts. Throws a
  /// `DigitKitError` whose `setting` names the one out of bounds, its message starting with
  /// the setting's name: "batch size must be from 1 to 4096, not 0".
  public func validate() throws {
    guard (1...1000).contains(epochs) else {
      throw TrainingSetting.epochs.outOfRange("must be from 1 to 1000, not \(epochs)")
    }
    guard (1...4096).contains(batchSize) else {
      throw TrainingSetting.batchSize.outOfRange("must be from 1 to 4096, not \(batchSize)")
    }
    guard optimizer.learningRate > 0, optimizer.learningRate <= 10, optimizer.learningRate.isFinite
    else {
      throw TrainingSetting.learningRate.outOfRange("must be above 0 and at most 10")
    }
    if let limit, limit < 1 {
      throw TrainingSetting.limit.outOfRange("must be at least 1, not \(limit)")
    }
    if let testLimit, testLimit < 1 {
      throw TrainingSetting.testLimit.outOfRange("must be at least 1, not \(testLimit)")
    }
    guard optimizer.momentum >= 0, optimizer.momentum < 1 else {
      throw DigitKitError("momentum must be at least 0 and below 1, not \(optimizer.momentum)")
    }
    if let dropout { try Dropout.checkProbability(dropout) }
    if let d = learningRateDecay, !(d > 0 && d <= 1) {
      throw TrainingSetting.learningRateDecay.outOfRange("must be above 0 and at most 1")
    }
    if learningRateDecay != nil && learningRateSchedule != nil {
      throw TrainingSetting.learningRateDecay.outOfRange(
        "cannot be combined with a learning-rate schedule; use one or the other")
    }
    if let a = stopAtAccuracy, !(a > 0 && a <= 100) {
      throw TrainingSetting.stopAtAccuracy.outOfRange(
        "must be a test accuracy in percent, above 0 and at most 100, not \(String(format: "%g", a))"
      )
    }
  }
}

/// Trains a model with mini-batch gradient descent and reports events as it goes.
public final class Trainer {
  public let model: Model
  public let options: TrainingOptions
  private let optimizer: Optimizer
  private var random: SeededGenerator
  /// After `train(keepBest: true)`: the epoch whose weights were kept.
  public private(set) var keptEpoch: Int?
  /// After a `train` with `stopAtAccuracy`: the epoch whose test accuracy reached it.
  public private(set) var reachedEpoch: Int?
  /// Steps taken in this `train`, and how many it plans (for a schedule).
  private var step = 0
  private var plannedSteps = 1
  /// After a `train` whose loss stopped being a number: "training diverged at epoch 1, batch
  /// 12 (the loss is not a number); try a smaller learning rate". Training stopped there, and
  /// the weights are those from before that epoch.
  public private(set) var divergence: DigitKitError?

  public init(model: Model, options: TrainingOptions) throws {
    try options.validate()
    try Model.checkTakesMNIST(model.inputShape)
    guard model.isClassifier else {
      throw DigitKitError(
        "the model must end in logsoftmax with 10 outputs to train (it ends in \(describeShape(model.outputShape)))"
      )
    }
    self.model = model
    self.options = options
    if let p = options.dropout { model.setDropout(p) }
    model.random.generator = SeededGenerator(seed: options.seed &+ 0x5eed)
    optimizer = options.optimizer.make(for: model.namedParameters.map(\.parameter))
    random = SeededGenerator(seed: options.seed)
  }

  /// Runs `options.epochs` epochs, evaluating on `test` after each. Stops after the batch
  /// in progress when `cancel` is set; the weights keep everything learnt so far.
  ///
  /// With `watch`, the drawings are scored after every epoch (`watchCorrect`, `watchTotal`);
  /// with `keepBest` too, the weights of the epoch that scored best on them are kept at the end.
  ///
  /// When the loss stops being a number (a learning rate too large), training stops, the
  /// weights go back to those from before the epoch, and `divergence` says where.
  /// - Returns: one result per finished epoch, and whether training was cancelled.
  @discardableResult
  public func train(
    on trainSet: MNISTSet, test testSet: MNISTSet, firstEpoch: Int = 1,
    watch: LabelledDrawings? = nil, keepBest: Bool = false,
    cancel: CancellationToken = CancellationToken(),
    onEvent: (TrainingEvent) -> Void = { _ in }
  ) -> (history: [EpochResult], cancelled: Bool) {
    let data = options.limit.map { trainSet.prefix($0) } ?? trainSet
    let testSet = options.testLimit.map { testSet.prefix($0) } ?? testSet
    var order = Array(0..<data.count)
    var history: [EpochResult] = []
    var batch = Tensor()
    let lastEpoch = firstEpoch + options.epochs - 1
    var best: (correct: Int, epoch: Int, weights: [Tensor])? = nil
    step = 0
    plannedSteps = max(
      1, options.epochs * ((data.count + options.batchSize - 1) / options.batchSize))
    defer {
      // Restore the best epoch's weights, cancelled or not.
      if keepBest, let best {
        for (p, w) in zip(model.namedParameters.map(\.parameter), best.weights) { p.value = w }
        keptEpoch = best.epoch
      }
    }
    for epoch in firstEpoch...lastEpoch {
      if let decay = options.learningRateDecay {
        optimizer.learningRate =
          options.optimizer.learningRate * powf(decay, Float(epoch - firstEpoch))
      }
      let before = model.namedParameters.map(\.parameter.value)  // shared, copied by the first step
      func restoreBefore() {
        for (p, w) in zip(model.namedParameters.map(\.parameter), before) { p.value = w }
      }
      guard
        let totals = trainOneEpoch(
          data, order: &order, batch: &batch, epoch: epoch, lastEpoch: lastEpoch,
          cancel: cancel, onEvent: onEvent)
      else {
        if divergence != nil { restoreBefore() }
        return (history, divergence == nil)
      }
      guard model.namedParameters.allSatisfy({ $0.parameter.value.data.allSatisfy(\.isFinite) })
      else {
        divergence = Self.diverged(epoch: epoch, batch: totals.batches)
        restoreBefore()
        return (history, false)
      }
      onEvent(.testing(epoch: epoch, images: testSet.count))
      guard let test = Evaluator.evaluate(model, on: testSet, cancel: cancel) else {
        return (history, true)
      }
      var result = EpochResult(
        epoch: epoch, trainLoss: totals.lossSum / Double(max(totals.batches, 1)),
        trainCorrect: totals.correct, trainTotal: totals.seen, testLoss: test.loss,
        testCorrect: test.correct, testTotal: test.total, seconds: totals.seconds)
      if let watch {
        let score = Evaluator.evaluate(model, on: watch)
        result.watchCorrect = score.correct
        result.watchTotal = score.total
        if keepBest, score.correct > (best?.correct ?? -1) {
          best = (score.correct, epoch, model.namedParameters.map(\.parameter.value))
        }
      }
      history.append(result)
      onEvent(.epoch(result))
      if let target = options.stopAtAccuracy,
        Double(test.correct) * 100 >= target * Double(max(test.total, 1))
      {
        reachedEpoch = epoch
        break
      }
    }
    return (history, false)
  }

  /// The one line for a loss that is no longer a number.
  private static func diverged(epoch: Int, batch: Int) -> DigitKitError {
    DigitKitError(
      "training diverged at epoch \(epoch), batch \(batch) (the loss is not a number); try a smaller learning rate",
      setting: .learningRate)
  }

  /// Running totals of one epoch's training batches.
  private struct EpochTotals {
    var lossSum = 0.0, correct = 0, seen = 0, batches = 0
    var seconds = 0.0
  }

  /// One pass over `data` in a fresh random order, a training step per batch, reporting each
  /// batch; nil when cancelled, or diverged (then `divergence` says where), before the pass finished.
  private func trainOneEpoch(
    _ data: MNISTSet, order: inout [Int], batch: inout Tensor, epoch: Int, lastEpoch: Int,
    cancel: CancellationToken, onEvent: (TrainingEvent) -> Void
  ) -> EpochTotals? {
    order.shuffle(using: &random)
    let start = Date()
    var totals = EpochTotals()
    var first = 0
    while first < data.count {
      if cancel.isCancelled { return nil }
      let indices = order[first..<min(first + options.batchSize, data.count)]
      if let augmentation = options.augmentation {
        data.fillAugmented(
          &batch, indices: indices, augmentation: augmentation, seed: random.next())
      } else {
        data.fill(&batch, indices: indices)
      }
      let targets = indices.map { Int(data.labels[$0]) }
      let output = model.forward(batch, training: true)
      let (loss, gradient) = NLLLoss.lossAndGradient(output, targets: targets)
      guard loss.isFinite else {
        divergence = Self.diverged(epoch: epoch, batch: totals.batches + 1)
        return nil
      }
      totals.correct += Evaluator.countCorrect(output, targets: targets)
      model.backward(gradient)
      if let schedule = options.learningRateSchedule {
        let now = schedule.values(
          step: step, total: plannedSteps, peak: options.optimizer.learningRate)
        optimizer.learningRate = now.learningRate
        optimizer.momentum = now.momentum
      }
      optimizer.step()
      step += 1
      totals.lossSum += Double(loss)
      totals.batches += 1
      totals.seen += indices.count
      first += options.batchSize
      onEvent(
        .batch(
          BatchProgress(
            epoch: epoch, epochs: lastEpoch, done: totals.seen, total: data.count,
            runningLoss: totals.lossSum / Double(totals.batches),
            seconds: Date().timeIntervalSince(start))))
    }
    totals.seconds = Date().timeIntervalSince(start)
    return totals
  }
}

/// Accuracy and loss of a model on labelled images, in inference mode (no dropout).
public struct Evaluation: Sendable {
  public var correct: Int
  public var total: Int
  /// Mean negative log-likelihood per image.
  public var loss: Double
  /// The predicted digit per image.
  public var predictions: [Int]
  public var accuracy: Double { total > 0 ? 100 * Double(correct) / Double(total) : 0 }
}

public enum Evaluator {
  /// Images per inference batch: large enough for efficient GEMMs, small enough that
  /// Net3's activations stay around 100 MB.
  public static let batchSize = 250

  /// Images per batch for `model`: `batchSize`, or fewer when that many would not fit in the
  /// free memory (`MemoryBudget.inferenceBatchSize`); at least 1.
  public static func batchSize(for model: Model, available: Double? = MemoryBudget.availableBytes())
    -> Int
  {
    (try? MemoryBudget.inferenceBatchSize(
      "evaluating", model: model, preferred: batchSize, available: available)) ?? 1
  }

  /// Refuses, with one line, a model that cannot be run on even one image in the free memory
  /// ("evaluating m needs about 48.1 GB for one image but only 23.0 GB is free; …").
  public static func checkMemory(
    _ model: Model, name: String,
    available: Double? = MemoryBudget.availableBytes()
  ) throws {
    _ = try MemoryBudget.inferenceBatchSize(
      "evaluating \(name)", model: model, preferred: 1, available: available)
  }

  /// Runs `set` through `model` in batches of `batchSize(for:)`. Returns nil when cancelled.
  public static func evaluate(
    _ model: Model, on set: MNISTSet, indices: [Int]? = nil,
    cancel: CancellationToken? = nil
  ) -> Evaluation? {
    // Models from files are checked as they load (`Model.checkTakesMNIST`); this is the last guard.
    precondition(
      model.inputShape == Model.mnistInputShape,
      "evaluating a model that does not take MNIST digits")
    let all = indices ?? Array(0..<set.count)
    var batch = Tensor()
    var correct = 0
    var loss = 0.0
    var predictions: [Int] = []
    predictions.reserveCapacity(all.count)
    let size = batchSize(for: model)
    var first = 0
    while first < all.count {
      if cancel?.isCancelled == true { return nil }
      let chunk = all[first..<min(first + size, all.count)]
      set.fill(&batch, indices: chunk)
      let targets = chunk.map { Int(set.labels[$0]) }
      let output = model.forward(batch, training: false)
      loss += NLLLoss.summedLoss(output, targets: targets)
      let predicted = argmaxRows(output)
      predictions += predicted
      correct += zip(predicted, targets).filter { $0 == $1 }.count
      first += size
    }
    return Evaluation(
      correct: correct, total: all.count, loss: loss / Double(max(all.count, 1)),
      predictions: predictions)
  }

  /// The index of the largest value in each row of (B, K).
  public static func argmaxRows(_ t: Tensor) -> [Int] {
    let k = t.itemSize
    return (0..<t.batch).map { row in
      var best = 0
      for i in 1..<k where t.data[row * k + i] > t.data[row * k + best] { best = i }
      return best
    }
  }

  /// How many rows of (B, K) have their largest value at the target.
  public static func countCorrect(_ t: Tensor, targets: [Int]) -> Int {
    zip(argmaxRows(t), targets).filter { $0 == $1 }.count
  }
}

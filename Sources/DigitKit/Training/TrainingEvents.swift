import Foundation

/// Progress inside an epoch, sent after every batch.
public struct BatchProgress: Sendable {
  public var epoch: Int
  public var epochs: Int
  /// Images seen so far in this epoch, and in all.
  public var done: Int
  public var total: Int
  /// Mean training loss over this epoch's batches so far.
  public var runningLoss: Double
  public var seconds: Double
  public var imagesPerSecond: Double { seconds > 0 ? Double(done) / seconds : 0 }
}

/// What one epoch achieved. Field names are the JSON ones scripts rely on.
public struct EpochResult: Codable, Equatable, Sendable {
  public var epoch: Int
  public var trainLoss: Double
  public var trainCorrect: Int
  public var trainTotal: Int
  public var testLoss: Double
  public var testCorrect: Int
  public var testTotal: Int
  public var seconds: Double
  /// Score on a watched folder of drawings, when one is watched.
  public var watchCorrect: Int?
  public var watchTotal: Int?

  public init(
    epoch: Int, trainLoss: Double, trainCorrect: Int, trainTotal: Int, testLoss: Double,
    testCorrect: Int, testTotal: Int, seconds: Double, watchCorrect: Int? = nil,
    watchTotal: Int? = nil
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.trainCorrect = trainCorrect
    self.trainTotal = trainTotal
    self.testLoss = testLoss
    self.testCorrect = testCorrect
    self.testTotal = testTotal
    self.seconds = seconds
    self.watchCorrect = watchCorrect
    self.watchTotal = watchTotal
  }

  enum CodingKeys: String, CodingKey {
    case epoch
    case trainLoss = "train_loss"
    case trainCorrect = "train_correct"
    case trainTotal = "train_total"
    case testLoss = "test_loss"
    case testCorrect = "test_correct"
    case testTotal = "test_total"
    case seconds
    case watchCorrect = "watch_correct"
    case watchTotal = "watch_total"
  }

  /// Test accuracy in percent.
  public var testAccuracy: Double {
    testTotal > 0 ? 100 * Double(testCorrect) / Double(testTotal) : 0
  }
  /// Training accuracy in percent (with dropout active, as measured during the epoch).
  public var trainAccuracy: Double {
    trainTotal > 0 ? 100 * Double(trainCorrect) / Double(trainTotal) : 0
  }
}

/// Sent by `Trainer` as training goes.
public enum TrainingEvent: Sendable {
  /// After every training batch.
  case batch(BatchProgress)
  /// After an epoch's last batch, before its test: epoch number and test images to score.
  case testing(epoch: Int, images: Int)
  /// When an epoch is tested.
  case epoch(EpochResult)
}

/// A flag that asks training (or evaluation) to stop at the next batch.
///
/// `@unchecked Sendable` because it is shared across threads by design: the training loop
/// asks `isCancelled` while another thread (or a signal handler's flag, through
/// `externalRequest`) asks it to stop. Every stored property is read and written under `lock`.
public final class CancellationToken: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var request: (() -> Bool)?
  /// Also asked by `isCancelled`, e.g. a flag a signal handler sets (DigitShell's Ctrl-C).
  public var externalRequest: (() -> Bool)? {
    get {
      lock.lock()
      defer { lock.unlock() }
      return request
    }
    set {
      lock.lock()
      request = newValue
      lock.unlock()
    }
  }
  public init() {}
  public func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }
  public func reset() {
    lock.lock()
    cancelled = false
    lock.unlock()
  }
  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    if !cancelled, request?() == true { cancelled = true }
    return cancelled
  }
}

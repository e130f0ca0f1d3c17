/// Where a training run is, for `ProgressLine.render`.
public struct ProgressInfo: Sendable, Equatable {
  /// Current epoch, counted from 1.
  public var epoch: Int
  /// Epochs in the run.
  public var epochs: Int
  /// Images of this epoch done so far.
  public var done: Int
  /// Images in one epoch.
  public var total: Int
  /// Training speed; NaN or negative when unknown.
  public var imagesPerSecond: Double
  /// Estimated seconds left in this epoch; NaN or negative when unknown.
  public var etaSeconds: Double
  /// Mean loss over the epoch so far; NaN when unknown.
  public var runningLoss: Double

  /// Creates a progress snapshot.
  public init(
    epoch: Int, epochs: Int, done: Int, total: Int, imagesPerSecond: Double = .nan,
    etaSeconds: Double = .nan, runningLoss: Double = .nan
  ) {
    self.epoch = epoch
    self.epochs = epochs
    self.done = done
    self.total = total
    self.imagesPerSecond = imagesPerSecond
    self.etaSeconds = etaSeconds
    self.runningLoss = runningLoss
  }
}

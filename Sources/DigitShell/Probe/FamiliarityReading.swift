import DigitKit
import Foundation

/// Builds a net's familiarity gauge a batch at a time: first the last hidden layer of the
/// 60,000 training digits (the table `why` uses, from the session's cache when it is
/// there), then the scores of the first 1000 MNIST test digits against it, 100 per step.
/// Both end up in the session's `HiddenFeatureCache`, so the second use is instant.
final class GaugeReading: Stepwise {
  let model: Model
  let depth: Int
  private let training: TableReading
  private let test: MNISTSet
  private let cache: HiddenFeatureCache
  private let sample: Int
  private var scores: [Float] = []
  private(set) var gauge: FamiliarityGauge?

  /// Test digits scored per step: 100 × 60000 similarities (24 MB) at a time.
  static let chunk = 100

  init(_ model: Model, depth: Int, train: MNISTSet, test: MNISTSet, cache: HiddenFeatureCache) {
    self.model = model
    self.depth = depth
    self.test = test
    self.cache = cache
    sample = min(FamiliarityCalibration.sampleSize, test.count)
    training = TableReading(model, depth: depth, images: train, cache: cache)
    if let table = training.table, let calibration = cache.calibration(model, depth: depth) {
      gauge = FamiliarityGauge(model: model, depth: depth, table: table, calibration: calibration)
    }
  }

  /// Training digits read plus test digits scored, of all of them.
  var progress: (done: Int, total: Int) {
    let table = training.progress
    let scored = gauge == nil ? scores.count : sample
    return (table.done + scored, table.total + sample)
  }

  func step() -> Bool {
    if gauge != nil { return true }
    guard let table = training.table else {
      _ = training.step()
      return false
    }
    let first = scores.count
    let last = min(first + Self.chunk, sample)
    var batch = Tensor()
    test.fill(&batch, indices: ArraySlice(first..<last))
    let rows = model.forward(batch, training: false, upTo: depth).data
    // An all-zero layer is like nothing: it scores 0.
    scores += FamiliarityGauge.scores(of: rows, last - first, in: table).map { $0 ?? 0 }
    guard scores.count == sample else { return false }
    let calibration = FamiliarityCalibration(scores: scores)
    cache.store(calibration, for: model, depth: depth)
    gauge = FamiliarityGauge(model: model, depth: depth, table: table, calibration: calibration)
    return true
  }

  /// The reading for `model` in `session`, or nil when the gauge cannot work for it: no
  /// hidden layer before its last linear layer, a layer wider than `widestLayer`, or no
  /// MNIST files to compare with.
  static func start(_ model: Model, in session: Session) -> GaugeReading? {
    guard let depth = HiddenLayer.depth(of: model),
      HiddenLayer.size(model, depth: depth) <= FamiliarityGauge.widestLayer,
      let train = try? session.mnist(.train), let test = try? session.mnist(.test)
    else { return nil }
    return GaugeReading(
      model, depth: depth, train: train, test: test, cache: session.hiddenFeatures)
  }

  /// The gauge for `model`, read now with a progress bar on first use (Ctrl-C stops it: an
  /// error); nil when the gauge cannot work for the model (see `start`).
  static func gauge(_ model: Model, name: String, in session: Session, announce: Bool = true)
    throws -> FamiliarityGauge?
  {
    guard let reading = start(model, in: session) else { return nil }
    if let gauge = reading.gauge { return gauge }
    let note =
      "Reading the \(grouped(reading.training.images.count)) training images and "
      + "\(grouped(reading.sample)) test images through \(name) to see how familiar a drawing "
      + "is (once per model per session)..."
    try reading.runToEnd(
      note: announce ? note : nil, stopped: "the familiarity gauge was ready", in: session)
    return reading.gauge
  }
}

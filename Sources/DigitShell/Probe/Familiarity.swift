import DigitKit
import Foundation

/// How familiar an image is to a net: has it ever seen anything like it?
///
/// The score is the mean cosine similarity of the image's `k` nearest MNIST training digits
/// in the net's last hidden layer (the layer `why` looks in), with k = 10:
///
///     score = (1/k) Σᵢ cos(h(image), h(trainᵢ)),  i over the k most similar training digits
///
/// The mean of ten is steadier than the single nearest, which one odd training digit can
/// set; ten is still few enough that a drawing like one small group of training digits
/// counts as familiar. After ReLU the activations are ≥ 0, so the score runs 0…1 (1: ten
/// training digits with exactly its pattern).
///
/// A score means nothing on its own (each net spreads its digits differently), so it is
/// read against the same score of MNIST test digits through the same net
/// (`FamiliarityCalibration`): the percentile says how many of them are less familiar.
public struct Familiarity: Equatable, Sendable {
  /// How many nearest training digits the score averages.
  public static let neighbours = 10

  /// Mean cosine similarity of the `neighbours` nearest training digits (0…1 after ReLU).
  public let score: Float
  /// Percent (0…100) of the MNIST test sample with a lower score.
  public let percentile: Double
  public let verdict: Verdict

  public init(score: Float, percentile: Double, verdict: Verdict) {
    self.score = score
    self.percentile = percentile
    self.verdict = verdict
  }

  /// Where the score falls among MNIST test digits read by the same net.
  public enum Verdict: String, Sendable, Codable {
    /// At or above the 10th percentile: 90% of MNIST test digits are no more familiar.
    case familiar
    /// From the 1st to the 10th percentile: as odd as the oddest tenth of MNIST test digits.
    case unusual
    /// Below the 1st percentile: odder than 99% of MNIST test digits.
    case unlike
  }

  /// The score of a list of nearest neighbours: their mean similarity; nil when there are
  /// none (an all-zero hidden layer is like nothing).
  static func score(_ nearest: [Neighbour]) -> Float? {
    guard !nearest.isEmpty else { return nil }
    return nearest.reduce(0) { $0 + $1.similarity } / Float(nearest.count)
  }
}

/// The familiarity scores of a fixed sample of MNIST test digits (the first 1000) through
/// one net, sorted, and the lines that turn a score into words: below the 10th percentile a
/// drawing is `unusual`, below the 1st `unlike` anything the net was trained on.
///
/// Calibrated per net: a wide layer (Net3's 256) gives higher cosines than a narrow one
/// (Net1's 120 after pooling), so one fixed number cannot serve every model.
public struct FamiliarityCalibration: Sendable {
  /// How many MNIST test digits (the first ones, so every run and every net uses the same).
  public static let sampleSize = 1000
  /// The percentiles of the lines between familiar, unusual and unlike.
  public static let unusualPercentile = 10
  public static let unlikePercentile = 1

  /// The sample's scores, ascending.
  public let scores: [Float]

  public init(scores: [Float]) { self.scores = scores.filter(\.isFinite).sorted() }

  /// Percent (0…100) of the sample scoring below `score`.
  public func percentile(of score: Float) -> Double {
    guard !scores.isEmpty else { return 100 }
    var low = 0
    var high = scores.count
    while low < high {
      let middle = (low + high) / 2
      if scores[middle] < score { low = middle + 1 } else { high = middle }
    }
    return 100 * Double(low) / Double(scores.count)
  }

  /// The score with `percent`% of the sample below it (the p-th percentile).
  public func line(_ percent: Int) -> Float {
    guard !scores.isEmpty else { return 0 }
    return scores[min(scores.count - 1, scores.count * percent / 100)]
  }

  /// Scores below this are `unusual` (or `unlike`).
  public var unusualLine: Float { line(Self.unusualPercentile) }
  /// Scores below this are `unlike` anything the net was trained on.
  public var unlikeLine: Float { line(Self.unlikePercentile) }

  public func verdict(for score: Float) -> Familiarity.Verdict {
    if score < unlikeLine { return .unlike }
    return score < unusualLine ? .unusual : .familiar
  }

  /// The score read against the sample.
  public func familiarity(_ score: Float) -> Familiarity {
    Familiarity(score: score, percentile: percentile(of: score), verdict: verdict(for: score))
  }
}

/// One net's familiarity gauge: the last hidden layer of its 60,000 training digits and its
/// calibration on MNIST test digits.
struct FamiliarityGauge {
  let model: Model
  let depth: Int
  let table: UnitRows
  let calibration: FamiliarityCalibration

  /// Widest last hidden layer the gauge reads: its table is 60000 × this many floats
  /// (4096: 983 MB). Net3's is 256 (61 MB).
  static let widestLayer = 4096

  /// How familiar one image (28×28 ink 0…1) is; nil when its hidden layer is all zeros.
  func measure(_ image: [Float]) -> Familiarity? {
    let query = HiddenLayer.features(of: image, model: model, depth: depth)
    let near = NearestNeighbours.nearest(to: query, in: table, k: Familiarity.neighbours)
    return Familiarity.score(near).map { calibration.familiarity($0) }
  }

  /// The scores of many images, 100 at a time (each chunk's product is 100 × 60000 floats).
  func scores(_ images: [[Float]]) -> [Float?] {
    stride(from: 0, to: images.count, by: 100).flatMap { first in
      let chunk = Array(images[first..<min(first + 100, images.count)])
      let rows = HiddenLayer.features(of: chunk, model: model, depth: depth)
      return Self.scores(of: rows, chunk.count, in: table)
    }
  }

  /// The score of each of `count` hidden-layer rows (`rows`: count × table.dimension).
  static func scores(of rows: [Float], _ count: Int, in table: UnitRows) -> [Float?] {
    guard count > 0 else { return [] }
    let queries = UnitRows(rows: rows, dimension: rows.count / count)
    return NearestNeighbours.nearest(toRows: queries, in: table, k: Familiarity.neighbours)
      .map(Familiarity.score)
  }
}

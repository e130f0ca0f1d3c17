import DigitKit
import Foundation

/// A classifier's last hidden layer: the activations just before its final linear layer
/// (for Net2, the 50 numbers after fc1, ReLU and dropout that feed fc2).
enum HiddenLayer {
  /// How many layers run before the final linear layer (`model.forward(x, upTo: depth)`),
  /// or nil when the model has no linear layer after some other layer.
  static func depth(of model: Model) -> Int? {
    guard let last = model.layers.lastIndex(where: { $0.spec.kind == .linear }), last > 0 else {
      return nil
    }
    return last
  }

  /// How many numbers the layer holds per image (Net3: 256).
  static func size(_ model: Model, depth: Int) -> Int { model.shapes[depth - 1].reduce(1, *) }

  /// "the 50 activations that feed fc2".
  static func describe(_ model: Model, depth: Int) -> String {
    let size = size(model, depth: depth)
    let name = model.layers[depth].spec.name ?? "the last linear layer"
    return "the \(size) activations that feed \(name)"
  }

  /// The last hidden layer of one preprocessed image (28×28 ink 0…1).
  static func features(of image: [Float], model: Model, depth: Int) -> [Float] {
    model.forward(Preprocess.tensor(image), training: false, upTo: depth).data
  }

  /// The layer for many images at once: images.count rows of `size` numbers.
  static func features(of images: [[Float]], model: Model, depth: Int) -> [Float] {
    model.forward(batch(images), training: false, upTo: depth).data
  }

  /// Images (28×28 ink 0…1 each) as one normalised batch, (n, 1, 28, 28), as `Preprocess.tensor`.
  static func batch(_ images: [[Float]]) -> Tensor {
    let side = Preprocess.side
    var data: [Float] = []
    data.reserveCapacity(images.count * side * side)
    for image in images { data += image.map { ($0 - MNIST.mean) / MNIST.std } }
    return Tensor(shape: [images.count, 1, side, side], data: data)
  }
}

/// The last hidden layer of all training images, worked out once per model as it is now
/// (the rule of `ModelCache`: a model trained further is read again), and the familiarity
/// gauge's calibration for that model (`FamiliarityCalibration`), kept by the same rule.
final class HiddenFeatureCache {
  /// At most this many models' tables are kept (Net3's is 60000×256 floats, 61 MB).
  static let capacity = 3

  private let tables = ModelCache<Int, UnitRows>(capacity: capacity)
  private let calibrations = ModelCache<Int, FamiliarityCalibration>(capacity: capacity)

  /// The cached table for `model` up to layer `depth`, if its weights have not changed since.
  func cached(_ model: Model, depth: Int) -> UnitRows? { tables.value(for: model, key: depth) }

  /// The cached calibration for `model` up to layer `depth`, if its weights have not changed.
  func calibration(_ model: Model, depth: Int) -> FamiliarityCalibration? {
    calibrations.value(for: model, key: depth)
  }

  func store(_ table: UnitRows, for model: Model, depth: Int) {
    tables.store(table, for: model, key: depth)
  }

  func store(_ calibration: FamiliarityCalibration, for model: Model, depth: Int) {
    calibrations.store(calibration, for: model, key: depth)
  }
}

/// Reads a set of images through a model up to its last hidden layer, one batch per step
/// (up to 1000 images: big matrix products, which BLAS likes; fewer when memory is short),
/// in inference mode; the finished table goes into the cache. A table already cached is
/// finished from the start.
final class TableReading: Stepwise {
  let model: Model
  let depth: Int
  let images: MNISTSet
  private let cache: HiddenFeatureCache
  private let batchSize: Int
  private var rows: [Float] = []
  private var done = 0
  /// The table, once every image is read.
  private(set) var table: UnitRows?

  init(_ model: Model, depth: Int, images: MNISTSet, cache: HiddenFeatureCache) {
    self.model = model
    self.depth = depth
    self.images = images
    self.cache = cache
    batchSize =
      (try? MemoryBudget.inferenceBatchSize(
        "reading the training images", model: model, preferred: 1000)) ?? 1
    table = cache.cached(model, depth: depth)
    if table != nil { done = images.count }
  }

  var progress: (done: Int, total: Int) { (done, images.count) }

  func step() -> Bool {
    if table != nil { return true }
    if done == 0 { rows.reserveCapacity(images.count * HiddenLayer.size(model, depth: depth)) }
    let last = min(done + batchSize, images.count)
    var batch = Tensor()
    images.fill(&batch, indices: ArraySlice(done..<last))
    rows += model.forward(batch, training: false, upTo: depth).data
    done = last
    guard done == images.count else { return false }
    let finished = UnitRows(rows: rows, dimension: HiddenLayer.size(model, depth: depth))
    rows = []
    cache.store(finished, for: model, depth: depth)
    table = finished
    return true
  }
}

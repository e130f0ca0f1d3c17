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

  /// "the 50 activations that feed fc2".
  static func describe(_ model: Model, depth: Int) -> String {
    let size = model.shapes[depth - 1].reduce(1, *)
    let name = model.layers[depth].spec.name ?? "the last linear layer"
    return "the \(size) activations that feed \(name)"
  }

  /// The last hidden layer of one preprocessed image (28×28 ink 0…1).
  static func features(of image: [Float], model: Model, depth: Int) -> [Float] {
    model.forward(Preprocess.tensor(image), training: false, upTo: depth).data
  }
}

/// The last hidden layer of all training images, worked out once per model as it is now
/// (the rule of `ModelCache`: a model trained further is read again).
final class HiddenFeatureCache {
  /// At most this many models' tables are kept (Net3's is 60000×256 floats, 61 MB).
  static let capacity = 3

  private let tables = ModelCache<Int, UnitRows>(capacity: capacity)

  /// The cached table for `model` up to layer `depth`, if its weights have not changed since.
  func cached(_ model: Model, depth: Int) -> UnitRows? { tables.value(for: model, key: depth) }

  /// The table for `model` over `images`, from the cache or computed in batches of 1000.
  /// Returns nil when `cancel` is set between batches (nothing is cached then).
  /// `progress(done, total)` follows the reading, batch by batch.
  func table(
    for model: Model, depth: Int, images: MNISTSet, cancel: CancellationToken,
    progress: (Int, Int) -> Void = { _, _ in }
  ) -> UnitRows? {
    if let table = cached(model, depth: depth) { return table }
    guard
      let table = Self.compute(
        model, depth: depth, images: images, cancel: cancel, progress: progress)
    else {
      return nil
    }
    tables.store(table, for: model, key: depth)
    return table
  }

  /// Batched forward passes (1000 images each: big matrix products, which BLAS likes) up to
  /// the last hidden layer, in inference mode.
  static func compute(
    _ model: Model, depth: Int, images: MNISTSet, cancel: CancellationToken,
    progress: (Int, Int) -> Void = { _, _ in }
  ) -> UnitRows? {
    let dimension = model.shapes[depth - 1].reduce(1, *)
    var rows: [Float] = []
    rows.reserveCapacity(images.count * dimension)
    var batch = Tensor()
    var first = 0
    while first < images.count {
      if cancel.isCancelled { return nil }
      let last = min(first + 1000, images.count)
      images.fill(&batch, indices: ArraySlice(first..<last))
      rows += model.forward(batch, training: false, upTo: depth).data
      first = last
      progress(first, images.count)
    }
    return UnitRows(rows: rows, dimension: dimension)
  }
}

import DigitKit
import Foundation

/// A classifier's last hidden layer: the activations just before its final linear layer
/// (for Net2, the 50 numbers after fc1, ReLU and dropout that feed fc2).
enum HiddenLayer {
  /// How many layers run before the final linear layer (`model.forward(x, upTo: depth)`),
  /// or nil when the model has no linear layer after some other layer.
  static func depth(of model: Model) -> Int? {
    guard let last = model.layers.lastIndex(where: { $0.spec.kind == .linear }), last > 0 else { return nil }
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

/// The last hidden layer of all training images, worked out once per model per session.
///
/// Entries hold their model weakly, so a model the session forgets takes its entry with it,
/// and remember a fingerprint of the weights, so a model trained further is read again.
final class HiddenFeatureCache {
  nonisolated(unsafe) static let shared = HiddenFeatureCache()
  /// At most this many models' tables are kept (Net3's is 60000×256 floats, 61 MB).
  static let capacity = 3

  private struct Entry {
    weak var model: Model?
    let fingerprint: UInt64
    let table: UnitRows
  }
  private var entries: [Entry] = []

  /// The cached table for `model`, if its weights have not changed since.
  func cached(_ model: Model) -> UnitRows? {
    entries.removeAll { $0.model == nil }
    let print = Self.fingerprint(model)
    return entries.first { $0.model === model && $0.fingerprint == print }?.table
  }

  /// The table for `model` over `images`, from the cache or computed in batches of 1000.
  /// Returns nil when `cancel` is set between batches (nothing is cached then).
  func table(for model: Model, depth: Int, images: MNISTSet, cancel: CancellationToken) -> UnitRows? {
    if let table = cached(model) { return table }
    guard let table = Self.compute(model, depth: depth, images: images, cancel: cancel) else { return nil }
    entries.removeAll { $0.model === model }
    entries.append(Entry(model: model, fingerprint: Self.fingerprint(model), table: table))
    if entries.count > Self.capacity { entries.removeFirst() }
    return table
  }

  /// Batched forward passes (1000 images each: big matrix products, which BLAS likes) up to
  /// the last hidden layer, in inference mode.
  static func compute(_ model: Model, depth: Int, images: MNISTSet, cancel: CancellationToken) -> UnitRows? {
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
    }
    return UnitRows(rows: rows, dimension: dimension)
  }

  /// FNV-1a over the bits of every weight: changes whenever training changes a weight.
  static func fingerprint(_ model: Model) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for (_, parameter) in model.namedParameters {
      for value in parameter.value.data {
        hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01b3
      }
    }
    return hash
  }
}

import DigitKit

/// Answers worked out from a model (its test-set predictions, its last hidden layer over the
/// training set), kept only while the model is as it was when they were worked out.
///
/// The one rule for every cache of a model's answers: an entry holds its model weakly, so a
/// model the session forgets (or replaces with `new`, `load`) takes its entry with it, and it
/// remembers a fingerprint of the layers and weights, so a model trained, fine-tuned or
/// popped since is read again.
final class ModelCache<Key: Hashable, Value> {
  private struct Entry {
    weak var model: Model?
    let key: Key
    let fingerprint: UInt64
    let value: Value
  }
  private var entries: [Entry] = []
  /// At most this many entries are kept; the oldest goes first.
  let capacity: Int

  init(capacity: Int) { self.capacity = capacity }

  /// The value kept for `model` and `key`, if the model has not changed since.
  func value(for model: Model, key: Key) -> Value? {
    entries.removeAll { $0.model == nil }
    let print = Self.fingerprint(model)
    return entries.first { $0.model === model && $0.key == key && $0.fingerprint == print }?.value
  }

  /// Keeps `value` for `model` as it is now, replacing what was kept for it under `key`.
  func store(_ value: Value, for model: Model, key: Key) {
    entries.removeAll { $0.model == nil || ($0.model === model && $0.key == key) }
    entries.append(
      Entry(model: model, key: key, fingerprint: Self.fingerprint(model), value: value))
    if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
  }

  /// FNV-1a over the layer list and the bits of every weight: changes whenever a layer is
  /// added or removed or training changes a weight.
  static func fingerprint(_ model: Model) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ word: UInt64) { hash = (hash ^ word) &* 0x0000_0100_0000_01b3 }
    mix(UInt64(model.layers.count))
    for layer in model.layers {
      for byte in layer.spec.summary.utf8 { mix(UInt64(byte)) }
    }
    for (_, parameter) in model.namedParameters {
      for value in parameter.value.data { mix(UInt64(value.bitPattern)) }
    }
    return hash
  }
}

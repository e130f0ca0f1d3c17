/// A reusable float buffer for hot loops: grows when asked for more, never shrinks,
/// so steady-state training allocates nothing per batch.
final class ScratchBuffer {
  private(set) var pointer: UnsafeMutablePointer<Float>
  private(set) var capacity: Int

  init(capacity: Int = 0) {
    self.capacity = max(capacity, 1)
    pointer = .allocate(capacity: self.capacity)
  }

  deinit { pointer.deallocate() }

  /// At least `count` floats (contents unspecified after growing).
  func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
    if count > capacity {
      pointer.deallocate()
      capacity = count
      pointer = .allocate(capacity: count)
    }
    return pointer
  }

  /// At least `count` floats, all zero.
  func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
    let p = reserve(count)
    p.update(repeating: 0, count: count)
    return p
  }
}

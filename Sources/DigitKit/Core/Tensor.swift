/// A dense float32 tensor: a flat row-major buffer and its shape.
///
/// The first dimension is the batch wherever a tensor flows between layers:
/// `(B, C, H, W)` for images and feature maps, `(B, F)` for feature vectors.
public struct Tensor: Equatable, Sendable {
  /// Extent of each dimension, outermost first.
  public var shape: [Int]
  /// `shape.reduce(1, *)` values, row-major (the last dimension varies fastest).
  public var data: [Float]

  /// A tensor of zeros.
  public init(zeros shape: [Int]) {
    self.shape = shape
    self.data = [Float](repeating: 0, count: shape.reduce(1, *))
  }

  /// Wraps `data`; `data.count` must equal the product of `shape`.
  public init(shape: [Int], data: [Float]) {
    precondition(
      shape.reduce(1, *) == data.count, "Tensor: \(data.count) values for shape \(shape)")
    self.shape = shape
    self.data = data
  }

  /// An empty placeholder (shape `[0]`).
  public init() {
    self.shape = [0]
    self.data = []
  }

  /// Number of values.
  public var count: Int { data.count }

  /// Size of the batch dimension.
  public var batch: Int { shape.first ?? 0 }

  /// Values per batch item (the product of all dimensions but the first).
  public var itemSize: Int { shape.dropFirst().reduce(1, *) }

  /// Makes the tensor `shape`-shaped, keeping the buffer (and its stale values) when the size
  /// is unchanged: for outputs that are about to be overwritten in full.
  public mutating func reuse(shape: [Int]) {
    let n = shape.reduce(1, *)
    self.shape = shape
    if data.count != n { data = [Float](repeating: 0, count: n) }
  }
}

/// Formats a per-sample shape the way the lessons print it, e.g. `32×24×24`.
public func describeShape(_ shape: [Int]) -> String {
  shape.map(String.init).joined(separator: "×")
}

import DigitKit

/// Feature vectors, one per row, each scaled to unit length so that a dot product is the
/// cosine similarity
///
///     cos(a, b) = a · b / (‖a‖ ‖b‖)
///
/// Cosine compares the *pattern* of which hidden units fire and ignores overall strength,
/// which bolder or fainter strokes change. A row of zeros stays zeros (similar to nothing).
public struct UnitRows: Sendable {
  public let count: Int
  public let dimension: Int
  /// count×dimension values, row by row, each row of length 1 or 0.
  public let values: [Float]

  /// Normalises `rows` (count×dimension values, row by row).
  public init(rows: [Float], dimension: Int) {
    precondition(
      dimension > 0 && rows.count % dimension == 0,
      "UnitRows: \(rows.count) values in rows of \(dimension)")
    self.dimension = dimension
    count = rows.count / dimension
    var scaled = rows
    for r in 0..<count {
      let range = (r * dimension)..<((r + 1) * dimension)
      let length = Self.length(rows[range])
      if length > 0 { for i in range { scaled[i] /= length } }
    }
    values = scaled
  }

  /// ‖v‖ = √(Σ vᵢ²).
  public static func length<C: Collection>(_ v: C) -> Float where C.Element == Float {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
  }
}

/// One training image near a drawing: its index and its cosine similarity (−1…1, 1 = same direction).
public struct Neighbour: Equatable, Sendable {
  public let index: Int
  public let similarity: Float
  public init(index: Int, similarity: Float) {
    self.index = index
    self.similarity = similarity
  }
}

/// Ranks the rows of a table by cosine similarity to a query.
public enum NearestNeighbours {
  /// The `k` rows most similar to `query`, best first; on equal similarity the lower index
  /// first. Empty when the query is all zeros (its direction is undefined).
  public static func nearest(to query: [Float], in table: UnitRows, k: Int) -> [Neighbour] {
    guard query.count == table.dimension, k > 0 else { return [] }
    let length = UnitRows.length(query)
    guard length > 0 else { return [] }
    return top(k, of: similarities(query.map { $0 / length }, table))
  }

  /// For every row of `queries` (already unit length), its `k` nearest rows of `table`, best
  /// first; an all-zero query gets none. One matrix product (queries × table rows), so keep
  /// `queries` to a few hundred rows: the product holds queries.count × table.count floats.
  public static func nearest(toRows queries: UnitRows, in table: UnitRows, k: Int)
    -> [[Neighbour]]
  {
    guard queries.dimension == table.dimension, k > 0, table.count > 0 else {
      return Array(repeating: [], count: queries.count)
    }
    let scores = similarities(queries.values, table)
    return (0..<queries.count).map { q in
      let row = queries.values[(q * queries.dimension)..<((q + 1) * queries.dimension)]
      guard row.contains(where: { $0 != 0 }) else { return [] }
      return top(k, of: Array(scores[(q * table.count)..<((q + 1) * table.count)]))
    }
  }

  /// s_qr = u_q · rowᵣ for every unit query q (count × d values, row by row) and every row r
  /// of the table, as one matrix product (m×d times d×count) in BLAS; m×count scores, row by row.
  static func similarities(_ unitQueries: [Float], _ table: UnitRows) -> [Float] {
    let m = unitQueries.count / table.dimension
    var scores = [Float](repeating: 0, count: m * table.count)
    unitQueries.withUnsafeBufferPointer { q in
      table.values.withUnsafeBufferPointer { rows in
        scores.withUnsafeMutableBufferPointer { out in
          guard let q = q.baseAddress, let rows = rows.baseAddress, let out = out.baseAddress else {
            return
          }
          BLAS.gemm(
            transposeB: true, m: m, n: table.count, k: table.dimension,
            a: q, lda: table.dimension, b: rows, ldb: table.dimension, beta: 0, c: out,
            ldc: table.count)
        }
      }
    }
    return scores
  }

  /// The `k` largest scores, best first, lower index first on ties: one pass keeping a
  /// short sorted list, O(count · k).
  public static func top(_ k: Int, of scores: [Float]) -> [Neighbour] {
    var best: [Neighbour] = []
    for (index, score) in scores.enumerated() where score.isFinite {
      if best.count == k, let last = best.last, score <= last.similarity { continue }
      let position = best.firstIndex { score > $0.similarity } ?? best.count
      best.insert(Neighbour(index: index, similarity: score), at: position)
      if best.count > k { best.removeLast() }
    }
    return best
  }
}

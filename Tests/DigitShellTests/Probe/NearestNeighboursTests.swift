import DigitKit
import DigitShell
import XCTest

/// Ranking by cosine similarity, against hand-worked cases and a plain-Swift reference.
final class NearestNeighboursTests: XCTestCase {
  func testRowsAreScaledToUnitLengthAndZeroRowsStayZero() {
    let table = UnitRows(rows: [3, 4, 0, 0], dimension: 2)
    XCTAssertEqual(table.count, 2)
    XCTAssertEqual(table.values, [0.6, 0.8, 0, 0])
  }

  func testRanksByAngleNotByLength() {
    // cos with (1, 0): row 0 is 1, row 3 is 2/√4.01 ≈ 0.99875, row 2 is 1/√2, row 1 is 0, row 4 is −1.
    let table = UnitRows(rows: [1, 0, 0, 1, 1, 1, 2, 0.1, -1, 0], dimension: 2)
    let best = NearestNeighbours.nearest(to: [5, 0], in: table, k: 3)
    XCTAssertEqual(best.map(\.index), [0, 3, 2])
    XCTAssertEqual(best[0].similarity, 1, accuracy: 1e-6)
    XCTAssertEqual(best[1].similarity, 2 / Float(4.01).squareRoot(), accuracy: 1e-6)
    XCTAssertEqual(best[2].similarity, 1 / Float(2).squareRoot(), accuracy: 1e-6)
    XCTAssertEqual(
      NearestNeighbours.nearest(to: [1, 0], in: table, k: 9).map(\.index), [0, 3, 2, 1, 4])
  }

  func testTiesGoToTheLowerIndexAndZeroQueriesFindNothing() {
    let table = UnitRows(rows: [0, 1, 1, 0, 2, 0], dimension: 2)
    XCTAssertEqual(NearestNeighbours.nearest(to: [1, 0], in: table, k: 2).map(\.index), [1, 2])
    XCTAssertEqual(NearestNeighbours.nearest(to: [0, 0], in: table, k: 2), [])
    XCTAssertEqual(
      NearestNeighbours.nearest(to: [1, 0, 0], in: table, k: 2), [], "wrong dimension")
    XCTAssertEqual(NearestNeighbours.top(2, of: [0.5, .nan, 0.7, 0.5]).map(\.index), [2, 0])
  }

  func testAgreesWithAPlainSwiftReference() {
    var random = SeededGenerator(seed: 7)
    let count = 300
    let dimension = 13
    let rows = (0..<(count * dimension)).map { _ in max(0, random.nextFloat(in: -1, 1)) }
    let query = (0..<dimension).map { _ in max(0, random.nextFloat(in: -1, 1)) }
    func cosine(_ r: Int) -> Float {
      let row = rows[(r * dimension)..<((r + 1) * dimension)]
      let dot = zip(row, query).reduce(0) { $0 + $1.0 * $1.1 }
      return dot / (UnitRows.length(row) * UnitRows.length(query))
    }
    let reference = (0..<count).sorted { cosine($0) > cosine($1) }.prefix(5)
    let found = NearestNeighbours.nearest(
      to: query, in: UnitRows(rows: rows, dimension: dimension), k: 5)
    XCTAssertEqual(found.map(\.index), Array(reference))
    for n in found { XCTAssertEqual(n.similarity, cosine(n.index), accuracy: 1e-5) }
  }
}

import DigitShell
import XCTest

/// The occlusion map's maths, checked on cases small enough to work out by hand.
final class OcclusionTests: XCTestCase {
  func testPatchesAreCentredOnEveryStrideBlock() {
    // o_i = i·t − (s − t)/2: 4×4 patches every 2 pixels start one pixel before each 2×2 block.
    XCTAssertEqual(
      Occlusion.origins(side: 28, patch: 4, stride: 2), Array(stride(from: -1, through: 25, by: 2)))
    XCTAssertEqual(Occlusion.origins(side: 6, patch: 2, stride: 2), [0, 2, 4])
    XCTAssertEqual(Occlusion.origins(side: 5, patch: 3, stride: 1), [-1, 0, 1, 2, 3])
    XCTAssertEqual(
      Occlusion.origins(side: 5, patch: 2, stride: 2), [0, 2, 4],
      "the last block is cut by the edge")
    XCTAssertEqual(Occlusion.origins(side: 0, patch: 4, stride: 2), [])
  }

  func testBlankingClipsThePatchToTheImage() {
    let ones = [Float](repeating: 1, count: 16)
    let corner = Occlusion.blanked(ones, side: 4, x: -1, y: -1, patch: 2)
    XCTAssertEqual(corner, [0] + [Float](repeating: 1, count: 15))
    let middle = Occlusion.blanked(ones, side: 4, x: 1, y: 1, patch: 2)
    XCTAssertEqual(
      middle,
      [
        1, 1, 1, 1,
        1, 0, 0, 1,
        1, 0, 0, 1,
        1, 1, 1, 1,
      ])
    XCTAssertEqual(
      Occlusion.blanked(ones, side: 4, x: 9, y: 9, patch: 4), ones,
      "a patch outside changes nothing")
    XCTAssertEqual(Occlusion.blanked(ones, side: 4, x: -9, y: 0, patch: 4), ones)
  }

  func testDropsAreBaselineMinusOccluded() {
    let d = Occlusion.drops(baseline: 0.9, occluded: [0.9, 0.5, 1.0])
    XCTAssertEqual(d[0], 0, accuracy: 1e-12)
    XCTAssertEqual(d[1], 0.4, accuracy: 1e-12)
    XCTAssertEqual(d[2], -0.1, accuracy: 1e-12)
  }

  func testArgmaxTakesTheFirstOfEquals() {
    XCTAssertEqual(Occlusion.argmax([0.2, 0.4, 0.4]), 1)
    XCTAssertEqual(Occlusion.argmax([]), 0)
  }

  /// A 4×4 image with ink at (x 3, y 0) only, and a "net" whose P(1) = 0.1 + 0.8·ink(3, 0):
  /// 2×2 patches every 2 pixels start at 0 and 2; only patch (i 1, j 0) covers the ink, so its
  /// drop is 0.9 − 0.1 = 0.8 and it flips the answer to 0; the other three drop 0.
  func testTheMapFindsThePatchThatHoldsTheEvidence() {
    var image = [Float](repeating: 0, count: 16)
    image[3] = 1
    var batches: [[[Float]]] = []
    let map = OcclusionMap(image: image, side: 4, patch: 2, stride: 2, target: 1) { batch in
      batches.append(batch)
      return batch.map { img in
        let p1 = 0.1 + 0.8 * Double(img[3])
        return [1 - p1, p1]
      }
    }
    XCTAssertEqual(batches.count, 1, "one forward pass for all patches")
    XCTAssertEqual(batches.first?.count, 5, "the whole image, then 2×2 patches")
    XCTAssertEqual(batches.first?.first, image)
    XCTAssertEqual(map.origins, [0, 2])
    XCTAssertEqual(map.baseline, 0.9, accuracy: 1e-12)
    XCTAssertEqual(map.drops.count, 4)
    for (value, expected) in zip(map.drops, [0, 0.8, 0, 0]) {
      XCTAssertEqual(value, expected, accuracy: 1e-12)
    }
    XCTAssertEqual(map.answers, [1, 0, 1, 1])
    let strongest = map.strongest
    XCTAssertEqual(strongest?.rows, 0...1)
    XCTAssertEqual(strongest?.columns, 2...3)
    XCTAssertEqual(strongest?.drop ?? 0, 0.8, accuracy: 1e-12)
    XCTAssertEqual(strongest?.answer, 0)
  }

  func testTheStrongestPatchReportsItsClippedPixels() {
    // 28×28, 4×4 every 2: the first patch starts at −1 and covers pixels 0…2.
    var image = [Float](repeating: 0, count: 28 * 28)
    image[0] = 1
    let map = OcclusionMap(image: image, target: 0) { batch in
      batch.map { [Double($0[0]), 1 - Double($0[0])] }
    }
    XCTAssertEqual(map.cells, 14)
    XCTAssertEqual(map.strongest?.rows, 0...2)
    XCTAssertEqual(map.strongest?.columns, 0...2)
    XCTAssertEqual(
      map.drops.filter { $0 != 0 }.count, 1, "only the corner patch covers pixel (0, 0)")
  }
}

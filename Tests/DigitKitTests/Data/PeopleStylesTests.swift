import DigitKit
import XCTest

final class PeopleStylesTests: XCTestCase {
  static let train = try! MNIST.load(.train, from: repositoryData.appendingPathComponent("mnist"))

  /// Every image written "by a person": still a digit-sized image, framed as a drawing is
  /// (the ink's longer side 20 pixels), and the same
  /// seed writes it the same way.
  func testWritesDrawingLikeImages() {
    var styles = PeopleStyles()
    styles.chance = 1
    let augmentation = Augmentation(people: styles)
    for index in 0..<200 {
      var random = SeededGenerator(seed: UInt64(index))
      let image = augmentation.apply(Self.train.image(index), random: &random)
      var again = SeededGenerator(seed: UInt64(index))
      XCTAssertEqual(image, augmentation.apply(Self.train.image(index), random: &again))
      XCTAssertEqual(image.count, 784)
      let inked = (0..<784).filter { image[$0] > 0 }
      let rows = inked.map { $0 / 28 }
      let columns = inked.map { $0 % 28 }
      let tall = rows.max()! - rows.min()! + 1
      let wide = columns.max()! - columns.min()! + 1
      XCTAssertEqual(max(tall, wide), 20, "image \(index): the drawing box")
    }
  }

  /// The styles differ from MNIST in ways one can count: some images are faint pencil
  /// (no pixel darker than 90%), some blocky (most inked pixels at the one full value of
  /// whole cells scaled up).
  func testSomeArePencilAndSomeBlocky() {
    var styles = PeopleStyles()
    styles.chance = 1
    let augmentation = Augmentation(people: styles)
    var pencil = 0
    var blocky = 0
    for index in 0..<300 {
      var random = SeededGenerator(seed: UInt64(index) &+ 99)
      let image = augmentation.apply(Self.train.image(index), random: &random)
      if image.max()! < 0.9 { pencil += 1 }
      let inked = image.filter { $0 > 0 }
      if inked.filter({ $0 == image.max()! }).count * 2 > inked.count { blocky += 1 }
    }
    XCTAssertGreaterThan(pencil, 30, "about a quarter are pencil")
    XCTAssertGreaterThan(blocky, 20, "about a fifth are drawn in whole cells")
  }
}

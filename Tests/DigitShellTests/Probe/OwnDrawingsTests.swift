import DigitKit
import DigitShell
import TextArt
import XCTest

/// keep's labels and file names, finetune's mix, and how why recognises an MNIST image.
final class OwnDrawingsTests: XCTestCase {
  func testLabelsAreSingleASCIIDigits() {
    XCTAssertEqual(OwnDrawings.label("7"), 7)
    XCTAssertEqual(OwnDrawings.label("0"), 0)
    for bad in ["", "12", "x", "-1", " 7", "٣", "⁷"] { XCTAssertNil(OwnDrawings.label(bad), bad) }
  }

  func testFileNamesCountOnFromTheHighestOfTheirDigit() {
    XCTAssertEqual(OwnDrawings.nextFileName(label: 7, existing: []), "7-001.txt")
    let existing = [
      "7-001.txt", "7-003.txt", "9-004.txt", "7-abc.txt", "README.md", "7-002.txt.bak",
      "17-009.txt", "7-.txt",
    ]
    XCTAssertEqual(
      OwnDrawings.nextFileName(label: 7, existing: existing), "7-004.txt",
      "after a gap, past the highest")
    XCTAssertEqual(OwnDrawings.nextFileName(label: 9, existing: existing), "9-005.txt")
    XCTAssertEqual(OwnDrawings.nextFileName(label: 1, existing: existing), "1-001.txt")
    XCTAssertEqual(OwnDrawings.nextFileName(label: 7, existing: ["7-999.txt"]), "7-1000.txt")
    XCTAssertEqual(OwnDrawings.number(in: "3-042.txt", label: 3), 42)
    XCTAssertNil(OwnDrawings.number(in: "3-042.txt", label: 4))
    XCTAssertNil(OwnDrawings.number(in: "3-4a.txt", label: 3))
  }

  func testCountsAndSummary() {
    let counts = OwnDrawings.counts(["7-001.txt", "7-002.txt", "1-001.txt", "README.md", "x-1.txt"])
    XCTAssertEqual(counts, [0, 1, 0, 0, 0, 0, 0, 2, 0, 0])
    XCTAssertEqual(OwnDrawings.summary(counts), "3 drawings: 1×1, 7×2")
    XCTAssertEqual(OwnDrawings.summary([Int](repeating: 0, count: 10)), "0 drawings")
  }

  /// r = max(1, round(N / (9·d))) makes the drawings a tenth of the mix.
  func testRepeatsMakeTheDrawingsATenthOfTheMix() {
    XCTAssertEqual(FinetuneMix.repeats(mnistCount: 6000, drawingCount: 1), 667)
    XCTAssertEqual(FinetuneMix.repeats(mnistCount: 6000, drawingCount: 3), 222)
    XCTAssertEqual(FinetuneMix.repeats(mnistCount: 0, drawingCount: 2), 1)
    XCTAssertEqual(FinetuneMix.repeats(mnistCount: 500, drawingCount: 0), 0)
    for d in [1, 2, 5, 40] {
      let r = FinetuneMix.repeats(mnistCount: 6000, drawingCount: d)
      XCTAssertEqual(Double(r * d) / Double(6000 + r * d), 0.1, accuracy: 0.005, "d = \(d)")
    }
  }

  func testTheMixHoldsMNISTThenTheCopies() {
    let mnist = MNISTSet(images: [UInt8](repeating: 9, count: 2 * 784), labels: [3, 4])
    var drawing = [Float](repeating: 0, count: 784)
    for i in 300..<400 { drawing[i] = 1 }
    let plain = FinetuneMix.make(mnist: mnist, drawings: [drawing], labels: [7], repeats: 3)
    XCTAssertEqual(plain.count, 5)
    XCTAssertEqual(plain.labels, [3, 4, 7, 7, 7])
    XCTAssertEqual(Array(plain.image(0)), Array(mnist.image(0)))
    for i in 2..<5 { XCTAssertEqual(Array(plain.image(i)), Preprocess.bytes(drawing)) }

    let varied = FinetuneMix.make(
      mnist: mnist, drawings: [drawing], labels: [7], repeats: 3,
      augmentation: Augmentation(), seed: 5)
    XCTAssertEqual(varied.labels, [3, 4, 7, 7, 7])
    XCTAssertEqual(
      Array(varied.image(2)), Preprocess.bytes(drawing), "the first copy is the drawing itself")
    XCTAssertNotEqual(Array(varied.image(3)), Preprocess.bytes(drawing))
    XCTAssertNotEqual(
      Array(varied.image(3)), Array(varied.image(4)), "every copy distorted differently")
    let again = FinetuneMix.make(
      mnist: mnist, drawings: [drawing], labels: [7], repeats: 3,
      augmentation: Augmentation(), seed: 5)
    XCTAssertEqual(again.images, varied.images, "the same seed, the same mix")
  }

  func testAnMNISTImageIsRecognisedByItsBytes() {
    var images = [UInt8](repeating: 0, count: 3 * 784)
    for i in 0..<784 {
      images[784 + i] = UInt8(i % 256)
      images[2 * 784 + i] = UInt8((i * 7) % 256)
    }
    let set = MNISTSet(images: images, labels: [0, 1, 2])
    let drawing = Drawing(width: 28, height: 28, ink: set.image(2).map { Float($0) / 255 })
    XCTAssertEqual(SeenImage.mnistIndex(of: drawing, in: set), 2)
    var changed = drawing
    changed.ink[5] = min(1, changed.ink[5] + 0.5)
    XCTAssertNil(SeenImage.mnistIndex(of: changed, in: set))
    XCTAssertNil(SeenImage.mnistIndex(of: Drawing(width: 27, height: 28), in: set))
  }

  func testColumnsSitSideBySide() {
    XCTAssertEqual(
      TextColumns.beside(["ab", "c", "d"], ["1", "2"], gap: 2, offset: 1), ["ab", "c   1", "d   2"])
    XCTAssertEqual(TextColumns.beside(["a"], ["1", "2"], gap: 1), ["a 1", "  2"])
    XCTAssertEqual(wrapText("one two three four", width: 9), ["one two", "three", "four"])
    XCTAssertEqual(TextColumns.centred("ab", in: 6), "  ab")
  }

  /// A file numbered past what `keep` counts on from neither overflows the next number nor
  /// gets written over (issue 19, defects 7 and 11).
  func testKeepNeverOverflowsOrReplacesAFile() throws {
    XCTAssertEqual(
      OwnDrawings.nextFileName(label: 3, existing: ["3-9223372036854775807.txt"]), "3-001.txt")
    XCTAssertEqual(
      OwnDrawings.nextFileName(label: 3, existing: ["3-4294967296.txt", "3-002.txt"]), "3-003.txt")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "keep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "mine".write(
      to: folder.appendingPathComponent("3-001.txt"), atomically: true, encoding: .utf8)
    try "huge".write(
      to: folder.appendingPathComponent("3-9223372036854775807.txt"), atomically: true,
      encoding: .utf8)
    let name = try OwnDrawings.keep("..#..\n", label: 3, in: folder)
    XCTAssertEqual(name, "3-002.txt")
    XCTAssertEqual(
      try String(contentsOf: folder.appendingPathComponent("3-001.txt"), encoding: .utf8), "mine")
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(),
      ["3-001.txt", "3-002.txt", "3-9223372036854775807.txt"], "no temporary file left")
  }
}

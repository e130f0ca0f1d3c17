import DigitKit
import Foundation
import XCTest

final class MNISTTests: XCTestCase {
  let mnist = repositoryData.appendingPathComponent("mnist")

  func testLoadsTheShippedTestSet() throws {
    let test = try MNIST.load(.test, from: mnist)
    XCTAssertEqual(test.count, 10_000)
    XCTAssertEqual(test.images.count, 10_000 * 784)
    XCTAssertEqual(test.classCounts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    XCTAssertEqual(test.labels.prefix(5), [7, 2, 1, 0, 4])
  }

  func testNormalisesLikePyTorch() throws {
    let test = try MNIST.load(.test, from: mnist)
    var batch = Tensor()
    test.fill(&batch, indices: [0, 1])
    XCTAssertEqual(batch.shape, [2, 1, 28, 28])
    XCTAssertEqual(batch.data[0], (0 - 0.1307) / 0.3081, accuracy: 1e-6)
    let maxValue = batch.data.max() ?? 0
    XCTAssertEqual(maxValue, (1 - 0.1307) / 0.3081, accuracy: 1e-5)
  }

  /// A temporary folder holding copies of the test files, one of them altered.
  func brokenCopy(_ alter: (inout [UInt8]) throws -> Void) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "mnist-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for name in ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
      try FileManager.default.copyItem(
        at: mnist.appendingPathComponent(name), to: dir.appendingPathComponent(name))
    }
    let target = dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
    var bytes = [UInt8](try Data(contentsOf: target))
    try alter(&bytes)
    try Data(bytes).write(to: target)
    return dir
  }

  func assertLoadFails(
    _ dir: URL, containing text: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertThrowsError(try MNIST.load(.test, from: dir), file: file, line: line) { error in
      let message = "\(error)"
      XCTAssert(
        message.contains("t10k-labels-idx1-ubyte.gz"), "names the file: \(message)", file: file,
        line: line)
      XCTAssert(message.contains(text), "'\(message)' should say '\(text)'", file: file, line: line)
      XCTAssertFalse(message.contains("\n"), "one line", file: file, line: line)
    }
  }

  func testMissingFile() throws {
    let dir = try brokenCopy { _ in }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
    assertLoadFails(dir, containing: "missing")
  }

  func testTruncatedGzip() throws {
    assertLoadFails(try brokenCopy { $0.removeLast($0.count / 2) }, containing: "ends early")
  }

  func testNotGzip() throws {
    assertLoadFails(
      try brokenCopy { $0 = Array("hello, this is not gzip at all".utf8) },
      containing: "not a gzip file")
  }

  func testCorruptGzip() throws {
    assertLoadFails(try brokenCopy { for i in 20..<60 { $0[i] ^= 0x5a } }, containing: "gzip")
  }

  func testBadMagicNumber() throws {
    XCTAssertThrowsError(try MNIST.parseIDX([0, 0, 8, 3, 0, 0, 0, 1, 1], dimensions: 1, name: "x"))
    {
      XCTAssert("\($0)".contains("bad magic number"))
    }
  }

  func testWrongLength() throws {
    XCTAssertThrowsError(
      try MNIST.parseIDX([0, 0, 8, 1, 0, 0, 0, 3, 1, 2], dimensions: 1, name: "x")
    ) {
      XCTAssert("\($0)".contains("holds 2 bytes of data, header says 3"), "\($0)")
    }
  }

  func testImplausibleDimensions() throws {
    XCTAssertThrowsError(
      try MNIST.parseIDX(
        [0, 0, 8, 3, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 1], dimensions: 3, name: "x"))
  }
}

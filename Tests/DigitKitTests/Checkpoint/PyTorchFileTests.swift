import DigitKit
import Foundation
import XCTest

/// Issue 19, defect 18: a `torch.save` file said "header length 578712552184433488 … truncated?".
/// It is named for what it is, with the one line that converts it.
final class PyTorchFileTests: XCTestCase {
  /// The first bytes of `torch.save`'s zip format (PyTorch ≥ 1.6) and of its older pickle format.
  static let zipStart: [UInt8] =
    [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x08] + Array("archive/data.pkl".utf8)
  static let pickleStart: [UInt8] = [
    0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E,
  ]

  func file(_ bytes: [UInt8], named name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "pt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try Data(bytes + [UInt8](repeating: 0x71, count: 200)).write(to: url)
    return url
  }

  func testZipAndPickleFilesAreNamedWithTheWayToConvertThem() throws {
    for start in [Self.zipStart, Self.pickleStart] {
      let url = try file(start, named: "mnist_cnn.pt")
      XCTAssertThrowsError(try Model.load(contentsOf: url)) { error in
        XCTAssertEqual(
          "\(error)",
          "mnist_cnn.pt: this is a PyTorch file (torch.save), and DigitLab reads safetensors; convert it with "
            + #"python3 -c "import torch; from safetensors.torch import save_file; "#
            + #"save_file(torch.load('\#(url.path)'), '\#(url.deletingPathExtension().path).safetensors')""#
        )
      }
    }
  }

  func testBytesWithoutAPathStillSaySo() {
    XCTAssertThrowsError(try SafeTensors(bytes: Self.zipStart + [UInt8](repeating: 0, count: 64))) {
      error in
      XCTAssertTrue(
        "\(error)".hasPrefix(
          "this is a PyTorch file (torch.save), and DigitLab reads safetensors; convert it with "),
        "\(error)")
    }
  }

  /// A header of 640 bytes starts the file with 80 02, as a pickle does: it is safetensors all the same.
  func testASafetensorsFileThatStartsLikeAPickleStillLoads() throws {
    let file = SafeTensors(tensors: ["w": Tensor(shape: [2], data: [1, 2])], metadata: ["x": ""])
    let overhead = try file.serialized().count - 8 - 8  // header without the note, plus the data
    var padded = file
    padded.metadata["x"] = String(repeating: "a", count: 640 - overhead)
    let bytes = try padded.serialized()
    XCTAssertEqual(Array(bytes[0..<8]), [0x80, 0x02, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(try SafeTensors(bytes: bytes).tensors["w"]?.data, [1, 2])
  }
}

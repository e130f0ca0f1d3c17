import Foundation

/// One split of MNIST: images as bytes (0 = background, 255 = full ink) and labels 0–9.
public struct MNISTSet: Sendable {
  public let images: [UInt8]  // (count, 28, 28), row-major
  public let labels: [UInt8]  // (count)
  public let rows: Int
  public let columns: Int

  public init(images: [UInt8], labels: [UInt8], rows: Int = 28, columns: Int = 28) {
    self.images = images
    self.labels = labels
    self.rows = rows
    self.columns = columns
  }

  public var count: Int { labels.count }
  public var pixelsPerImage: Int { rows * columns }

  /// The pixels of image `index`.
  public func image(_ index: Int) -> ArraySlice<UInt8> {
    images[(index * pixelsPerImage)..<((index + 1) * pixelsPerImage)]
  }

  /// How many images of each digit.
  public var classCounts: [Int] {
    var counts = [Int](repeating: 0, count: 10)
    for l in labels where l < 10 { counts[Int(l)] += 1 }
    return counts
  }

  /// Normalises images `indices` as PyTorch's MNIST transform, (x/255 − 0.1307)/0.3081,
  /// into `batch`: (n, 1, 28, 28).
  public func fill(_ batch: inout Tensor, indices: ArraySlice<Int>) {
    let n = pixelsPerImage
    if batch.shape != [indices.count, 1, rows, columns] {
      batch = Tensor(zeros: [indices.count, 1, rows, columns])
    }
    let table = MNIST.normalisationTable
    images.withUnsafeBufferPointer { src in
      batch.data.withUnsafeMutableBufferPointer { dst in
        for (row, index) in indices.enumerated() {
          let s = src.baseAddress! + index * n
          let d = dst.baseAddress! + row * n
          for i in 0..<n { d[i] = table[Int(s[i])] }
        }
      }
    }
  }

  /// The first `n` images (`TrainingOptions.limit`, `testLimit`).
  public func prefix(_ n: Int) -> MNISTSet {
    let k = min(max(n, 0), count)
    return MNISTSet(
      images: Array(images.prefix(k * pixelsPerImage)), labels: Array(labels.prefix(k)),
      rows: rows, columns: columns)
  }
}

/// The MNIST IDX files, gzip'd, as distributed.
public enum MNIST {
  public enum Split: String, Sendable { case train, test }

  /// PyTorch's normalisation constants.
  public static let mean: Float = 0.1307
  public static let std: Float = 0.3081
  /// (v/255 − mean)/std for every byte value v.
  static let normalisationTable: [Float] = (0..<256).map { (Float($0) / 255 - mean) / std }

  /// The file names of a split: (images, labels).
  public static func fileNames(_ split: Split) -> (images: String, labels: String) {
    let p = split == .train ? "train" : "t10k"
    return ("\(p)-images-idx3-ubyte.gz", "\(p)-labels-idx1-ubyte.gz")
  }

  /// Loads one split from `directory`, checking magic numbers, sizes and lengths.
  public static func load(_ split: Split, from directory: URL) throws -> MNISTSet {
    let names = fileNames(split)
    let images = try readIDX(directory.appendingPathComponent(names.images), dimensions: 3)
    let labels = try readIDX(directory.appendingPathComponent(names.labels), dimensions: 1)
    guard images.shape[0] == labels.shape[0] else {
      throw DigitKitError(
        "\(names.images) has \(images.shape[0]) images but \(names.labels) has \(labels.shape[0]) labels"
      )
    }
    guard images.shape[1] == 28, images.shape[2] == 28 else {
      throw DigitKitError(
        "\(names.images): images are \(images.shape[1])×\(images.shape[2]), expected 28×28")
    }
    if let bad = labels.bytes.first(where: { $0 > 9 }) {
      throw DigitKitError("\(names.labels): label \(bad) is not a digit")
    }
    return MNISTSet(images: images.bytes, labels: labels.bytes)
  }

  /// Reads a gzip'd IDX file of unsigned bytes with `dimensions` dimensions.
  public static func readIDX(_ url: URL, dimensions: Int) throws -> (shape: [Int], bytes: [UInt8]) {
    let name = url.lastPathComponent
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw DigitKitError("\(name): cannot read \(url.path) (missing?)")
    }
    let raw: [UInt8]
    do { raw = try gunzip([UInt8](data)) } catch let e as DigitKitError {
      throw DigitKitError("\(name): \(e.message)")
    }
    return try parseIDX(raw, dimensions: dimensions, name: name)
  }

  /// Parses decompressed IDX bytes: magic 0x0000_08_dd (unsigned byte, dd dimensions),
  /// dd big-endian sizes, then exactly the product of the sizes in bytes.
  public static func parseIDX(_ raw: [UInt8], dimensions: Int, name: String) throws -> (
    shape: [Int], bytes: [UInt8]
  ) {
    let headerSize = 4 + 4 * dimensions
    guard raw.count >= headerSize else {
      throw DigitKitError("\(name): file too short for an IDX header")
    }
    func word(_ at: Int) -> Int {
      Int(raw[at]) << 24 | Int(raw[at + 1]) << 16 | Int(raw[at + 2]) << 8 | Int(raw[at + 3])
    }
    let magic = word(0)
    guard magic == 0x0800 | dimensions else {
      throw DigitKitError(
        "\(name): bad magic number 0x\(String(magic, radix: 16)), expected 0x\(String(0x0800 | dimensions, radix: 16))"
      )
    }
    let shape = (0..<dimensions).map { word(4 + 4 * $0) }
    let expected = shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
    guard shape.allSatisfy({ $0 > 0 && $0 < 1 << 24 }), expected <= 1 << 30 else {
      throw DigitKitError("\(name): implausible dimensions \(shape)")
    }
    guard raw.count - headerSize == expected else {
      throw DigitKitError(
        "\(name): holds \(raw.count - headerSize) bytes of data, header says \(expected)")
    }
    return (shape, Array(raw[headerSize...]))
  }
}

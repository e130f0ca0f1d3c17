import Foundation

/// A safetensors file: named float32 tensors plus string metadata.
///
/// Layout: 8-byte little-endian header length N, N bytes of JSON
/// (`{"name": {"dtype": "F32", "shape": […], "data_offsets": [begin, end]}, "__metadata__": {…}}`),
/// then the raw little-endian data. The same files load in PyTorch with `safetensors`.
public struct SafeTensors: Sendable {
  public var tensors: [String: Tensor]
  public var metadata: [String: String]

  public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// Largest header we accept; real DigitLab headers are a few kilobytes.
  static let maximumHeaderLength = 16 << 20

  /// Parses a file's bytes. Every malformed input gives a one-line `DigitKitError`.
  public init(bytes: [UInt8]) throws {
    let (header, dataStart) = try Self.header(of: bytes)
    var tensors: [String: Tensor] = [:]
    var metadata: [String: String] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        metadata = try Self.metadata(value)
      } else {
        tensors[name] = try Self.tensor(name, entry: value, bytes: bytes, dataStart: dataStart)
      }
    }
    self.tensors = tensors
    self.metadata = metadata
  }

  /// The JSON header as an object, and where the data starts (8 + its length).
  private static func header(of bytes: [UInt8]) throws -> (header: [String: Any], dataStart: Int) {
    guard bytes.count >= 8 else { throw DigitKitError("file too short to be safetensors (\(bytes.count) bytes)") }
    var headerLength: UInt64 = 0
    for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    guard headerLength <= UInt64(bytes.count - 8) else {
      throw DigitKitError("header length \(headerLength) runs past the end of the file (\(bytes.count) bytes; truncated?)")
    }
    guard headerLength <= UInt64(maximumHeaderLength) else { throw DigitKitError("header of \(headerLength) bytes is too large") }
    let dataStart = 8 + Int(headerLength)
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
    } catch {
      throw DigitKitError("header is not valid JSON")
    }
    guard let header = json as? [String: Any] else { throw DigitKitError("header is not a JSON object") }
    return (header, dataStart)
  }

  /// `__metadata__`: an object of strings.
  private static func metadata(_ value: Any) throws -> [String: String] {
    guard let m = value as? [String: Any] else { throw DigitKitError("__metadata__ is not an object") }
    var metadata: [String: String] = [:]
    for (k, v) in m {
      guard let s = v as? String else { throw DigitKitError("metadata \(k) is not a string") }
      metadata[k] = s
    }
    return metadata
  }

  /// One header entry, `{"dtype": "F32", "shape": […], "data_offsets": [begin, end]}`, and its data.
  private static func tensor(_ name: String, entry value: Any, bytes: [UInt8], dataStart: Int) throws -> Tensor {
    guard let entry = value as? [String: Any] else { throw DigitKitError("\(name): entry is not an object") }
    guard let dtype = entry["dtype"] as? String else { throw DigitKitError("\(name): no dtype") }
    guard dtype == "F32" else { throw DigitKitError("\(name): dtype \(dtype) is not supported (DigitLab reads F32)") }
    guard let shapeAny = entry["shape"] as? [Any], let offsetsAny = entry["data_offsets"] as? [Any],
          offsetsAny.count == 2 else { throw DigitKitError("\(name): shape or data_offsets missing") }
    let shape = try shapeAny.map { v -> Int in
      guard let n = wholeNumber(v), n >= 0, n < 1 << 28 else { throw DigitKitError("\(name): bad shape \(shapeAny)") }
      return n
    }
    let offsets = try offsetsAny.map { v -> Int in
      guard let n = wholeNumber(v), n >= 0 else { throw DigitKitError("\(name): bad data_offsets \(offsetsAny)") }
      return n
    }
    var count = 1
    for d in shape {
      let (p, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, p <= 1 << 28 else { throw DigitKitError("\(name): shape \(shape) is too large") }
      count = p
    }
    guard offsets[0] <= offsets[1], offsets[1] <= bytes.count - dataStart else {
      throw DigitKitError("\(name): data_offsets \(offsets) run past the end of the file (truncated?)")
    }
    guard offsets[1] - offsets[0] == count * 4 else {
      throw DigitKitError("\(name): \(offsets[1] - offsets[0]) bytes of data for shape \(shape)")
    }
    var values = [Float](repeating: 0, count: count)
    values.withUnsafeMutableBytes { dst in
      bytes.withUnsafeBytes { src in
        dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(dataStart + offsets[0])..<(dataStart + offsets[1])]))
      }
    }
    #if _endian(big)
    values = values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
    #endif
    return Tensor(shape: shape, data: values)
  }

  /// A JSON number that is a whole number (520, not 520.7, which `intValue` would cut to 520).
  private static func wholeNumber(_ value: Any) -> Int? {
    guard let number = value as? NSNumber else { return nil }
    return Int(exactly: number.doubleValue)
  }

  /// Reads and parses a file; errors name the file.
  public init(contentsOf url: URL) throws {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw DigitKitError("\(url.relativePath): cannot read (missing?)")
    }
    do { try self.init(bytes: [UInt8](data)) } catch let e as DigitKitError {
      throw DigitKitError("\(url.lastPathComponent): \(e.message)")
    }
  }

  /// The file's bytes. Tensors are stored in name order, the header padded to 8 bytes.
  public func serialized() throws -> [UInt8] {
    var header: [String: Any] = [:]
    var offset = 0
    let names = tensors.keys.sorted()
    for name in names {
      let t = tensors[name]!
      header[name] = ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + t.count * 4]] as [String: Any]
      offset += t.count * 4
    }
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var json = [UInt8](try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys]))
    while json.count % 8 != 0 { json.append(0x20) }
    var out: [UInt8] = []
    out.reserveCapacity(8 + json.count + offset)
    let n = UInt64(json.count)
    for i in 0..<8 { out.append(UInt8((n >> (8 * UInt64(i))) & 0xff)) }
    out += json
    for name in names {
      tensors[name]!.data.withUnsafeBytes { out.append(contentsOf: $0) }
    }
    return out
  }

  /// Writes atomically: a temporary file in the same folder, flushed, then renamed over `url`.
  public func write(to url: URL) throws {
    try AtomicFile.write(try serialized(), to: url)
  }
}

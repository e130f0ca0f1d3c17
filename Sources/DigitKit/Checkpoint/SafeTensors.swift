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
    guard bytes.count >= 8 else {
      throw DigitKitError("file too short to be safetensors (\(bytes.count) bytes)")
    }
    let headerLength = try Self.headerLength(
      Array(bytes[0..<8]), fileSize: UInt64(bytes.count), path: nil)
    let header = try Self.header(bytes[8..<(8 + headerLength)])
    let data = bytes[(8 + headerLength)...]
    let (entries, metadata) = try Self.entries(header, dataCount: data.count)
    try self.init(entries: entries, metadata: metadata, data: data)
  }

  /// Reads and parses a file; errors name the file. The 8-byte length and the header are
  /// read and checked first, then only the bytes the header names: junk is refused before
  /// the rest of the file is read (a 3 GB junk file once took 6.3 GB of memory).
  public init(contentsOf url: URL) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue
    {
      throw DigitKitError("\(url.relativePath) is a folder, not a checkpoint file")
    }
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw DigitKitError("\(url.relativePath): cannot read (missing?)")
    }
    defer { try? handle.close() }
    do {
      try self.init(reading: handle, path: url.relativePath)
    } catch let e as DigitKitError {
      throw DigitKitError("\(url.lastPathComponent): \(e.message)")
    } catch {
      throw DigitKitError(
        "\(url.relativePath): cannot read (\((error as NSError).localizedDescription))")
    }
  }

  /// Parses the file open in `handle` (read from `path`), reading the header before the data.
  private init(reading handle: FileHandle, path: String) throws {
    let fileSize = try handle.seekToEnd()
    try handle.seek(toOffset: 0)
    func read(_ count: Int) throws -> [UInt8] {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(count)
      while bytes.count < count, let chunk = try handle.read(upToCount: count - bytes.count),
        !chunk.isEmpty
      {
        bytes += chunk
      }
      guard bytes.count == count else { throw DigitKitError("the file ended early (truncated?)") }
      return bytes
    }
    guard fileSize >= 8 else {
      throw DigitKitError("file too short to be safetensors (\(fileSize) bytes)")
    }
    let headerLength = try Self.headerLength(try read(8), fileSize: fileSize, path: path)
    let header = try Self.header(try read(headerLength)[...])
    let available = Int(clamping: fileSize - 8 - UInt64(headerLength))
    let (entries, metadata) = try Self.entries(header, dataCount: available)
    let needed = entries.values.map(\.range.upperBound).max() ?? 0
    try self.init(entries: entries, metadata: metadata, data: try read(needed)[...])
  }

  /// The header length from the file's first 8 bytes (little-endian), checked against the file's
  /// size. A length that cannot be right is first looked at as a PyTorch file, read from `path`.
  private static func headerLength(_ first8: [UInt8], fileSize: UInt64, path: String?) throws -> Int
  {
    var headerLength: UInt64 = 0
    for i in 0..<8 { headerLength |= UInt64(first8[i]) << (8 * UInt64(i)) }
    if headerLength > fileSize - 8 || headerLength > UInt64(maximumHeaderLength), isPyTorch(first8)
    {
      throw DigitKitError(pyTorchMessage(path: path ?? "FILE.pt"))
    }
    guard headerLength <= fileSize - 8 else {
      if isText(first8) {
        throw DigitKitError("a text file, not a safetensors checkpoint")
      }
      throw DigitKitError(
        "header length \(headerLength) runs past the end of the file (\(fileSize) bytes; truncated?)"
      )
    }
    guard headerLength <= UInt64(maximumHeaderLength) else {
      throw DigitKitError("header of \(headerLength) bytes is too large")
    }
    return Int(headerLength)
  }

  /// Whether `first8` is text (printable ASCII, tabs and line ends): a safetensors file's
  /// first 8 bytes are its header's length, little-endian, whose high bytes are zero.
  static func isText(_ first8: [UInt8]) -> Bool {
    first8.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
  }

  /// Whether a file starting with `first8` is what `torch.save` writes: a zip archive (`PK\3\4`,
  /// PyTorch 1.6 and later) or a pickle (`0x80` then protocol 2 to 5, older PyTorch). Asked only
  /// of a file whose header length cannot be right: a 640-byte safetensors header starts `80 02` too.
  static func isPyTorch(_ first8: [UInt8]) -> Bool {
    first8.starts(with: [0x50, 0x4B, 0x03, 0x04])
      || (first8.count >= 2 && first8[0] == 0x80 && (2...5).contains(first8[1]))
  }

  /// What a PyTorch file is and the one line that turns it into safetensors (a state_dict saved
  /// with `torch.save(model.state_dict(), path)`, as the reference nets are).
  static func pyTorchMessage(path: String) -> String {
    let target = URL(fileURLWithPath: path).deletingPathExtension().relativePath + ".safetensors"
    return "this is a PyTorch file (torch.save), and DigitLab reads safetensors; convert it with "
      + #"python3 -c "import torch; from safetensors.torch import save_file; "#
      + "save_file(torch.load('\(path)'), '\(target)')\""
  }

  /// The JSON header as an object.
  private static func header(_ bytes: ArraySlice<UInt8>) throws -> [String: Any] {
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: Data(bytes))
    } catch {
      throw DigitKitError("header is not valid JSON")
    }
    guard let header = json as? [String: Any] else {
      throw DigitKitError("header is not a JSON object")
    }
    return header
  }

  /// Where a tensor's data lies (byte offsets after the header) and its shape.
  private struct Entry {
    let shape: [Int]
    let range: Range<Int>
  }

  /// Every tensor's entry, checked against the `dataCount` bytes after the header, and the metadata.
  private static func entries(_ header: [String: Any], dataCount: Int) throws
    -> (entries: [String: Entry], metadata: [String: String])
  {
    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]
    for (name, value) in header {
      if name == "__metadata__" {
        metadata = try Self.metadata(value)
      } else {
        entries[name] = try Self.entry(name, value, dataCount: dataCount)
      }
    }
    return (entries, metadata)
  }

  /// The tensors, copied out of `data` (the bytes after the header).
  private init(entries: [String: Entry], metadata: [String: String], data: ArraySlice<UInt8>) throws
  {
    var tensors: [String: Tensor] = [:]
    for (name, entry) in entries {
      var values = [Float](repeating: 0, count: entry.range.count / 4)
      values.withUnsafeMutableBytes { dst in
        data.withUnsafeBytes { src in
          dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[entry.range]))
        }
      }
      #if _endian(big)
        values = values.map { Float(bitPattern: UInt32(littleEndian: $0.bitPattern)) }
      #endif
      tensors[name] = Tensor(shape: entry.shape, data: values)
    }
    self.tensors = tensors
    self.metadata = metadata
  }

  /// `__metadata__`: an object of strings.
  private static func metadata(_ value: Any) throws -> [String: String] {
    guard let m = value as? [String: Any] else {
      throw DigitKitError("__metadata__ is not an object")
    }
    var metadata: [String: String] = [:]
    for (k, v) in m {
      guard let s = v as? String else { throw DigitKitError("metadata \(k) is not a string") }
      metadata[k] = s
    }
    return metadata
  }

  /// One header entry, `{"dtype": "F32", "shape": […], "data_offsets": [begin, end]}`, checked.
  private static func entry(_ name: String, _ value: Any, dataCount: Int) throws -> Entry {
    guard let entry = value as? [String: Any] else {
      throw DigitKitError("\(name): entry is not an object")
    }
    guard let dtype = entry["dtype"] as? String else { throw DigitKitError("\(name): no dtype") }
    guard dtype == "F32" else {
      throw DigitKitError("\(name): dtype \(dtype) is not supported (DigitLab reads F32)")
    }
    guard let shapeAny = entry["shape"] as? [Any], let offsetsAny = entry["data_offsets"] as? [Any],
      offsetsAny.count == 2
    else { throw DigitKitError("\(name): shape or data_offsets missing") }
    let shape = try shapeAny.map { v -> Int in
      guard let n = wholeNumber(v), n >= 0, n < 1 << 28 else {
        throw DigitKitError("\(name): bad shape \(shapeAny)")
      }
      return n
    }
    let offsets = try offsetsAny.map { v -> Int in
      guard let n = wholeNumber(v), n >= 0 else {
        throw DigitKitError("\(name): bad data_offsets \(offsetsAny)")
      }
      return n
    }
    var count = 1
    for d in shape {
      let (p, overflow) = count.multipliedReportingOverflow(by: d)
      guard !overflow, p <= 1 << 28 else {
        throw DigitKitError("\(name): shape \(shape) is too large")
      }
      count = p
    }
    guard offsets[0] <= offsets[1], offsets[1] <= dataCount else {
      throw DigitKitError(
        "\(name): data_offsets \(offsets) run past the end of the file (truncated?)")
    }
    guard offsets[1] - offsets[0] == count * 4 else {
      throw DigitKitError("\(name): \(offsets[1] - offsets[0]) bytes of data for shape \(shape)")
    }
    return Entry(shape: shape, range: offsets[0]..<offsets[1])
  }

  /// A JSON number that is a whole number (520, not 520.7, which `intValue` would cut to 520).
  private static func wholeNumber(_ value: Any) -> Int? {
    guard let number = value as? NSNumber else { return nil }
    return Int(exactly: number.doubleValue)
  }

  /// The file's bytes. Tensors are stored in name order, the header padded to 8 bytes.
  public func serialized() throws -> [UInt8] {
    var header: [String: Any] = [:]
    var offset = 0
    let names = tensors.keys.sorted()
    for name in names {
      let t = tensors[name]!
      header[name] =
        ["dtype": "F32", "shape": t.shape, "data_offsets": [offset, offset + t.count * 4]]
        as [String: Any]
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

// libFuzzer target: gzip + IDX parsing (MNIST loader). Built by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let selector = bytes.first else { return 0 }
  let rest = Array(bytes.dropFirst())
  if selector & 1 == 0 {
    // Compressed: what MNIST.readIDX does after reading the file.
    if let raw = try? gunzip(rest, limit: 16 << 20) {
      _ = try? MNIST.parseIDX(raw, dimensions: selector & 2 == 0 ? 1 : 3, name: "fuzz")
    }
  } else {
    _ = try? MNIST.parseIDX(rest, dimensions: selector & 2 == 0 ? 1 : 3, name: "fuzz")
  }
  return 0
}

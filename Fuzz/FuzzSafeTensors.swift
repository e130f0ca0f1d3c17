// libFuzzer target: safetensors parsing and rebuilding a model from it. Built by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  if let file = try? SafeTensors(bytes: bytes) {
    _ = try? Model.load(file)
  }
  return 0
}

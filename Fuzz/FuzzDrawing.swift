// libFuzzer target: drawing files and MNIST-style preprocessing. Built by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDrawing(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  if let drawing = try? Drawing(text: text) {
    _ = drawing.text
    _ = try? Preprocess.mnistImage(drawing)
  }
  return 0
}

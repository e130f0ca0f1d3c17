// libFuzzer target: checkpoint bytes → model → one forward pass on a 28×28 digit, as every
// command that runs a model does (load, the memory check, forward). Built by Fuzz/run.sh.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzForward(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  guard let file = try? SafeTensors(bytes: bytes), let (model, _) = try? Model.load(file) else {
    return 0
  }
  // The commands refuse a model that does not fit (eval, predict); here the budget is what
  // run.sh's -rss_limit_mb leaves after the fuzzer's own memory.
  guard (try? Evaluator.checkMemory(model, name: "the model", available: 1.2e9)) != nil else {
    return 0
  }
  var digit = [Float](repeating: 0, count: 28 * 28)
  for (i, byte) in bytes.prefix(digit.count).enumerated() { digit[i] = Float(byte) / 255 }
  let output = model.forward(
    Tensor(shape: [1] + Model.mnistInputShape, data: digit), training: false)
  if output.count != model.outputShape.reduce(1, *) {
    fatalError("output \(output.shape) for \(model.outputShape)")
  }
  return 0
}

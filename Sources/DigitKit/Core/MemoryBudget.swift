import Foundation

/// The memory a training run needs, estimated before it starts, so that a run too big for
/// the machine is refused with one line instead of being killed by the system half-way.
///
/// The estimate is simple, and checked against measured peaks (MemoryPeakTests: within 30% for
/// each net at batch 64, and above the measured peak at large batches):
/// - `baseBytes` for the program, OpenBLAS and the MNIST images;
/// - the parameters, their gradients and the optimizer's state (Adam 2, SGD 1 float each);
/// - every layer's output × batch × `activationFactor` floats, except inside the fused passes
///   of the execution plan (`ExecutionPlan`), which keep their last output;
/// - each convolution's scratch buffers, for the algorithm it runs (Winograd, direct or
///   im2col; `ConvAlgorithm.resolved(for:)`), each algorithm's own count of them.
public enum MemoryBudget {
  /// The program itself, OpenBLAS's buffers and MNIST (measured 100–130 MB resident).
  public static let baseBytes = 128.0 * 1024 * 1024

  /// Floats held during a training step per element of a layer's output: the output, what
  /// backward keeps (masks, pooling indices), the gradient passed back and short-lived copies
  /// (the convolutions' own buffers are counted apart). Measured on 2026-12-01 (VmHWM above the
  /// resident set before building the model, batch 64, convolutions by Winograd and direct):
  /// Net1 11 MB, Net2 16 MB, Net3 57 MB, and Net3 795 MB at batch 1024. With the fused plan
  /// (2026-12-02): Net2 12 MB, Net3 34 MB, and 434 MB at batch 1024. With 2.5 the estimate
  /// is 0.9–1.25× of those at batch 64 and under 1.5× at batch 1024.
  public static let activationFactor = 2.5

  /// About how many bytes training `model` at `batchSize` takes at its peak.
  public static func trainingBytes(model: Model, batchSize: Int, optimizer: OptimizerSettings.Kind)
    -> Double
  {
    let float = 4.0
    let batch = Double(max(batchSize, 1))
    let parameters = Double(model.parameterCount)
    let optimizerState = optimizer == .adam ? 2.0 : 1.0
    var floats = parameters * (2 + optimizerState)
    let inputs = [model.inputShape] + model.shapes
    for step in model.executionSteps where step.layers.count > 1 {
      // A fused pass (ExecutionPlan) keeps its last output and a byte or two per output; the
      // layers' own outputs inside it are never made, nor (with a convolution in front, which
      // takes it sample by sample) the pool's input gradient.
      let (first, last) = (step.layers.lowerBound, step.layers.upperBound)
      floats += Double(elements(model.shapes[last])) * batch * (activationFactor + 0.5)
      if !(model.layers[first] is Conv2d) { floats += Double(elements(inputs[first])) * batch }
    }
    let fused = Set(model.executionSteps.filter { $0.layers.count > 1 }.flatMap { $0.layers })
    for (i, layer) in model.layers.enumerated() {
      if !fused.contains(i) {
        floats += Double(elements(model.shapes[i])) * batch * activationFactor
      }
      if let conv = layer as? Conv2d, inputs[i].count == 3 {
        floats += Double(
          scratchFloats(
            conv, input: inputs[i], batchSize: batchSize,
            needsInputGradient: model.needsInputGradient(at: i)))
      }
    }
    floats += Double(elements(model.inputShape)) * batch  // the batch of images itself
    return baseBytes + floats * float
  }

  /// Refuses, with one line, a run that needs more memory than `available` bytes: a
  /// `DigitKitError` with `setting` `.batchSize` and, when a smaller batch size fits,
  /// `suggestedValue` the largest power of two that does, e.g. "training net3 at batch size
  /// 4096 needs about 12.3 GB but only 1.1 GB is free; batch size 256 fits".
  /// - Parameters:
  ///   - activity: what is starting, e.g. "training net3" or "finetuning net2".
  ///   - suggestsBatch: whether the batch size can be changed, so a smaller one can be offered.
  ///   - available: free memory; by default `availableBytes()` (nothing is checked when unknown).
  public static func check(
    _ activity: String, model: Model, batchSize: Int, optimizer: OptimizerSettings.Kind,
    suggestsBatch: Bool = true, available: Double? = availableBytes()
  ) throws {
    guard let available else { return }
    let needed = trainingBytes(model: model, batchSize: batchSize, optimizer: optimizer)
    guard needed > available else { return }
    let smaller =
      suggestsBatch
      ? largestBatch(below: batchSize, model: model, optimizer: optimizer, available: available)
      : nil
    let hint =
      smaller.map { "batch size \($0) fits" } ?? "close other programs or use a smaller model"
    throw DigitKitError(
      "\(activity) at batch size \(batchSize) needs about \(gigabytes(needed)) "
        + "but only \(gigabytes(available)) is free; \(hint)",
      setting: .batchSize, suggestedValue: smaller)
  }

  /// The largest power of two below `batchSize` whose run fits in `available` bytes.
  static func largestBatch(
    below batchSize: Int, model: Model, optimizer: OptimizerSettings.Kind,
    available: Double
  ) -> Int? {
    var batch = 1
    while batch * 2 < batchSize { batch *= 2 }
    while batch >= 1 {
      if batch < batchSize,
        trainingBytes(model: model, batchSize: batch, optimizer: optimizer) <= available
      {
        return batch
      }
      batch /= 2
    }
    return nil
  }

  /// Floats in the scratch buffers `conv` keeps for an input (C, H, W) at `batchSize`, for the
  /// algorithm it runs on it.
  static func scratchFloats(_ conv: Conv2d, input: [Int], batchSize: Int, needsInputGradient: Bool)
    -> Int
  {
    let g = conv.geometry(batch: max(batchSize, 1), height: input[1], width: input[2])
    switch conv.algorithm(for: g) {
    case .winograd:
      return WinogradConvolution.scratchFloats(g, needsInputGradient: needsInputGradient)
    case .direct: return DirectConvolution.scratchFloats(g, needsInputGradient: needsInputGradient)
    case .im2col: return Im2colConvolution.scratchFloats(g)
    }
  }

  /// "5.2 GB", or "310 MB" below a gigabyte.
  static func gigabytes(_ bytes: Double) -> String {
    let gb = bytes / 1_000_000_000
    return gb >= 1 ? String(format: "%.1f GB", gb) : String(format: "%.0f MB", bytes / 1_000_000)
  }

  private static func elements(_ shape: [Int]) -> Int { shape.reduce(1, *) }
}

extension MemoryBudget {
  /// Memory free for a new run: on Linux `MemAvailable` from /proc/meminfo, lowered to what a
  /// cgroup (v2) memory limit leaves; on macOS the physical memory. Nil when unknown.
  public static func availableBytes() -> Double? {
    #if os(Linux)
      guard let meminfo = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
        var free = memAvailable(meminfo)
      else { return nil }
      if let limit = read("/sys/fs/cgroup/memory.max"),
        let used = read("/sys/fs/cgroup/memory.current"),
        let left = cgroupLeft(max: limit, current: used)
      {
        free = min(free, left)
      }
      return free
    #else
      return Double(ProcessInfo.processInfo.physicalMemory)
    #endif
  }

  /// `MemAvailable` in bytes, from the text of /proc/meminfo.
  public static func memAvailable(_ meminfo: String) -> Double? {
    for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
      let fields = line.split(separator: " ")
      guard fields.count >= 2, let kilobytes = Double(fields[1]) else { return nil }
      return kilobytes * 1024
    }
    return nil
  }

  /// Bytes a cgroup v2 limit leaves (`memory.max` minus `memory.current`); nil for "max".
  public static func cgroupLeft(max: String, current: String) -> Double? {
    guard let limit = Double(max.trimmingCharacters(in: .whitespacesAndNewlines)),
      let used = Double(current.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return nil }
    return Swift.max(limit - used, 0)
  }

  private static func read(_ path: String) -> String? {
    try? String(contentsOfFile: path, encoding: .utf8)
  }
}

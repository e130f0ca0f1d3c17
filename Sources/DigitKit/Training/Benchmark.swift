import Foundation

/// Measures training throughput and the machine's GEMM speed. Never used in pass/fail tests.
public enum Benchmark {
  /// Training images per second for `net` at `batchSize`: forward, backward and update,
  /// on real MNIST images, after `warmUp` untimed steps.
  public static func trainingSpeed(
    _ net: NetName, batchSize: Int, steps: Int, warmUp: Int = 10,
    data: MNISTSet, layerTimes: Bool = false,
    cancel: CancellationToken? = nil
  ) -> (imagesPerSecond: Double, layers: [(String, Double, Double)])? {
    let model = Model.make(net, seed: 1)
    let optimizer = net.defaultOptimizer.make(for: model.namedParameters.map(\.parameter))
    var random = SeededGenerator(seed: 1)
    var batch = Tensor()
    func step() {
      let indices = (0..<batchSize).map { _ in Int.random(in: 0..<data.count, using: &random) }
      data.fill(&batch, indices: indices[...])
      let out = model.forward(batch, training: true)
      let (_, g) = NLLLoss.lossAndGradient(out, targets: indices.map { Int(data.labels[$0]) })
      model.backward(g)
      optimizer.step()
    }
    for _ in 0..<warmUp { step() }
    let start = Date()
    for _ in 0..<steps {
      if cancel?.isCancelled == true { return nil }
      step()
    }
    let elapsed = Date().timeIntervalSince(start)
    var layers: [(String, Double, Double)] = []
    if layerTimes { layers = profileLayers(model, batchSize: batchSize, data: data) }
    return (Double(steps * batchSize) / elapsed, layers)
  }

  /// Milliseconds per batch in each step of the model's execution plan (`ExecutionPlan`):
  /// a layer, or layers fused into one pass, forward and backward.
  static func profileLayers(_ model: Model, batchSize: Int, data: MNISTSet) -> [(
    String, Double, Double
  )] {
    var batch = Tensor()
    data.fill(&batch, indices: Array(0..<batchSize)[...])
    let context = ForwardContext(training: true, random: model.random)
    let plan = model.executionPlan ?? ExecutionPlan(model.layers, fusing: false)
    let repeats = 20
    var forward = [Double](repeating: 0, count: plan.steps.count)
    var backward = forward
    for _ in 0..<repeats {
      var x = batch
      for (i, step) in plan.steps.enumerated() {
        let t = Date()
        x = ExecutionPlan.forward(step, x, layers: model.layers, context: context)
        forward[i] += Date().timeIntervalSince(t)
      }
      var g = NLLLoss.lossAndGradient(x, targets: Array(repeating: 1, count: batchSize)).gradient
      let first = model.firstLayerWithParameters
      for (i, step) in plan.steps.enumerated().reversed() where step.layers.lowerBound >= first {
        let t = Date()
        g = ExecutionPlan.backward(
          step, g, layers: model.layers, needsInputGradient: step.layers.lowerBound > first)
        backward[i] += Date().timeIntervalSince(t)
      }
    }
    model.zeroGradients()
    return zip(plan.summary(model.layers), forward.indices).map { step, i in
      (step.name, 1000 * forward[i] / Double(repeats), 1000 * backward[i] / Double(repeats))
    }
  }

  /// GFLOPS of a square single-precision GEMM of side `n` (2n³ flops per product).
  public static func gemmGFLOPS(n: Int = 1024, repeats: Int = 5) -> Double {
    var random = SeededGenerator(seed: 1)
    let a = (0..<(n * n)).map { _ in random.nextUnitFloat() }
    let b = a
    var c = [Float](repeating: 0, count: n * n)
    func product() {
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          c.withUnsafeMutableBufferPointer { cp in
            BLAS.parallelGemm(
              m: n, n: n, k: n, a: ap.baseAddress!, lda: n, b: bp.baseAddress!, ldb: n,
              beta: 0, c: cp.baseAddress!, ldc: n)
          }
        }
      }
    }
    product()
    let start = Date()
    for _ in 0..<repeats { product() }
    return 2 * Double(n * n * n) * Double(repeats) / Date().timeIntervalSince(start) / 1e9
  }

  /// Milliseconds to preprocess and predict one drawing.
  public static func predictionMilliseconds(_ model: Model, drawing: Drawing, repeats: Int = 50)
    throws -> Double
  {
    _ = model.forward(Preprocess.tensor(try Preprocess.mnistImage(drawing)))
    let start = Date()
    for _ in 0..<repeats {
      _ = model.forward(Preprocess.tensor(try Preprocess.mnistImage(drawing)))
    }
    return 1000 * Date().timeIntervalSince(start) / Double(repeats)
  }
}

extension MemoryBudget {
  /// Floats held during inference per element of a layer's output: the output each layer
  /// keeps for reuse, and the copy passed on to the next.
  public static let inferenceFactor = 2.0

  /// About how many bytes running `model` forward (no training) on `batchSize` images takes at its peak.
  public static func inferenceBytes(model: Model, batchSize: Int) -> Double {
    let batch = max(batchSize, 1)
    var floats = Double(model.parameterCount) + Double(model.inputShape.reduce(1, *) * batch)
    let inputs = [model.inputShape] + model.shapes
    for (i, layer) in model.layers.enumerated() {
      floats += Double(model.shapes[i].reduce(1, *)) * Double(batch) * inferenceFactor
      if let conv = layer as? Conv2d, inputs[i].count == 3 {
        floats += Double(
          scratchFloats(conv, input: inputs[i], batchSize: batch, needsInputGradient: false))
      }
    }
    return baseBytes + 4 * floats
  }

  /// The largest batch of at most `preferred` images that `model` can run on in `available`
  /// bytes. Refuses, with one line, a model that does not fit even one image: "evaluating m
  /// needs about 48.1 GB for one image but only 23.0 GB is free; close other programs or use
  /// a smaller model". Nothing is checked when the free memory is unknown (nil).
  /// - Parameter activity: what is starting, e.g. "evaluating net3" or "predicting with m".
  public static func inferenceBatchSize(
    _ activity: String, model: Model, preferred: Int,
    available: Double? = availableBytes()
  ) throws -> Int {
    guard let available else { return max(preferred, 1) }
    let one = inferenceBytes(model: model, batchSize: 1)
    guard one <= available else {
      throw DigitKitError(
        "\(activity) needs about \(gigabytes(one)) for one image but only \(gigabytes(available)) "
          + "is free; close other programs or use a smaller model")
    }
    var (fits, tooBig) = (1, max(preferred, 1) + 1)  // the answer is in fits..<tooBig
    while tooBig - fits > 1 {
      let middle = (fits + tooBig) / 2
      if inferenceBytes(model: model, batchSize: middle) <= available {
        fits = middle
      } else {
        tooBig = middle
      }
    }
    return fits
  }
}

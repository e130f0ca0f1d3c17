extension MemoryBudget {
  /// Layers whose parameters take fewer bytes than this are not checked against free memory.
  static let smallLayerBytes = 64.0 * 1024 * 1024

  /// Bytes a layer of `spec` allocates as it is built: its weights and bias, and as many
  /// floats again for their gradients (4 bytes each).
  public static func parameterBytes(of spec: LayerSpec) -> Double {
    let inputs = Double(spec.inputs ?? 0)
    let outputs = Double(spec.outputs ?? 0)
    switch spec.kind {
    case .linear: return 8 * (inputs * outputs + outputs)
    case .conv2d:
      let kernel = Double(spec.kernel ?? 0)
      return 8 * (outputs * inputs * kernel * kernel + outputs)
    default: return 0
    }
  }

  /// Refuses, with one line, a layer whose parameters would not fit in the memory there is,
  /// before it is built: "linear 100000→100000 would need 80.0 GB for its weights and their
  /// gradients; only 23.0 GB is free". (Building it anyway ended the program.)
  /// - Parameter available: free memory in bytes, asked only for a large layer; nothing is
  ///   checked when it is unknown.
  public static func checkParameters(of spec: LayerSpec, available: () -> Double? = availableBytes)
    throws
  {
    let needed = parameterBytes(of: spec)
    guard needed > smallLayerBytes, let free = available(), needed > free else { return }
    throw DigitKitError(
      "\(spec.summary) would need \(gigabytes(needed)) for its weights and their gradients; "
        + "only \(gigabytes(free)) is free")
  }
}

import Foundation

/// What a checkpoint records besides the weights: where the model came from and how it was trained.
public struct ModelInfo: Codable, Equatable, Sendable {
  /// `net1`, `net2`, `net3` when built from the zoo.
  public var net: String?
  public var training: TrainingOptions?
  public var history: [EpochResult] = []
  /// Free text, e.g. "cancelled during epoch 3".
  public var note: String?

  public init(
    net: String? = nil, training: TrainingOptions? = nil, history: [EpochResult] = [],
    note: String? = nil
  ) {
    self.net = net
    self.training = training
    self.history = history
    self.note = note
  }

  /// Why `history`, read from a file, cannot be a real run's (the first reason found), or nil:
  /// counts of right answers must lie between 0 and the number of images, epochs are numbered
  /// from 1, and a loss is one a float32 model can give (finite, at least 0, at most
  /// `Float.greatestFiniteMagnitude`).
  public var historyProblem: String? {
    func count(_ right: Int, of total: Int, _ what: String, epoch: Int) -> String? {
      total >= 0 && (0...total).contains(right) && (what != "test images" || total > 0)
        ? nil : "epoch \(epoch) has \(right) right of \(total) \(what)"
    }
    func loss(_ value: Double, _ what: String, epoch: Int) -> String? {
      value >= 0 && value <= Double(Float.greatestFiniteMagnitude)
        ? nil : "epoch \(epoch) has a \(what) loss of \(String(format: "%g", value))"
    }
    for r in history {
      guard r.epoch >= 1 else { return "an epoch is numbered \(r.epoch)" }
      let problem =
        count(r.testCorrect, of: r.testTotal, "test images", epoch: r.epoch)
        ?? count(r.trainCorrect, of: r.trainTotal, "training images", epoch: r.epoch)
        ?? r.watchTotal.flatMap {
          count(r.watchCorrect ?? 0, of: $0, "watched drawings", epoch: r.epoch)
        }
        ?? loss(r.trainLoss, "train", epoch: r.epoch) ?? loss(r.testLoss, "test", epoch: r.epoch)
      if let problem { return problem }
    }
    return nil
  }
}

extension Model {
  /// The model's weights under PyTorch names, with the layer list, settings and history as metadata.
  public func checkpoint(info: ModelInfo) throws -> SafeTensors {
    var file = SafeTensors()
    for (name, p) in namedParameters { file.tensors[name] = p.value }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    func json<T: Encodable>(_ v: T) throws -> String {
      String(decoding: try encoder.encode(v), as: UTF8.self)
    }
    file.metadata["format"] = "digitlab/1"
    file.metadata["input_shape"] = try json(inputShape)
    file.metadata["layers"] = try json(specs)
    file.metadata["info"] = try json(info)
    return file
  }

  /// Saves atomically to `url`.
  public func save(to url: URL, info: ModelInfo) throws {
    try checkpoint(info: info).write(to: url)
  }

  /// Rebuilds a model from a checkpoint. Files without DigitLab metadata (saved from PyTorch)
  /// are matched to Net1, Net2 or Net3 by their parameter names and shapes.
  public static func load(_ file: SafeTensors) throws -> (model: Model, info: ModelInfo) {
    try load(file, name: "the model")
  }

  /// `load(_:)`, naming the model `name` where a refusal is about the whole model.
  static func load(_ file: SafeTensors, name: String) throws -> (model: Model, info: ModelInfo) {
    let decoder = JSONDecoder()
    var info = ModelInfo()
    let model: Model
    if let layers = file.metadata["layers"] {
      let specs: [LayerSpec]
      do { specs = try decoder.decode([LayerSpec].self, from: Data(layers.utf8)) } catch {
        throw DigitKitError("the layer list in the metadata is not valid (unknown layer kind?)")
      }
      var inputShape = [1, 28, 28]
      if let s = file.metadata["input_shape"] {
        guard let shape = try? decoder.decode([Int].self, from: Data(s.utf8)), shape.count == 3,
          shape.allSatisfy({ (1...256).contains($0) })
        else {
          throw DigitKitError("input_shape in the metadata is not valid")
        }
        inputShape = shape
      }
      // Checked before any layer is built: every command feeds the model 1×28×28 digits.
      try Model.checkTakesMNIST(inputShape, name: name)
      guard specs.count <= 256 else { throw DigitKitError("too many layers (\(specs.count))") }
      model = try Model.make(specs: specs, inputShape: inputShape)
      if let raw = file.metadata["info"],
        let decoded = try? decoder.decode(ModelInfo.self, from: Data(raw.utf8))
      {
        info = decoded
      }
      // Settings read from a file are checked like typed ones (a momentum of 5 diverged).
      do { try info.training?.validate() } catch let e as DigitKitError {
        throw DigitKitError("the training settings in the metadata are not valid: \(e.message)")
      }
    } else {
      let names = Set(file.tensors.keys)
      guard
        let net = NetName.allCases.first(where: {
          Set(Model.make($0).namedParameters.map(\.name)) == names
        })
      else {
        throw DigitKitError("no DigitLab metadata, and the tensors match none of net1, net2, net3")
      }
      model = Model.make(net)
      info.net = net.rawValue
    }
    let expected = Set(model.namedParameters.map(\.name))
    if let extra = file.tensors.keys.sorted().first(where: { !expected.contains($0) }) {
      throw DigitKitError("tensor \(extra) belongs to no layer of the model")
    }
    for (name, p) in model.namedParameters {
      guard let t = file.tensors[name] else { throw DigitKitError("tensor \(name) is missing") }
      guard t.shape == p.value.shape else {
        throw DigitKitError("\(name) has shape \(t.shape) but the layer needs \(p.value.shape)")
      }
      guard t.data.allSatisfy({ $0.isFinite }) else {
        throw DigitKitError("\(name) holds NaN or infinite values")
      }
      p.value = t
    }
    return (model, info)
  }

  /// Loads a checkpoint file; errors name the file.
  public static func load(contentsOf url: URL) throws -> (model: Model, info: ModelInfo) {
    let file = try SafeTensors(contentsOf: url)
    let name = url.lastPathComponent
    do { return try load(file, name: name) } catch let e as DigitKitError
      where !e.message.hasPrefix(name + " ")
    {
      throw DigitKitError("\(name): \(e.message)")
    }
  }
}

import ArgumentParser
import DigitKit
import Foundation

/// Checks a name for a new model: letters, digits, - and _, and not a shipped model's name
/// (a session model called net3 would hide the shipped Net3 from every command).
func validateModelName(_ name: String) throws {
  guard !name.isEmpty, name.count <= 40,
    name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
  else {
    throw userError("a model name uses letters, digits, - and _ (at most 40), not '\(name)'")
  }
  guard !ShippedModels.isReserved(name) else {
    throw userError("\(name) is a shipped model's name; pick another, e.g. my-\(name)")
  }
}

/// A model of this session, or a one-line error naming what exists.
func sessionModel(_ name: String, in session: Session) throws -> NamedModel {
  if let m = session.models[name] { return m }
  let hint =
    Suggest.closest(to: name, in: Array(session.models.keys)).map { " (did you mean \($0)?)" }
    ?? (session.models.isEmpty ? "; make one with: new \(name)" : "")
  throw userError("no model named \(name) in this session\(hint)")
}

struct NewCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Start a new model, empty (then add layers) or copied from a study net.",
    discussion:
      "Examples: new mynet, new a --from net3 (untrained), new b --from net3 --trained (the shipped weights)"
  )

  @Argument(help: "Name for the model.") var name: String
  @Option(help: "Copy the layers of net1, net2 or net3.") var from: String?
  @Flag(help: "With --from: copy the shipped, trained weights too.") var trained = false
  @Option(help: "Copy another model: its layers and its current weights (for fair comparisons).")
  var copy: String?
  @Option(help: "Seed for the initial weights.") var seed: UInt64 = 1

  func validate() throws {
    try validateModelName(name)
    if let from, NetName(rawValue: from) == nil {
      throw userError("--from must be net1, net2 or net3, not \(from)")
    }
    if trained && from == nil { throw userError("--trained goes with --from") }
    if copy != nil && from != nil { throw userError("give --from or --copy, not both") }
  }

  func run(in session: Session) throws {
    let named: NamedModel
    if let copy {
      let source = try session.resolveModel(copy)
      named = NamedModel(
        model: try source.model.copy(seed: seed), info: ModelInfo(net: source.info.net))
    } else if let from, let net = NetName(rawValue: from) {
      if trained {
        let shipped = try session.resolveModel(net.rawValue)
        named = NamedModel(model: try shipped.model.copy(seed: seed), info: shipped.info)
      } else {
        named = NamedModel(model: Model.make(net, seed: seed), info: ModelInfo(net: net.rawValue))
      }
    } else {
      named = NamedModel(model: Model(seed: seed), info: ModelInfo())
    }
    let replaced = session.models[name] != nil
    session.models[name] = named
    let what =
      copy.map { "a copy of \($0), same layers and weights" } ?? from.map {
        "a copy of \($0)\(trained ? " with its trained weights" : ", untrained")"
      } ?? "empty; input 1×28×28"
    session.console.line(
      "\(replaced ? "Replaced" : "New model") \(name): \(what), \(named.model.layers.count) layers, \(grouped(named.model.parameterCount)) parameters."
    )
  }
}

struct AddCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract: "Add a layer to a model and see its output shape and parameters.",
    discussion: """
      Layers: conv [IN] OUT K (--padding P), linear [IN] OUT, maxpool [K], relu, tanh, \
      sigmoid, dropout [P], dropout2d [P], flatten, logsoftmax. IN is taken from the model \
      when left out.
      Examples: add mynet conv 1 32 5, add mynet relu, add mynet flatten, add mynet linear 10
      """)

  @Argument(help: "The model to grow.") var model: String
  @Argument(help: "The kind of layer.") var kind: String
  @Argument(help: "Sizes (see above).") var numbers: [String] = []
  @Option(parsing: .unconditional, help: "Zero padding around a conv's input.") var padding: Int?

  func run(in session: Session) throws {
    let named = try sessionModel(model, in: session)
    guard let layerKind = LayerKind(rawValue: kind.lowercased()) else {
      let hint =
        Suggest.closest(to: kind, in: LayerKind.allCases.map(\.rawValue)).map {
          " (did you mean \($0)?)"
        } ?? ""
      throw userError(
        "no layer kind '\(kind)'\(hint); kinds: \(LayerKind.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    let spec = try makeSpec(layerKind, current: named.model.outputShape)
    let layer = try named.model.append(spec)
    let m = named.model
    session.console.line(
      "\(model): + \(layer.spec.name.map { "\($0): " } ?? "")\(layer.spec.summary) → \(describeShape(m.outputShape)), \(grouped(layer.parameterCount)) params; total \(grouped(m.parameterCount))"
    )
  }

  private func makeSpec(_ kind: LayerKind, current: [Int]) throws -> LayerSpec {
    func ints(_ range: ClosedRange<Int>, _ usage: String) throws -> [Int] {
      guard range.contains(numbers.count) else {
        throw userError("\(kind.rawValue) takes \(usage)")
      }
      return try numbers.map {
        guard let n = Int($0), n > 0 else {
          throw userError("\(kind.rawValue): '\($0)' is not a positive whole number")
        }
        return n
      }
    }
    switch kind {
    case .conv2d:
      let n = try ints(2...3, "[IN] OUT K, e.g. conv 1 32 5")
      guard current.count == 3 else {
        throw userError(
          "conv needs C×H×W feature maps, but the model's output is \(describeShape(current))")
      }
      let inputs = n.count == 3 ? n[0] : current[0]
      return LayerSpec(
        kind: .conv2d, inputs: inputs, outputs: n[n.count - 2], kernel: n[n.count - 1],
        padding: padding)
    case .linear:
      let n = try ints(1...2, "[IN] OUT, e.g. linear 784 10")
      let inputs = n.count == 2 ? n[0] : current.reduce(1, *)
      return LayerSpec(kind: .linear, inputs: inputs, outputs: n[n.count - 1])
    case .maxPool2d:
      let n = try ints(0...1, "an optional size, e.g. maxpool 2")
      return LayerSpec(kind: .maxPool2d, kernel: n.first ?? 2)
    case .dropout, .dropout2d:
      guard numbers.count <= 1 else {
        throw userError("\(kind.rawValue) takes an optional probability, e.g. \(kind.rawValue) 0.5")
      }
      guard let p = numbers.first.map({ Float($0) }) ?? Float(0.5), p >= 0, p < 1 else {
        throw userError("\(kind.rawValue): the probability must be at least 0 and below 1")
      }
      return LayerSpec(kind: kind, p: p)
    default:
      guard numbers.isEmpty else { throw userError("\(kind.rawValue) takes no numbers") }
      return LayerSpec(kind: kind)
    }
  }
}

struct PopCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "pop", abstract: "Remove the last layer of a model (undo an add).")
  @Argument(help: "The model.") var model: String
  func run(in session: Session) throws {
    let named = try sessionModel(model, in: session)
    guard let last = named.model.layers.last else {
      throw userError("\(model) has no layers to remove")
    }
    named.model.removeLast()
    session.console.line(
      "\(model): removed \(last.spec.summary); output now \(describeShape(named.model.outputShape))."
    )
  }
}

struct ModelsCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "models", abstract: "List the models of this session and the shipped ones.")
  func run(in session: Session) throws {
    if session.models.isEmpty {
      session.console.line("No models in this session yet (new NAME starts one).")
    }
    for (name, m) in session.models.sorted(by: { $0.key < $1.key }) {
      let last =
        m.info.history.last.map {
          String(
            format: ", test %.2f%% after %@", $0.testAccuracy, plural(m.info.history.count, "epoch")
          )
        } ?? ""
      session.console.line(
        "  \(name): \(plural(m.model.layers.count, "layer")), \(grouped(m.model.parameterCount)) parameters, output \(describeShape(m.model.outputShape))\(last)"
      )
    }
    let shipped = ShippedModels.names()
    if !shipped.isEmpty {
      session.console.line(
        "Shipped: \(shipped.joined(separator: ", ")) (about --model NAME tells more)")
    }
  }
}

struct SaveCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "save", abstract: "Save a model to a safetensors file (PyTorch can load it).",
    discussion:
      "Examples: save mynet (writes mynet.safetensors here), save mynet runs/a.safetensors")
  @Argument(help: "The model.") var model: String
  @Argument(help: "The file to write; without it, MODEL.safetensors in this folder.")
  var file: String?
  @Flag(help: "Replace a shipped model's file in Data/models.") var force = false
  func run(in session: Session) throws {
    let file = self.file ?? "\(model).safetensors"
    try ShippedModels.checkWritable(file, force: force)
    let named = try session.resolveModel(model)
    let note = folderNote(for: file)
    try named.model.save(to: URL(fileURLWithPath: file), info: named.info)
    session.console.line("Saved \(model) to \(file).\(note.map { " " + $0 } ?? "")")
  }
}

struct LoadCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "load", abstract: "Load a checkpoint file as a model of this session.",
    usage: "load [<name>] <file>",
    discussion: """
      Examples: load mine mynet.safetensors, or load mynet.safetensors (named mynet). The \
      shipped models (net1, net2, net3…) need no load: use them by name.
      """)
  @Argument(
    help: ArgumentHelp(
      "Name for the model; without it, the file's name without its extension.", valueName: "name"))
  var first: String
  @Argument(help: ArgumentHelp("The safetensors file.", valueName: "file")) var second: String?

  /// `load NAME FILE`, or `load FILE`, named after the file ("runs/mynet.safetensors" → mynet).
  var model: (name: String, file: String) {
    guard let second else {
      return (URL(fileURLWithPath: first).deletingPathExtension().lastPathComponent, first)
    }
    return (first, second)
  }

  func validate() throws {
    guard second == nil else { return try validateModelName(first) }
    if ShippedModels.isReserved(first) {
      throw userError(
        "\(first) is shipped and always here: use it by name, e.g. eval --model \(first)")
    }
    do { try validateModelName(model.name) } catch {
      throw userError("name the model: load NAME \(first) (\(error))")
    }
  }

  func run(in session: Session) throws {
    let (name, file) = model
    let (model, info) = try Model.load(contentsOf: URL(fileURLWithPath: file))
    let replaced = session.models[name] != nil ? ", replacing the \(name) you had" : ""
    session.models[name] = NamedModel(model: model, info: info)
    session.console.line(
      "Loaded \(file) as \(name)\(replaced): \(model.layers.count) layers, \(grouped(model.parameterCount)) parameters."
    )
  }
}

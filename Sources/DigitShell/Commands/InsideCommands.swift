import ArgumentParser
import DigitKit
import TextArt

struct FiltersCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "filters",
    abstract: "A convolution's learnt filters (its weights), as small pictures.",
    discussion: "Example: filters --model net2 --layer conv1")

  @OptionGroup var choice: ModelChoice
  var model: String { choice.name }
  @Option(help: "Which convolution, by name (conv1, conv2, …).") var layer = "conv1"
  @Option(
    parsing: .unconditional, help: "For a conv with several input channels: which one to show.")
  var input = 0
  @OptionGroup var art: ArtOptions

  func run(in session: Session) throws {
    let m = try session.resolveModel(model).model
    let convs = m.layers.compactMap { $0 as? Conv2d }
    guard let conv = convs.first(where: { $0.name == layer }) else {
      throw userError(
        "\(model) has no convolution named \(layer); it has: \(convs.map(\.name).joined(separator: ", "))"
      )
    }
    guard (0..<conv.inputChannels).contains(input) else {
      throw userError("--input must be from 0 to \(conv.inputChannels - 1)")
    }
    let k = conv.kernel
    let w = conv.weight.value.data
    let maps = (0..<conv.outputChannels).map { o in
      Array(
        w[
          ((o * conv.inputChannels + input) * k * k)..<((o * conv.inputChannels + input + 1) * k * k)
        ])
    }
    session.console.line(
      "\(model) \(layer): \(conv.outputChannels) filters of \(k)×\(k)\(conv.inputChannels > 1 ? " (input channel \(input) of \(conv.inputChannels))" : "")"
    )
    try art.emit(to: session.console) { style in
      Heatmap.tile(
        maps: maps, mapWidth: k, mapHeight: k, captions: (0..<maps.count).map { "\($0)" },
        width: min(Terminal.width, 160), style: style)
    }
  }
}

struct ActivationsCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "activations",
    abstract: "What one digit looks like inside a net: the feature maps after a layer.",
    discussion:
      "Example: activations --model net2 --layer 3 --index 0  (layer numbers as in summary)")

  @OptionGroup var choice: ModelChoice
  var model: String { choice.name }
  @Option(
    parsing: .unconditional, help: "Show the output of this layer (1 = the first; see summary).")
  var layer = 1
  @Option(parsing: .unconditional, help: "Which MNIST test image.") var index = 0
  @Option(parsing: .unconditional, help: "Show at most this many maps.") var limit = 32
  @OptionGroup var art: ArtOptions

  func run(in session: Session) throws {
    let m = try session.resolveModel(model).model
    guard (1...max(m.layers.count, 1)).contains(layer), layer <= m.layers.count else {
      throw userError("--layer must be from 1 to \(m.layers.count) (see: summary \(model))")
    }
    let test = try session.mnist(.test)
    guard (0..<test.count).contains(index) else {
      throw userError("--index must be from 0 to \(test.count - 1)")
    }
    var x = Tensor()
    test.fill(&x, indices: [index])
    let y = m.forward(x, upTo: layer)
    let shape = m.shapes[layer - 1]
    session.console.line(
      "Test image \(index) (a \(test.labels[index])) after layer \(layer) of \(model) (\(m.layers[layer - 1].spec.summary)): \(describeShape(shape))"
    )
    try art.emit(to: session.console) { style in
      if shape.count == 3 {
        let (c, h, w) = (shape[0], shape[1], shape[2])
        let maps = (0..<min(c, max(limit, 1))).map {
          Array(y.data[($0 * h * w)..<(($0 + 1) * h * w)])
        }
        return Heatmap.tile(
          maps: maps, mapWidth: w, mapHeight: h, captions: (0..<maps.count).map { "\($0)" },
          width: min(Terminal.width, 160), style: style)
      }
      let n = y.count
      let width = min(n, 32)
      return Heatmap.render(
        values: y.data, width: width, height: (n + width - 1) / width, style: style,
        maxWidth: Terminal.width)
    }
  }
}

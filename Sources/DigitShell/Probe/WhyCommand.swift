import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct WhyCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "why",
    abstract: "Why did the model say that? Look-alike training images and an occlusion map.",
    discussion: """
      For the current drawing (from draw, random or draw --load FILE): the five training \
      images nearest to it in the model's last hidden layer, by cosine similarity, and a map \
      of which parts, when blanked, lower the answer's probability most. The first why with \
      a model reads all 60000 training images through it once (a few seconds; cached).
      Examples:
        random --seed 3
        why
        draw --load Data/drawings/9-looks-like-7.txt
        why --model net2
      """)

  @OptionGroup var choice: ModelChoice
  var model: String? { choice.chosen }

  @OptionGroup var art: ArtOptions

  /// How many look-alikes to show.
  static let neighbourCount = 5

  func run(in session: Session) throws {
    guard let drawing = session.drawing else {
      throw userError("no current drawing yet; make one with draw, random or draw --load FILE")
    }
    let (modelName, named) = try DrawModels.resolve(model, in: session)
    let net = named.model
    guard let depth = HiddenLayer.depth(of: net) else {
      throw userError("\(modelName) has no hidden layer before a final linear layer to look inside")
    }
    guard let (seen, source) = SeenImage.of(drawing, test: try? session.mnist(.test)) else {
      throw userError("the current drawing is blank: there is nothing to explain")
    }
    let train = try session.mnist(.train)
    let table = try trainingTable(
      net, name: modelName, depth: depth, train: train, session: session)
    let probabilities = Prediction.probabilities(net, image: seen)
    let predicted = Occlusion.argmax(probabilities)
    session.notePrediction(probabilities, model: modelName, input: "the current drawing")
    let query = HiddenLayer.features(of: seen, model: net, depth: depth)
    let neighbours = NearestNeighbours.nearest(to: query, in: table, k: Self.neighbourCount)
    let occlusion = OcclusionMap(image: seen, target: predicted) { Self.classify($0, with: net) }
    let report = WhyReport(
      modelName: modelName, source: source, seen: seen, probabilities: probabilities,
      hiddenLayer: HiddenLayer.describe(net, depth: depth), neighbours: neighbours,
      neighbourImages: neighbours.map { Array(train.image($0.index)) },
      neighbourLabels: neighbours.map { Int(train.labels[$0.index]) }, occlusion: occlusion)
    try art.emit(to: session.console) { style in
      report.render(style: style, width: min(Terminal.width, 80))
    }
  }

  /// The training images' last hidden layer, cached per model; Ctrl-C stops the first reading.
  private func trainingTable(
    _ net: Model, name: String, depth: Int, train: MNISTSet, session: Session
  ) throws -> UnitRows {
    let reading = TableReading(net, depth: depth, images: train, cache: session.hiddenFeatures)
    if let table = reading.table { return table }
    try reading.runToEnd(
      note:
        "Reading the \(train.count) training images through \(name) (once per model per session)...",
      stopped: "all training images were read", in: session)
    guard let table = reading.table else {
      throw userError("stopped by Ctrl-C before all training images were read")
    }
    return table
  }

  /// Class probabilities of many 28×28 images (ink 0…1) in one forward pass: pᵢ = exp(log pᵢ).
  static func classify(_ images: [[Float]], with model: Model) -> [[Double]] {
    let out = model.forward(HiddenLayer.batch(images), training: false)
    let k = out.itemSize
    return (0..<out.batch).map { row in
      out.data[(row * k)..<((row + 1) * k)].map { Double(exp($0)) }
    }
  }
}

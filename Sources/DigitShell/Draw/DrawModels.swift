import DigitKit
import Foundation
import TextArt

/// The model `draw` and `random` ask, and how they report its answer.
enum DrawModels {
  /// Tried in order when no `--model` is given: the shipped net that reads people's
  /// handwriting best first, as measured on Data/drawings/handwriting (Data/models/README.md).
  static let preferred = ["net3-people", "net3", "net3-augmented", "net2", "net1"]

  /// The default model of every command that works on one: the first of `preferred` that
  /// ships in Data/models (net3 when none does, so the error names it).
  static var defaultName: String {
    preferred.first { ShippedModels.file(named: $0) != nil } ?? "net3"
  }

  /// The named model, or the first shipped one of `preferred`; it must be a classifier.
  static func resolve(_ name: String?, in session: Session) throws -> (
    name: String, model: NamedModel
  ) {
    if let name {
      let named = try session.resolveModel(name)
      guard named.model.isClassifier else {
        throw userError("\(name) does not end in logsoftmax with 10 outputs yet")
      }
      return (name, named)
    }
    for candidate in preferred {
      if let named = try? session.resolveModel(candidate), named.model.isClassifier {
        return (candidate, named)
      }
    }
    throw userError(
      "no shipped model (net3, net2 or net1) in Data/models; train one with: train --net net3 --out FILE, then use --model FILE"
    )
  }

  /// Half blocks and colour on a terminal that allows them, else plain ASCII.
  static var artStyle: ArtStyle { Terminal.allowsRichOutput ? .rich : .ascii }

  /// The preprocessed image and the probabilities for a drawing, or nil when it is blank.
  static func read(_ drawing: Drawing, with model: Model) -> (
    seen: [Float], probabilities: [Double]
  )? {
    guard let seen = try? Preprocess.mnistImage(drawing) else { return nil }
    return (seen, Prediction.probabilities(model, image: seen))
  }

  /// Prints a drawing's prediction as `predict` does; a blank drawing gets one line instead.
  /// With `picture` (the drawing must be 28×28) the drawing is printed beside the bars,
  /// under that title.
  static func printPrediction(
    of drawing: Drawing, title: String, modelName: String, model: Model, picture: String? = nil,
    to console: Console
  ) {
    guard let (_, p) = read(drawing, with: model) else {
      console.line("\(title): blank, nothing for \(modelName) to read.")
      return
    }
    let width = min(Terminal.width, 80)
    let heading = "\(title), model \(modelName)"
    guard let picture, drawing.width == DrawEditor.side, drawing.height == DrawEditor.side else {
      console.line(
        ProbabilityBars.render(probabilities: p, width: width, style: artStyle, title: heading))
      return
    }
    console.line(
      PredictionArt.render(
        ink: drawing.ink, pictureTitle: picture, probabilities: p, title: heading, width: width,
        style: artStyle))
  }
}

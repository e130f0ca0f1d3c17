import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct PredictCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "predict",
    abstract: "Ask a model which digit a drawing (or an MNIST image) shows.",
    discussion: """
      Drawing files are text grids: . blank, # full ink, 1-9 grey. They are made MNIST-like \
      first: cropped, scaled to 20 pixels, centred by mass in 28×28. Each answer shows that \
      28×28 image, what the net sees, beside the bars; --quiet shows the bars only.
      Examples:
        predict Data/drawings/9-looks-like-7.txt --model net3
        predict --index 0 --set test
      """)

  @Argument(help: "Drawing files to recognise.")
  var files: [String] = []

  @Option(parsing: .unconditional, help: "Predict MNIST image number I instead of a file.")
  var index: Int?

  @Option(help: "Which MNIST set --index refers to: test or train.")
  var set: String = "test"

  @Option(
    help:
      "A shipped model (models lists them), a model from this shell, or a checkpoint file (default: the shipped net that reads drawings best)."
  )
  var model: String?

  @Flag(help: "Only the bars, not the image the model sees.")
  var quiet = false

  @OptionGroup var output: JSONOption

  struct Result: Encodable {
    let file: String, model: String, prediction: Int, probabilities: [Double]
  }

  func validate() throws {
    if files.isEmpty && index == nil {
      throw userError("name a drawing file, or an MNIST image with --index")
    }
    if set != "test" && set != "train" {
      throw userError("--set must be test or train, not \(set)")
    }
  }

  func run(in session: Session) throws {
    let (model, named) = try DrawModels.resolve(self.model, in: session)
    try Evaluator.checkMemory(named.model, name: model)
    var inputs: [(name: String, image: [Float], label: Int?)] = []
    if let index {
      let data = try session.mnist(set == "train" ? .train : .test)
      guard (0..<data.count).contains(index) else {
        throw userError("--index must be from 0 to \(data.count - 1) for the \(set) set")
      }
      inputs.append(
        ("\(set)[\(index)]", data.image(index).map { Float($0) / 255 }, Int(data.labels[index])))
    }
    for file in files {
      let drawing = try Drawing(contentsOf: URL(fileURLWithPath: file))
      inputs.append((file, try Preprocess.mnistImage(drawing), nil))
    }
    var notNumbers = false
    for input in inputs {
      let p = Prediction.probabilities(named.model, image: input.image)
      notNumbers = notNumbers || !p.allSatisfy(\.isFinite)
      let best = p.indices.max { p[$0] < p[$1] } ?? 0
      session.notePrediction(p, model: model, input: input.name)
      if output.json {
        session.console.line(
          try JSONLine.encode(
            Result(file: input.name, model: model, prediction: best, probabilities: p)))
      } else {
        session.console.line(answer(input, probabilities: p, model: model))
      }
    }
    // Every input is shown (JSON with null); the status says the answers are no answers.
    if notNumbers {
      throw DigitKitError(
        "\(URL(fileURLWithPath: model).lastPathComponent) gives probabilities that are not numbers; "
          + "its weights are broken (a training run that diverged?)")
    }
  }

  /// The bars for one input, beside the 28×28 image the model read unless --quiet.
  func answer(
    _ input: (name: String, image: [Float], label: Int?), probabilities p: [Double], model: String
  ) -> String {
    let title = "\(input.name)\(input.label.map { ", labelled \($0)" } ?? ""), model \(model)"
    let width = min(Terminal.width, 80)
    if quiet {
      return ProbabilityBars.render(
        probabilities: p, width: width, style: Art.style(), title: title)
    }
    return PredictionArt.render(
      ink: input.image, pictureTitle: "what \(model) sees", probabilities: p, title: title,
      width: width, style: Art.style())
  }
}

/// Class probabilities from a classifier's log-probabilities.
enum Prediction {
  static func probabilities(_ model: Model, image: [Float]) -> [Double] {
    let out = model.forward(Preprocess.tensor(image), training: false)
    return out.data.map { Double(exp($0)) }
  }
}

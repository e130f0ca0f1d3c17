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
      Under the bars: has the net ever seen anything like it? The familiarity gauge compares \
      the input with its 10 nearest training digits inside the net (its last hidden layer) \
      and with 1000 MNIST test digits scored the same way: unusual below the 10th \
      percentile, never seen below the 1st (help familiar). The first use per model reads \
      the training images through it (a few seconds).
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

  @Flag(help: "Only the bars, not the image the model sees nor the familiarity gauge.")
  var quiet = false

  @OptionGroup var output: JSONOption

  /// One JSON line; `familiarity` is null when the gauge cannot read the model (no hidden
  /// layer, probabilities that are not numbers).
  struct Result: Encodable {
    let file: String, model: String, prediction: Int, probabilities: [Double]
    let familiarity: FamiliarityJSON?

    enum CodingKeys: String, CodingKey {
      case file, model, prediction, probabilities, familiarity
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(file, forKey: .file)
      try c.encode(model, forKey: .model)
      try c.encode(prediction, forKey: .prediction)
      try c.encode(probabilities, forKey: .probabilities)
      try c.encode(familiarity, forKey: .familiarity)
    }
  }

  /// `{"score": 0.62, "percentile": 0.4, "verdict": "unlike"}`: the mean cosine similarity
  /// of the 10 nearest training digits, the percent of the MNIST test sample below it, and
  /// familiar, unusual or unlike (below the 10th, the 1st percentile).
  struct FamiliarityJSON: Encodable {
    let score: Double, percentile: Double, verdict: String
    init(_ f: Familiarity) {
      score = (Double(f.score) * 10000).rounded() / 10000
      percentile = (f.percentile * 10).rounded() / 10
      verdict = f.verdict.rawValue
    }
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
    var gauge: FamiliarityGauge?
    // --quiet is the bars only: no gauge to read.
    var gaugeAsked = quiet && !output.json
    for input in inputs {
      let p = Prediction.probabilities(named.model, image: input.image)
      let numbers = p.allSatisfy(\.isFinite)
      notNumbers = notNumbers || !numbers
      let best = p.indices.max { p[$0] < p[$1] } ?? 0
      session.notePrediction(p, model: model, input: input.name)
      if !output.json { session.console.line(answer(input, probabilities: p, model: model)) }
      // The gauge is read on the first input with an answer (a broken net gets none), after
      // that answer is shown.
      if !gaugeAsked && numbers {
        gaugeAsked = true
        gauge = try GaugeReading.gauge(
          named.model, name: model, in: session, announce: !output.json)
      }
      let familiarity = numbers ? gauge?.measure(input.image) : nil
      if let familiarity { session.noteFamiliarity(familiarity, model: model) }
      if output.json {
        session.console.line(
          try JSONLine.encode(
            Result(
              file: input.name, model: model, prediction: best, probabilities: p,
              familiarity: familiarity.map(FamiliarityJSON.init))))
      } else if let familiarity {
        session.console.line(gaugeText(familiarity, p, model: model))
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

extension PredictCommand {
  /// The gauge in words under the bars: "net3 is 99% sure it is a 9, but it has never seen a
  /// 9 like this. Familiarity 0.62 (…): only 0.4% of MNIST test digits are less familiar."
  func gaugeText(_ f: Familiarity, _ p: [Double], model: String) -> String {
    let text =
      FamiliarityWords.headline(f, probabilities: p, model: model) + " "
      + FamiliarityWords.detail(f)
    return wrapText(text, width: min(Terminal.width, 80)).joined(separator: "\n")
  }
}

/// Class probabilities from a classifier's log-probabilities.
enum Prediction {
  static func probabilities(_ model: Model, image: [Float]) -> [Double] {
    let out = model.forward(Preprocess.tensor(image), training: false)
    return out.data.map { Double(exp($0)) }
  }
}

import ArgumentParser
import DigitKit
import Foundation
import TextArt

/// `familiar`: the familiarity gauge's distribution on MNIST test digits and on a folder of
/// drawings (people's handwriting by default), as two histograms that fit 80×24.
struct FamiliarCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "familiar",
    abstract:
      "Has the net seen anything like these? Familiarity of MNIST test digits and drawings.",
    discussion: """
      The familiarity of an image is the mean cosine similarity of its 10 nearest training \
      digits inside the net, in its last hidden layer (as why finds look-alikes): near 1, \
      many training digits have the same pattern; lower, the net has seen little like it. \
      predict and draw show it for one drawing, in words: unusual when fewer than 10% of \
      MNIST test digits are less familiar (below the 10th percentile), never seen below the \
      1st. The lines come from the first 1000 MNIST test digits read through the same model. \
      familiar shows both histograms, MNIST test and a folder of drawings, and how much of \
      each falls below the lines. The first use per model reads the 60000 training images \
      through it (a few seconds).
      Examples:
        familiar
        familiar --drawings Data/drawings/validation --model net3-study
      """)

  @Option(help: "A folder of labelled drawings (default: Data/drawings/handwriting).")
  var drawings: String?

  @Option(
    help:
      "A shipped model (models lists them), a model from this shell, or a checkpoint file (default: the shipped net that reads drawings best)."
  )
  var model: String?

  @OptionGroup var art: ArtOptions

  func run(in session: Session) throws {
    let (modelName, named) = try DrawModels.resolve(model, in: session)
    try Evaluator.checkMemory(named.model, name: modelName)
    let folder = try drawings.map { URL(fileURLWithPath: $0) } ?? TrainCommand.handwritingFolder()
    let set = try LabelledDrawings(directory: folder)
    guard let gauge = try GaugeReading.gauge(named.model, name: modelName, in: session) else {
      throw userError(
        "\(modelName) has no hidden layer before its last linear layer (or no MNIST files) to compare in"
      )
    }
    // An all-zero hidden layer is like nothing: it scores 0.
    let scores = gauge.scores(set.images).map { $0 ?? 0 }
    session.noteFamiliarShares(
      mnist: gauge.calibration.scores, drawings: scores, calibration: gauge.calibration,
      model: modelName)
    let histogram = FamiliarHistogram(
      model: modelName, mnist: gauge.calibration.scores, drawings: scores,
      folder: folder.lastPathComponent, calibration: gauge.calibration)
    try art.emit(to: session.console) { histogram.render(style: $0) }
  }
}

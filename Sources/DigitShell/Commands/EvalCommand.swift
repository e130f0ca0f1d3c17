import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct EvalCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Test a model on the 10,000 MNIST test images: how many it gets right, and its loss.",
    discussion: "Examples: eval net3, eval mine, eval net2 --drawings Data/drawings/validation")

  @OptionGroup var choice: ModelChoice
  var model: String { choice.name }

  @Option(
    help:
      "Score a folder of labelled drawings (3-mine.txt is a 3) instead of MNIST, and show the misses."
  )
  var drawings: String?

  @OptionGroup var art: ArtOptions

  @OptionGroup var output: JSONOption

  struct Result: Encodable {
    let test_correct: Int, test_total: Int, test_loss: Double
  }

  struct DrawingsResult: Encodable {
    let watch_correct: Int, watch_total: Int
  }

  private func evalDrawings(_ m: Model, folder: String, in session: Session) throws {
    let set = try LabelledDrawings(directory: URL(fileURLWithPath: folder))
    let score = Evaluator.evaluate(m, on: set)
    session.noteDrawings(labels: set.labels, predictions: score.predictions, model: model)
    if output.json {
      session.console.line(
        try JSONLine.encode(DrawingsResult(watch_correct: score.correct, watch_total: score.total)))
      return
    }
    session.console.line(
      String(
        format: "%@ on the drawings in %@: %d/%d right (%.1f%%)", model, folder, score.correct,
        score.total,
        100 * Double(score.correct) / Double(max(score.total, 1))))
    let misses = (0..<set.count).filter { score.predictions[$0] != set.labels[$0] }
    guard !misses.isEmpty else { return }
    session.console.line("The ones it gets wrong (file: true→read as), as the net sees them:")
    try art.emit(to: session.console) { style in
      DigitGrid.render(
        images: misses.map { Preprocess.bytes(set.images[$0]) },
        captions: misses.map { "\(set.labels[$0])→\(score.predictions[$0])" },
        options: DigitGridOptions(style: style, width: min(Terminal.width, 200)))
        + "\n"
        + misses.map { "  \(set.names[$0]): read as \(score.predictions[$0])" }.joined(
          separator: "\n")
    }
  }

  func run(in session: Session) throws {
    let named = try session.resolveModel(model)
    guard named.model.isClassifier else {
      throw userError(
        "\(model) does not end in logsoftmax with 10 outputs yet, so it cannot be tested")
    }
    try Evaluator.checkMemory(named.model, name: model)
    if let drawings { return try evalDrawings(named.model, folder: drawings, in: session) }
    let test = try session.mnist(.test)
    guard
      let e = Interrupts.whileRunning(
        session.cancel, { Evaluator.evaluate(named.model, on: test, cancel: session.cancel) })
    else {
      session.console.line("Ctrl-C: evaluation stopped.")
      if !session.interactive { throw ExitCode(130) }
      return
    }
    if output.json {
      session.console.line(
        try JSONLine.encode(Result(test_correct: e.correct, test_total: e.total, test_loss: e.loss))
      )
    } else {
      session.console.line(
        String(
          format: "%@: %d/%d test images right (%.2f%%), test loss %.4f", model, e.correct, e.total,
          e.accuracy, e.loss))
    }
    session.noteEvaluation(e, model: model)
    // The result is printed either way (JSON with null); the status says it is no result.
    guard e.loss.isFinite else {
      throw DigitKitError(
        "\(URL(fileURLWithPath: model).lastPathComponent) gives a test loss that is not a number; "
          + "its weights are broken (a training run that diverged?)")
    }
  }
}

import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct RandomCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "random",
    abstract: "Show a random MNIST test image and what a model reads in it.",
    discussion: """
      The image becomes the current drawing, so draw can change it and save-drawing keep it.
      Examples: random, random net1, random --seed 7 (the same image every time),
      random --big (as big as the screen, for showing a room)
      """)

  @OptionGroup var choice: ModelChoice

  @Option(help: "Pick the image with this seed, to see the same one again.")
  var seed: UInt64?

  @Flag(help: "The digit as big as the screen, with the probabilities beside it.")
  var big = false

  @OptionGroup var art: ArtOptions

  func run(in session: Session) throws {
    let (modelName, named) = try DrawModels.resolve(choice.chosen, in: session)
    let test = try session.mnist(.test)
    guard test.count > 0 else { throw userError("the MNIST test set is empty") }
    var generator = SeededGenerator(seed: seed ?? UInt64.random(in: 0...UInt64.max))
    let index = Int.random(in: 0..<test.count, using: &generator)
    let label = Int(test.labels[index])
    let pixels = Array(test.image(index))
    let image = pixels.map { Float($0) / 255 }
    // Already MNIST-shaped: the net reads it as it is, as `predict --index` does.
    let p = Prediction.probabilities(named.model, image: image)
    let best = p.indices.max { p[$0] < p[$1] } ?? 0
    let verdict =
      best == label ? "\(modelName) is right." : "\(modelName) is wrong: the label says \(label)."
    let current = "It is now the current drawing (draw changes it, save-drawing FILE keeps it)."
    if big {
      try BigView.show(
        pixels: pixels, caption: "MNIST test image \(index), labelled \(label):",
        footer: verdict + " " + current, model: modelName, art: art, in: session)
    } else {
      session.console.line("MNIST test image \(index), labelled \(label):")
      try art.emit(to: session.console) { style in
        DigitArt.render(
          pixels: pixels, width: test.columns, height: test.rows, style: style,
          maxWidth: min(Terminal.width, 80))
          + "\n"
          + ProbabilityBars.render(
            probabilities: p, width: min(Terminal.width, 80), style: style,
            title: "test image \(index), model \(modelName)")
      }
      session.console.line(verdict)
      session.console.line(wrapText(current, width: Terminal.width).joined(separator: "\n"))
    }
    session.drawing = Drawing(width: test.columns, height: test.rows, ink: image)
  }
}

import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct DataCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "What is in MNIST: how many images, their size, and how many of each digit.")

  func run(in session: Session) throws {
    let train = try session.mnist(.train)
    let test = try session.mnist(.test)
    session.console.line(
      "MNIST: \(grouped(train.count)) training images and \(grouped(test.count)) test images, each \(train.rows)×\(train.columns) pixels of 0 (paper) to 255 (ink)."
    )
    session.console.line("digit     " + (0...9).map { String(format: "%6d", $0) }.joined())
    session.console.line(
      "training  " + train.classCounts.map { String(format: "%6d", $0) }.joined())
    session.console.line("test      " + test.classCounts.map { String(format: "%6d", $0) }.joined())
    let pixels = train.images
    let mean = Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count) / 255
    let variance =
      pixels.reduce(0.0) { $0 + pow(Double($1) / 255 - mean, 2) } / Double(pixels.count)
    session.console.line(
      String(
        format:
          "Pixel mean %.4f, standard deviation %.4f (as fractions of 255): the nets see (x/255 − %.4f) / %.4f.",
        mean, variance.squareRoot(), MNIST.mean, MNIST.std))
    session.noteData(train: train, test: test, mean: mean, sd: variance.squareRoot())
  }
}

struct PeekCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "peek",
    abstract: "Run one digit through a model as it is so far and show what comes out.",
    discussion: "Works on unfinished models too. Example: peek mine --index 0")

  @Argument(help: "A model from this shell, a shipped model, or a checkpoint file.") var model:
    String
  @Option(parsing: .unconditional, help: "Which MNIST test image.") var index = 0

  func run(in session: Session) throws {
    let named = try session.resolveModel(model)
    let test = try session.mnist(.test)
    guard (0..<test.count).contains(index) else {
      throw userError("--index must be from 0 to \(test.count - 1)")
    }
    var x = Tensor()
    test.fill(&x, indices: [index])
    let m = named.model
    let y = m.forward(x)
    session.console.line(
      "test image \(index) (a \(test.labels[index])) through \(plural(m.layers.count, "layer")) of \(model): output \(describeShape(m.outputShape)), \(grouped(y.count)) numbers"
    )
    let values = y.data
    if m.isClassifier {
      let p = values.map { Double(exp($0)) }
      session.notePrediction(p, model: model, input: "test[\(index)]")
      session.console.line(
        ProbabilityBars.render(probabilities: p, width: min(Terminal.width, 80), style: Art.style())
      )
    } else if values.count <= 20 {
      session.console.line(values.map { String(format: "%.3f", $0) }.joined(separator: " "))
    } else {
      let lo = values.min() ?? 0
      let hi = values.max() ?? 0
      let mean = values.reduce(0, +) / Float(values.count)
      let zeros = values.filter { $0 == 0 }.count
      session.console.line(
        String(
          format: "min %.3f, mean %.3f, max %.3f; %d of %d are exactly 0", lo, mean, hi, zeros,
          values.count))
    }
  }
}

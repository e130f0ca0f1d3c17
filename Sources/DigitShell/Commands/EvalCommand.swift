import ArgumentParser
import DigitKit

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Test a model on the 10,000 MNIST test images: how many it gets right, and its loss.",
    discussion: "Example: eval --model net3")

  @Option(help: "A shipped model (net1, net2, net3), a model from this shell, or a checkpoint file.")
  var model: String

  @OptionGroup var output: JSONOption

  struct Result: Encodable {
    let test_correct: Int, test_total: Int, test_loss: Double
  }

  func run() throws {
    let session = Session.shared
    let named = try session.resolveModel(model)
    guard named.model.isClassifier else {
      throw userError("\(model) does not end in logsoftmax with 10 outputs yet, so it cannot be tested")
    }
    let test = try session.mnist(.test)
    guard let e = Interrupts.whileRunning(session.cancel, { Evaluator.evaluate(named.model, on: test, cancel: session.cancel) }) else {
      Console.line("Ctrl-C: evaluation stopped.")
      if !session.interactive { throw ExitCode(130) }
      return
    }
    if output.json {
      Console.line(JSONLine.encode(Result(test_correct: e.correct, test_total: e.total, test_loss: e.loss)))
    } else {
      Console.line(String(format: "%@: %d/%d test images right (%.2f%%), test loss %.4f", model, e.correct, e.total, e.accuracy, e.loss))
    }
  }
}

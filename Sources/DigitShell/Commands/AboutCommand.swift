import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct AboutCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "about",
    abstract: "About a model: its layers, size, how it was trained and how well it did.",
    discussion: "Example: about --model net3")

  @OptionGroup var choice: ModelChoice
  var model: String { choice.name }

  func run(in session: Session) throws {
    let named = try session.resolveModel(model)
    let m = named.model
    let info = named.info
    let kind =
      info.net.flatMap(NetName.init(rawValue:)).map { "\($0.rawValue): \($0.about)" }
      ?? "a model built layer by layer"
    // Names and notes come from files and may hold escape sequences: shown, never obeyed.
    let say = Self.wrapped(to: session.console)
    say("\(showingControlCharacters(model)) — \(kind)", 2)
    say(
      "\(plural(m.layers.count, "layer")), \(grouped(m.parameterCount)) parameters, input \(describeShape(m.inputShape)), output \(describeShape(m.outputShape))",
      2)
    say("layers: " + m.specs.map(\.summary).joined(separator: ", "), "layers: ".count)
    if let t = info.training {
      var settings =
        "trained: \(plural(info.history.count, "epoch")), batch \(t.batchSize), \(t.optimizer.summary), seed \(t.seed)"
      if let d = t.dropout { settings += ", dropout \(d)" }
      if let l = t.limit { settings += ", first \(l) images only" }
      if let d = t.learningRateDecay { settings += ", learning rate × \(d) per epoch" }
      if t.learningRateSchedule == .onecycle { settings += ", one-cycle learning rate" }
      if let a = t.stopAtAccuracy {
        settings += ", until \(String(format: "%g", a))% test accuracy"
      }
      if t.augmentation?.people != nil {
        settings += ", images written the ways people write"
      } else if t.augmentation != nil {
        settings += ", augmented images"
      }
      if let r = t.recipe { settings += ", recipe \(r)" }
      say(settings, "trained: ".count)
    } else {
      say("trained: no record (untrained, or saved without DigitLab's metadata)", 2)
    }
    if let note = info.note { say("note: \(showingControlCharacters(note))", "note: ".count) }
    if model == DrawModels.defaultName, let why = Self.whyDefault(named, in: session) {
      say(why, 0)
    }
    if let problem = info.historyProblem {
      say("(history in the file is not sensible: \(problem))", 1)
    } else if let last = info.history.last {
      session.console.line(
        String(
          format: "test accuracy: %d/%d (%.2f%%), test loss ", last.testCorrect, last.testTotal,
          last.testAccuracy)
          + Self.loss(last.testLoss))
      let watched = info.history.contains { $0.watchTotal != nil }
      session.console.line(
        "history (epoch: train loss, test loss, test accuracy\(watched ? ", watched drawings right" : "")):"
      )
      for r in info.history {
        var row =
          String(format: "  %2d: ", r.epoch) + Self.loss(r.trainLoss) + "  " + Self.loss(r.testLoss)
          + String(format: "  %.2f%%", r.testAccuracy)
        if let right = r.watchCorrect, let total = r.watchTotal { row += "  \(right)/\(total)" }
        session.console.line(row)
      }
    }
  }

  /// Why the default model is the default, with its two numbers measured now: "This is the
  /// default model of draw, predict, random and why: of the shipped models it reads
  /// people's handwriting best, 790/840 (94.0%) of Data/drawings/handwriting, and MNIST
  /// 9951/10000." Nil when the hard set cannot be read.
  static func whyDefault(_ named: NamedModel, in session: Session) -> String? {
    guard let folder = try? TrainCommand.handwritingFolder(),
      let drawings = try? LabelledDrawings(directory: folder)
    else { return nil }
    let people = Evaluator.evaluate(named.model, on: drawings)
    var text =
      "This is the default model of draw, predict, random and why: of the shipped models it "
      + "reads people's handwriting best, \(people.correct)/\(people.total) "
      + String(format: "(%.1f%%)", 100 * Double(people.correct) / Double(max(people.total, 1)))
      + " of Data/drawings/handwriting"
    if let last = named.info.history.last {
      text += ", and reads \(last.testCorrect)/\(last.testTotal) of MNIST's test digits"
    }
    return text + " (Data/models/README.md compares them all)."
  }

  /// Prints a sentence or list word-wrapped to the terminal (80 columns when output is not
  /// one), later lines `hanging` columns in, under the text after its label.
  static func wrapped(to console: Console) -> (String, Int) -> Void {
    { text, hanging in
      let lines = wrapText(
        text, width: Terminal.width, restIndent: String(repeating: " ", count: hanging))
      console.line(lines.joined(separator: "\n"))
    }
  }

  /// A loss to 4 decimals, or in 4 significant digits once it is large (`2.5e+07`), so a
  /// wild value from a file stays short.
  static func loss(_ value: Double) -> String {
    String(format: abs(value) < 1e5 ? "%.4f" : "%.4g", value)
  }
}

import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct FinetuneCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "finetune",
    abstract: "Train a copy of a model on MNIST plus your own drawings (see keep).",
    discussion: """
      Mixes the first N MNIST training images with your drawings from ~/.digitlab/drawings, \
      each repeated so they are about a tenth of the mix, every copy distorted at random \
      (shifts, rotations, stroke thickness), and trains a copy of the model on it. Shows how \
      it reads your drawings, and the first 2000 MNIST test images, before and after. \
      Ctrl-C stops and keeps the weights. The copy is saved to ~/.digitlab/finetuned.safetensors.
      Examples:
        keep 7
        finetune --model net2 --epochs 1
        finetune --model net3 --mnist 20000 --as mine
      """)

  @Option(
    help: "The model to start from: a shipped model, a model from this shell, or a checkpoint.")
  var model: String

  @Option(parsing: .unconditional, help: "Passes over the mix (1–1000).")
  var epochs = 2

  @Option(name: .customLong("as"), help: "Keep the result in the shell under this name.")
  var keepAs = "mine-tuned"

  @Option(
    parsing: .unconditional,
    help: "How many MNIST training images to mix in (the first N; 0–60000).")
  var mnist = 6000

  @Option(
    parsing: .unconditional,
    help: "Learning rate (default: the model's, 0.01 for SGD, 0.001 for Adam).")
  var lr: Float?

  @Option(parsing: .unconditional, help: "Seed for shuffling, distortions and dropout.")
  var seed: UInt64 = 1

  @Flag(
    name: .customLong("augment-mnist"),
    help: "Distort the MNIST images too, not only your drawings' copies.")
  var augmentMNIST = false

  /// MNIST test images scored before and after (the first ones), for speed.
  static let testImages = 2000

  func validate() throws {
    guard (0...60000).contains(mnist) else {
      throw userError("--mnist must be from 0 to 60000, not \(mnist)")
    }
    guard (1...1000).contains(epochs) else {
      throw userError("--epochs must be from 1 to 1000, not \(epochs)")
    }
    try validateModelName(keepAs)
  }

  func run(in session: Session) throws {
    let base = try session.resolveModel(model)
    guard base.model.isClassifier else {
      throw userError("\(model) does not end in logsoftmax with 10 outputs yet")
    }
    let options = trainingOptions(for: base)
    try MemoryBudget.check(
      "finetuning \(model)", model: base.model, batchSize: options.batchSize,
      optimizer: options.optimizer.kind, suggestsBatch: false)
    let drawings = try Self.ownDrawings()
    let trainSet = try session.mnist(.train)
    let testSet = try session.mnist(.test).prefix(Self.testImages)
    let repeats = FinetuneMix.repeats(
      mnistCount: min(mnist, trainSet.count), drawingCount: drawings.count)
    let mix = FinetuneMix.make(
      mnist: trainSet.prefix(mnist), drawings: drawings.images, labels: drawings.labels,
      repeats: repeats, augmentation: Augmentation(), seed: seed)
    let tuned = try base.model.copy(seed: seed)
    let trainer = try Trainer(model: tuned, options: options)
    let before = Score(tuned, drawings: drawings, test: testSet)

    let share = Int((100 * Double(repeats * drawings.count) / Double(max(mix.count, 1))).rounded())
    session.console.line(
      wrapText(
        "Fine-tuning a copy of \(model) on \(min(mnist, trainSet.count)) MNIST images + your \(plural(drawings.count, "drawing")) "
          + "×\(repeats) (\(share)% of the mix), "
          + (augmentMNIST ? "all distorted at random; " : "the copies distorted at random; ")
          + "\(plural(epochs, "epoch")), batch \(options.batchSize), \(options.optimizer.summary). "
          + "Ctrl-C stops and keeps the weights.", width: min(Terminal.width, 80)
      ).joined(separator: "\n"))
    let view = FinetuneProgress(console: session.console)
    let outcome = Interrupts.whileRunning(session.cancel) {
      trainer.train(
        on: mix, test: testSet, firstEpoch: base.info.history.count + 1,
        cancel: session.cancel, onEvent: view.handle)
    }
    view.finish()
    if let diverged = trainer.divergence { session.console.error(diverged.messageInFlags) }
    if outcome.cancelled {
      session.console.line(
        "Ctrl-C: stopped after \(plural(outcome.history.count, "full epoch")); the weights so far are kept."
      )
    }
    let after = Score(tuned, drawings: drawings, test: testSet)
    session.noteFinetune(before: before, after: after)
    for line in Score.comparison(before, after, drawings: drawings) { session.console.line(line) }
    if let note = Score.forgetting(before, after, labels: testSet.labels) {
      session.console.line(
        wrapText(note, width: min(Terminal.width, 80)).joined(separator: "\n"))
    }

    var info = base.info
    info.training = options
    info.history += outcome.history
    info.note =
      "fine-tuned from \(model) on \(min(mnist, trainSet.count)) MNIST images and \(drawings.count) own drawings"
      + (outcome.cancelled ? "; cancelled during epoch \(info.history.count + 1)" : "")
    session.models[keepAs] = NamedModel(model: tuned, info: info)
    session.runs.append(("finetune \(model)", outcome.history))
    let url = Session.homeDirectory.appendingPathComponent("finetuned.safetensors")
    try tuned.save(to: url, info: info)
    session.console.line(
      "Saved to \(url.path)\(session.interactive ? "; in this shell it is \(keepAs)" : "").")
    if outcome.cancelled && !session.interactive { throw ExitCode(130) }
    if trainer.divergence != nil && !session.interactive { throw ExitCode(1) }
  }

  /// The model's own optimizer settings (from its last training, else its net's); with
  /// --augment-mnist, every image is distorted afresh in every epoch.
  private func trainingOptions(for base: NamedModel) -> TrainingOptions {
    var settings =
      base.info.training?.optimizer
      ?? OptimizerSettings.defaults(for: base.info.net.flatMap(NetName.init(rawValue:)))
    if let lr { settings.learningRate = lr }
    var options = TrainingOptions(
      epochs: epochs, batchSize: 32, optimizer: settings, seed: seed, testLimit: Self.testImages)
    options.augmentation = augmentMNIST ? Augmentation() : nil
    return options
  }

  /// The learner's drawings, or a one-line error saying how to make some.
  static func ownDrawings() throws -> LabelledDrawings {
    let directory = OwnDrawings.directory
    guard OwnDrawings.counts(OwnDrawings.files(in: directory)).reduce(0, +) > 0 else {
      throw userError("you have no drawings of your own yet: draw one (or random), then keep LABEL")
    }
    return try LabelledDrawings(directory: directory)
  }
}

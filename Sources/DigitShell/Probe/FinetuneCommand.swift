import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct FinetuneCommand: ParsableCommand {
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

  @Option(help: "The model to start from: a shipped model, a model from this shell, or a checkpoint.")
  var model: String

  @Option(parsing: .unconditional, help: "Passes over the mix (1–1000).")
  var epochs = 2

  @Option(name: .customLong("as"), help: "Keep the result in the shell under this name.")
  var keepAs = "mine-tuned"

  @Option(parsing: .unconditional, help: "How many MNIST training images to mix in (the first N; 0–60000).")
  var mnist = 6000

  @Option(parsing: .unconditional, help: "Learning rate (default: the model's, 0.01 for SGD, 0.001 for Adam).")
  var lr: Float?

  @Option(parsing: .unconditional, help: "Seed for shuffling, distortions and dropout.")
  var seed: UInt64 = 1

  @Flag(name: .customLong("augment-mnist"), help: "Distort the MNIST images too, not only your drawings' copies.")
  var augmentMNIST = false

  /// MNIST test images scored before and after (the first ones), for speed.
  static let testImages = 2000

  func validate() throws {
    guard (0...60000).contains(mnist) else { throw userError("--mnist must be from 0 to 60000, not \(mnist)") }
    guard (1...1000).contains(epochs) else { throw userError("--epochs must be from 1 to 1000, not \(epochs)") }
    guard !keepAs.isEmpty, !keepAs.contains("/") else { throw userError("--as needs a name without /") }
  }

  func run() throws {
    let session = Session.shared
    let base = try session.resolveModel(model)
    guard base.model.isClassifier else { throw userError("\(model) does not end in logsoftmax with 10 outputs yet") }
    let drawings = try Self.ownDrawings()
    let trainSet = try session.mnist(.train), testSet = try session.mnist(.test).prefix(Self.testImages)
    let repeats = FinetuneMix.repeats(mnistCount: min(mnist, trainSet.count), drawingCount: drawings.count)
    let mix = FinetuneMix.make(mnist: trainSet.prefix(mnist), drawings: drawings.images, labels: drawings.labels,
                               repeats: repeats, augmentation: Augmentation(), seed: seed)
    let options = trainingOptions(for: base)
    let tuned = try base.model.copy(seed: seed)
    let trainer = try Trainer(model: tuned, options: options)
    let before = Score(tuned, drawings: drawings, test: testSet)

    let share = Int((100 * Double(repeats * drawings.count) / Double(max(mix.count, 1))).rounded())
    Console.line(TextColumns.wrap(
      "Fine-tuning a copy of \(model) on \(min(mnist, trainSet.count)) MNIST images + your \(drawings.count) "
        + "drawing\(drawings.count == 1 ? "" : "s") ×\(repeats) (\(share)% of the mix), "
        + (augmentMNIST ? "all distorted at random; " : "the copies distorted at random; ")
        + "\(epochs) epoch\(epochs == 1 ? "" : "s"), batch \(options.batchSize), \(options.optimizer.summary). "
        + "Ctrl-C stops and keeps the weights.", width: min(Terminal.width, 80)).joined(separator: "\n"))
    let view = FinetuneProgress()
    let outcome = Interrupts.whileRunning(session.cancel) {
      trainer.train(on: mix, test: testSet, firstEpoch: base.info.history.count + 1,
                    cancel: session.cancel, onEvent: view.handle)
    }
    view.finish()
    if outcome.cancelled { Console.line("Ctrl-C: stopped after \(outcome.history.count) full epoch\(outcome.history.count == 1 ? "" : "s"); the weights so far are kept.") }
    let after = Score(tuned, drawings: drawings, test: testSet)
    for line in Score.comparison(before, after, drawings: drawings) { Console.line(line) }
    if let note = Score.forgetting(before, after, labels: testSet.labels) {
      Console.line(TextColumns.wrap(note, width: min(Terminal.width, 80)).joined(separator: "\n"))
    }

    var info = base.info
    info.training = options
    info.history += outcome.history
    info.note = "fine-tuned from \(model) on \(min(mnist, trainSet.count)) MNIST images and \(drawings.count) own drawings"
      + (outcome.cancelled ? "; cancelled during epoch \(info.history.count + 1)" : "")
    session.models[keepAs] = NamedModel(model: tuned, info: info)
    session.runs.append(("finetune \(model)", outcome.history))
    let url = Session.homeDirectory.appendingPathComponent("finetuned.safetensors")
    try tuned.save(to: url, info: info)
    Console.line("Saved to \(url.path)\(session.interactive ? "; in this shell it is \(keepAs)" : "").")
    if outcome.cancelled && !session.interactive { throw ExitCode(130) }
  }

  /// The model's own optimizer settings (from its last training, else its net's); with
  /// --augment-mnist, every image is distorted afresh in every epoch.
  private func trainingOptions(for base: NamedModel) -> TrainingOptions {
    var settings = base.info.training?.optimizer
      ?? base.info.net.flatMap(NetName.init(rawValue:))?.defaultOptimizer
      ?? OptimizerSettings(kind: .adam, learningRate: 1e-3)
    if let lr { settings.learningRate = lr }
    var options = TrainingOptions(epochs: epochs, batchSize: 32, optimizer: settings, seed: seed, testLimit: Self.testImages)
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

/// How a model does on the learner's drawings and on the first MNIST test images.
struct Score {
  let own: (correct: Int, total: Int, predictions: [Int])
  let test: Evaluation?

  init(_ model: Model, drawings: LabelledDrawings, test: MNISTSet) {
    own = Evaluator.evaluate(model, on: drawings)
    self.test = Evaluator.evaluate(model, on: test)
  }

  /// A before/after table, then the drawings whose reading changed (or all, when few).
  static func comparison(_ before: Score, _ after: Score, drawings: LabelledDrawings) -> [String] {
    func row(_ name: String, _ a: String, _ b: String) -> String {
      TextColumns.trimmed(TextColumns.padded(name, to: 26) + TextColumns.padded(a, to: 20) + b)
    }
    func ownText(_ s: Score) -> String { "\(s.own.correct)/\(s.own.total) right" }
    func testText(_ s: Score) -> String {
      guard let t = s.test else { return "-" }
      return "\(t.correct)/\(t.total) (" + String(format: "%.2f%%", t.accuracy) + ")"
    }
    var lines = [row("", "before", "after"),
                 row("your drawings", ownText(before), ownText(after)),
                 row("MNIST test (first \(after.test?.total ?? 0))", testText(before), testText(after))]
    let changed = drawings.names.indices.filter { before.own.predictions[$0] != after.own.predictions[$0] }
    let shown = drawings.count <= 10 ? Array(drawings.names.indices) : changed
    for i in shown {
      let mark = after.own.predictions[i] == drawings.labels[i] ? "right" : "wrong"
      lines.append(row("  " + drawings.names[i], "read as \(before.own.predictions[i])",
                       "read as \(after.own.predictions[i]) (\(mark))"))
    }
    if drawings.count > 10 { lines.append("  (\(changed.count) of your \(drawings.count) drawings are read differently now)") }
    return lines + TextColumns.wrap("Your drawings were in the mix, so this shows that it learnt them; "
      + "keep new ones and finetune again to see whether it generalises.", width: min(Terminal.width, 80))
  }
}

extension Score {
  /// When MNIST test accuracy fell by at least half a point: how many test images went from
  /// right to wrong, and the commonest new confusion (true digit read as another).
  static func forgetting(_ before: Score, _ after: Score, labels: [UInt8]) -> String? {
    guard let b = before.test, let a = after.test, b.correct - a.correct >= max(1, b.total / 200) else { return nil }
    var pairs = [Int: Int]()  // 10 · truth + answer
    var lost = 0
    for i in 0..<min(labels.count, b.predictions.count, a.predictions.count) {
      let truth = Int(labels[i])
      guard b.predictions[i] == truth, a.predictions[i] != truth else { continue }
      lost += 1
      pairs[10 * truth + a.predictions[i], default: 0] += 1
    }
    guard let top = pairs.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { return nil }
    let points = String(format: "%.1f", b.accuracy - a.accuracy)
    return "MNIST test accuracy fell \(points) points: \(lost) test images it read right before are wrong now, "
      + "most often \(top.key / 10)s read as \(top.key % 10)s (\(top.value)). A drawing that looks like another digit "
      + "teaches the net to read that digit wrong; more --mnist, fewer --epochs or a lower --lr trade less."
  }
}

/// Training progress for finetune: a progress line on a terminal, one line per epoch.
final class FinetuneProgress {
  private let live = Terminal.outputIsTerminal
  private var lastDraw = Date.distantPast
  private var shown = false

  func handle(_ event: TrainingEvent) {
    switch event {
    case .batch(let p):
      guard live, Date().timeIntervalSince(lastDraw) > 0.1 || p.done == p.total else { return }
      lastDraw = Date()
      let info = ProgressInfo(epoch: p.epoch, epochs: p.epochs, done: p.done, total: p.total,
                              imagesPerSecond: p.imagesPerSecond,
                              etaSeconds: p.imagesPerSecond > 0 ? Double(p.total - p.done) / p.imagesPerSecond : .nan,
                              runningLoss: p.runningLoss)
      Console.write("\r" + ProgressLine.render(info, width: Terminal.width - 1, style: Art.style()) + "\u{1B}[K")
      shown = true
    case .epoch(let r):
      finish()
      Console.line(EpochText.line(r))
    }
  }

  func finish() {
    if shown { Console.write("\r\u{1B}[K"); shown = false }
  }
}

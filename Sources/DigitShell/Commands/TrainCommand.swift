import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct TrainCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a network on MNIST, showing progress and one line per epoch.",
    discussion: """
      Build a fresh net with --net (net1, net2, net3), or continue training a model you \
      built in the shell or saved (train mynet). Ctrl-C stops after the current batch and \
      keeps the weights. The result is always kept in ~/.digitlab/last.safetensors.
      Examples:
        train --net net1 --epochs 2 --limit 6000
        train --net net3 --epochs 19 --batch 16 --out net3.safetensors
      """)

  @Argument(help: "A model to continue training: a name from this session or a checkpoint file.")
  var model: String?

  @Option(help: "Train a fresh copy of a study net: net1, net2 or net3.")
  var net: String?

  @Option(parsing: .unconditional, help: "Passes over the training images (1–1000; default 1).")
  var epochs: Int?

  @Option(parsing: .unconditional, help: "Images per mini-batch (1–4096; default 32).")
  var batch: Int?

  @Option(
    parsing: .unconditional,
    help: "Learning rate (default: the net's, 0.01 for SGD, 0.001 for Adam).")
  var lr: Float?

  @Option(help: "sgd (momentum 0.5) or adam (default: the net's).")
  var optimizer: OptimizerSettings.Kind?

  @Option(
    parsing: .unconditional, help: "Drop probability for every dropout layer (0 turns dropout off)."
  )
  var dropout: Float?

  @Option(parsing: .unconditional, help: "Seed for initialisation, shuffling and dropout.")
  var seed: UInt64 = 1

  @Option(
    parsing: .unconditional, help: "Train on the first N training images only, for quick demos.")
  var limit: Int?

  @Option(
    name: .customLong("test-limit"), parsing: .unconditional,
    help: "Test on the first N test images only, for quick demos.")
  var testLimit: Int?

  @Option(
    name: .customLong("lr-decay"), parsing: .unconditional,
    help: "Multiply the learning rate by this after every epoch (e.g. 0.85).")
  var lrDecay: Float?

  @Option(
    name: .customLong("lr-schedule"),
    help: "onecycle: the learning rate rises to --lr over the first quarter of steps, then falls.")
  var lrSchedule: LearningRateSchedule?

  @Option(
    parsing: .unconditional,
    help: "Stop after the first epoch whose test accuracy reaches this percentage (e.g. 99.3).")
  var until: Double?

  @Option(
    help:
      "Settings by name: fast (batch 64, adam lr 0.003, onecycle, 3 epochs; Net3: 2 epochs, dropout 0.25, stops at 99.3%) or study (the study's settings). Flags you give win."
  )
  var recipe: TrainingRecipe?

  @Flag(
    help:
      "Distort the training images at random (rotation, scale, shift, stroke thickness, blur, elastic)."
  )
  var augment = false

  @Flag(
    name: .customLong("augment-people"),
    help:
      "Distort half the images the ways people write: slant, width, marker, pencil, small grids, broken strokes."
  )
  var augmentPeople = false

  @Option(
    help:
      "Drawings to score after every epoch: a folder, or handwriting (the default when --watch is alone) or validation."
  )
  var watch: String?

  @Option(
    name: .customLong("keep-best"),
    help:
      "watch: keep the epoch that did best on the watched drawings (Data/drawings/handwriting unless --watch names a folder)."
  )
  var keepBest: String?

  @Option(help: "Save the trained model to this file (safetensors).")
  var out: String?

  @Flag(help: "With --out: replace a shipped model's file in Data/models.")
  var force = false

  @Option(
    name: .customLong("as"),
    help: "Keep the trained model in the shell under this name (default: last).")
  var keepAs: String?

  @OptionGroup var output: JSONOption

  func validate() throws {
    if model == nil && net == nil {
      throw userError("name a model to train (train mynet) or a study net (--net net1)")
    }
    if model != nil && net != nil { throw userError("give either a model or --net, not both") }
    if let keepBest, keepBest != "watch" {
      throw userError(
        "--keep-best takes watch (the epoch best on --watch drawings), not \(keepBest)")
    }
    if let keepAs { try validateModelName(keepAs) }
    if let net, NetName(rawValue: net) == nil {
      let hint =
        Suggest.closest(to: net, in: NetName.allCases.map(\.rawValue)).map {
          " (did you mean \($0)?)"
        } ?? ""
      throw userError("--net must be net1, net2 or net3, not \(net)\(hint)")
    }
  }

  func run(in session: Session) throws {
    if let out { try ShippedModels.checkWritable(out, force: force) }
    let target: NamedModel
    var defaults = OptimizerSettings.defaults(for: .adam)  // a model of no known net
    if let net, let name = NetName(rawValue: net) {
      target = NamedModel(model: Model.make(name, seed: seed), info: ModelInfo(net: name.rawValue))
      defaults = name.defaultOptimizer
    } else {
      let resolved = try session.resolveModel(model ?? "")
      // A shipped model trains as a copy, kept as `last` (or --as), so `net3` still means
      // the shipped Net3 afterwards.
      target =
        ShippedModels.isReserved(model ?? "")
        ? NamedModel(model: try resolved.model.copy(seed: seed), info: resolved.info) : resolved
      if let n = target.info.net.flatMap(NetName.init(rawValue:)) { defaults = n.defaultOptimizer }
      if let previous = target.info.training?.optimizer { defaults = previous }
    }
    let options = try trainingOptions(for: target, defaults: defaults)
    let settings = options.optimizer
    let epochs = options.epochs
    let batch = options.batchSize
    try MemoryBudget.check(
      "training \(model ?? net ?? "model")", model: target.model, batchSize: batch,
      optimizer: settings.kind)
    let trainer = try Trainer(model: target.model, options: options)
    let trainSet = try session.mnist(.train)
    let testSet = try session.mnist(.test)
    // --keep-best watch without --watch keeps the epoch that reads people best (issue 21).
    let watchFolder =
      try watch.map(Self.drawingsFolder)
      ?? keepBest.map { _ in
        try Self.handwritingFolder().path
      }
    let watched = try watchFolder.map { try LabelledDrawings(directory: URL(fileURLWithPath: $0)) }
    let view = TrainingView(
      json: output.json, label: runLabel(target, options), previous: target.info.history,
      console: session.console)
    if !output.json {
      let count = min(limit ?? trainSet.count, trainSet.count)
      var how = "batch \(batch), \(settings.summary)"
      if let decay = options.learningRateDecay { how += " × \(decay) per epoch" }
      if options.learningRateSchedule == .onecycle { how += " at its peak (one cycle)" }
      if let p = options.dropout { how += ", dropout \(String(format: "%g", p))" }
      if augmentPeople {
        how += ", images written the ways people write (--augment-people)"
      } else if augment {
        how += ", images distorted at random (--augment)"
      }
      if let until = options.stopAtAccuracy {
        how += ", stopping at \(String(format: "%g", until))%"
      }
      if let watched { how += ", scoring \(watched.count) drawings after each epoch" }
      let header =
        "Training \(model ?? net ?? "model") on \(count) images for \(plural(epochs, "epoch")), \(how). Ctrl-C stops."
      session.console.line(
        Terminal.outputIsTerminal
          ? wrapText(header, width: Terminal.width - 1).joined(separator: "\n") : header)
    }
    let outcome = Interrupts.whileRunning(session.cancel) {
      trainer.train(
        on: trainSet, test: testSet, firstEpoch: target.info.history.count + 1,
        watch: watched, keepBest: keepBest != nil, cancel: session.cancel, onEvent: view.handle)
    }
    view.finish(cancelled: outcome.cancelled)
    if let reached = trainer.reachedEpoch, let until = options.stopAtAccuracy, !output.json {
      session.console.line(
        "Reached \(String(format: "%g", until))% test accuracy after epoch \(reached); stopped there."
      )
    }
    if let diverged = trainer.divergence { session.console.error(diverged.messageInFlags) }
    target.info.history += outcome.history
    target.info.training = options
    target.info.note =
      outcome.cancelled ? "cancelled during epoch \(target.info.history.count + 1)" : nil
    if trainer.divergence != nil {
      target.info.note =
        "diverged during epoch \(target.info.history.count + 1); the weights are from before it"
    }
    if let kept = trainer.keptEpoch {
      target.info.note =
        (target.info.note.map { $0 + "; " } ?? "")
        + "weights of epoch \(kept), the best on \(watchFolder ?? "the watched drawings")"
      if !output.json {
        session.console.line("Kept the weights of epoch \(kept), the best on the watched drawings.")
      }
    }
    session.runs.append((view.label, outcome.history))
    // A session model keeps its name; a fresh study net is kept as "last" unless --as names it.
    let keptName =
      keepAs
      ?? (model.flatMap { session.models[$0] != nil && !ShippedModels.isReserved($0) ? $0 : nil }
        ?? "last")
    session.models[keptName] = target
    if keptName != "last" { session.models["last"] = target }
    // The file the learner named first; the copy in ~/.digitlab is a convenience, and a
    // failure there is a warning, not the loss of the run.
    let outNote = out.flatMap(folderNote(for:))
    if let out { try target.model.save(to: URL(fileURLWithPath: out), info: target.info) }
    if let outNote, !output.json { session.console.line(outNote) }
    var keptInHome = true
    do {
      try target.model.save(to: Session.lastModelURL, info: target.info)
    } catch {
      keptInHome = false
      let still = session.interactive ? " (in this shell it is still \(keptName))" : ""
      session.console.error("could not save to \(Session.lastModelURL.path): \(error)\(still)")
      if out == nil && !session.interactive { throw ExitCode(1) }
    }
    if !output.json && (out != nil || keptInHome) {
      let place = out ?? Session.lastModelURL.path
      let done = outcome.cancelled || trainer.divergence != nil ? "Saved" : "Done. Saved"
      session.console.line(
        "\(done) to \(place)\(session.interactive ? " (in this shell: \(keptName))" : "").")
    }
    if outcome.cancelled && !session.interactive { throw ExitCode(130) }
    if trainer.divergence != nil && !session.interactive { throw ExitCode(1) }
  }

  private func runLabel(_ target: NamedModel, _ o: TrainingOptions) -> String {
    var label = model ?? target.info.net ?? "model"
    label += " b\(o.batchSize)"
    if let d = o.dropout { label += " drop \(String(format: "%g", d))" }
    if let l = o.limit { label += " n\(l)" }
    if o.augmentation?.people != nil {
      label += " people"
    } else if o.augmentation != nil {
      label += " aug"
    }
    return label
  }
}

extension TrainCommand {
  /// The settings of this run: the recipe's, then the flags given, which win.
  func trainingOptions(for target: NamedModel, defaults: OptimizerSettings) throws
    -> TrainingOptions
  {
    var settings = defaults
    if let recipe { settings = recipe.optimizer(for: target.info.net) }
    if let optimizer, optimizer != settings.kind {
      settings = OptimizerSettings.defaults(for: optimizer)
    }
    if let lr { settings.learningRate = lr }
    let plan = recipe?.plan(for: target.info.net)
    var options = TrainingOptions(
      epochs: epochs ?? plan?.epochs ?? 1, batchSize: batch ?? plan?.batch ?? 32,
      optimizer: settings, seed: seed,
      limit: limit, dropout: dropout ?? plan?.dropout, testLimit: testLimit)
    if augmentPeople {
      options.augmentation = Augmentation(people: PeopleStyles())
    } else if augment {
      options.augmentation = Augmentation()
    }
    options.learningRateDecay = lrDecay ?? (lrSchedule == nil ? plan?.decay : nil)
    options.learningRateSchedule = lrSchedule ?? (lrDecay == nil ? plan?.schedule : nil)
    options.stopAtAccuracy = until ?? plan?.until
    options.recipe = recipe?.rawValue
    try options.validate()  // the bounds first, then whether the run fits in memory
    return options
  }

  /// A folder of drawings from `--watch`: a path, or the name of one in Data/drawings.
  static func drawingsFolder(_ name: String) throws -> String {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: name, isDirectory: &isFolder) { return name }
    let named = try DataLocator.dataDirectory().appendingPathComponent("drawings/\(name)")
    if !name.contains("/"),
      FileManager.default.fileExists(atPath: named.path, isDirectory: &isFolder), isFolder.boolValue
    {
      return named.path
    }
    return name  // LabelledDrawings says what is wrong with it
  }

  /// `Data/drawings/handwriting`: people's digits, unlike MNIST (its README says how it was made).
  static func handwritingFolder() throws -> URL {
    try DataLocator.dataDirectory().appendingPathComponent("drawings/handwriting")
  }
}

import DigitKit
import Foundation
import LessonKit

/// A model the learner can refer to by name, with how it came to be.
public final class NamedModel {
  public let model: Model
  public var info: ModelInfo
  /// For a shipped model (`net3`, …): its fingerprint (`ModelCache.fingerprint`: layers and
  /// weights) and info as loaded from Data/models; nil for every other model.
  private let shipped: (fingerprint: UInt64, info: ModelInfo)?

  public init(model: Model, info: ModelInfo) {
    self.model = model
    self.info = info
    shipped = nil
  }

  /// A model just loaded from Data/models, remembered as it was so a change can be told.
  init(shipped model: Model, info: ModelInfo) {
    self.model = model
    self.info = info
    shipped = (ModelCache<Int, Int>.fingerprint(model), info)
  }

  /// Whether this is a shipped model still exactly as loaded (same layers, weights and info):
  /// a lesson's world leaves such a model out, since the next use loads it again.
  public var isUnchangedShipped: Bool {
    guard let shipped else { return false }
    return shipped.info == info && shipped.fingerprint == ModelCache<Int, Int>.fingerprint(model)
  }
}

/// Everything a shell session remembers between commands: named models, loaded data,
/// the current drawing and the runs trained so far (for overlay plots).
///
/// Every command is handed the session it runs in (`SessionCommand.run(in:)`); nothing
/// here is global, so two sessions in one process never see each other's models.
public final class Session {
  public var models: [String: NamedModel] = [:]
  public var drawing: Drawing?
  public var runs: [(label: String, history: [EpochResult])] = []
  /// Set by Ctrl-C while a command runs.
  public let cancel = CancellationToken()
  /// True while reading commands in the interactive shell.
  public var interactive = false
  /// Where this session's output goes.
  public let console = Console()
  /// What `show` last displayed, so `next` and `prev` can turn the page.
  var lastGrid: GridQuery?
  /// The lesson in progress in the interactive shell, if any.
  var lesson: LessonRunner?
  /// How many lesson cells are running now, one inside another (0 at the prompt).
  var cellDepth = 0
  /// Set by a command that the learner left on purpose inside a lesson cell (Esc in the
  /// editor), so the rest of the cell does not run; cleared before each cell command.
  var stopCellRequested = false
  /// True while a resumed lesson quietly reruns earlier cells to rebuild its world: commands
  /// that would wait for the learner (the editor) do their non-interactive part instead.
  var isReplaying = false
  /// What the last commands measured, for lesson claims, templates and checks: `prediction`,
  /// `probability`, `accuracy`, … (keys listed in Lessons/README.md), and the learner's `answer`.
  public var results: [String: String] = [:]
  /// Puts a command a lesson ran into the Up-arrow history (set by the interactive shell).
  var rememberCommand: ((String) -> Void)?
  /// Each model's predictions for a whole MNIST split (`show --model`, `--wrong`, `confusion`).
  let predictions = ModelCache<MNIST.Split, [Int]>(capacity: 4)
  /// Each model's last hidden layer over the training set (`why`).
  let hiddenFeatures = HiddenFeatureCache()

  private var cache: [MNIST.Split: MNISTSet] = [:]

  public init() {}

  /// The MNIST split, loaded once per process.
  public func mnist(_ split: MNIST.Split) throws -> MNISTSet {
    if let set = cache[split] { return set }
    let set = try MNIST.load(split, from: try DataLocator.mnistDirectory())
    cache[split] = set
    return set
  }

  /// `~/.digitlab`, created on first use: `$DIGITLAB_HOME` when set, else `.digitlab` in `$HOME`
  /// (Foundation on Linux reads the password file and ignores `$HOME`), else in the user's home.
  public static var homeDirectory: URL {
    let env = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
    let home =
      env["HOME"].map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.homeDirectoryForCurrentUser
    let base =
      env["DIGITLAB_HOME"].map { URL(fileURLWithPath: $0) }
      ?? home.appendingPathComponent(".digitlab")
    try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    return base
  }

  /// Where the last trained model is kept, finished or cancelled.
  public static var lastModelURL: URL { homeDirectory.appendingPathComponent("last.safetensors") }

  /// Resolves `name`: a session model, a shipped model (`net1`, `net2`, `net3`, …) or a checkpoint path.
  public func resolveModel(_ name: String) throws -> NamedModel {
    if let m = models[name] { return m }
    if let shipped = ShippedModels.file(named: name) {
      let (model, info) = try Model.load(contentsOf: shipped)
      let named = NamedModel(shipped: model, info: info)
      models[name] = named
      return named
    }
    if FileManager.default.fileExists(atPath: name) {
      let (model, info) = try Model.load(contentsOf: URL(fileURLWithPath: name))
      return NamedModel(model: model, info: info)
    }
    let known = Array(models.keys) + ShippedModels.names()
    let hint = Suggest.closest(to: name, in: known).map { " (did you mean \($0)?)" } ?? ""
    if NetName(rawValue: name) != nil {
      throw DigitKitError(
        "no shipped model \(name) in Data/models yet; train one with: train --net \(name) --out FILE"
      )
    }
    throw DigitKitError("no model or file named \(name)\(hint)")
  }
}

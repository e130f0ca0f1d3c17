/// Named sets of training settings (`train --recipe fast`); flags a learner gives win.
public enum TrainingRecipe: String, Codable, CaseIterable, Sendable {
  /// The study's own settings: Net1 and Net2 with SGD (lr 0.01, momentum 0.5), batch 32,
  /// 20 epochs; Net3 with Adam (lr 0.001), batch 16, 19 epochs.
  case study
  /// Adam at lr 0.003 with a one-cycle schedule, batch 64, 3 epochs; for Net3, 2 epochs with
  /// dropout 0.25 instead of 0.5 (two epochs leave little time to overfit, and less dropout
  /// learns faster), stopping early if the test accuracy reaches 99.3%, the study's best.
  case fast

  /// What a recipe sets beyond the optimizer.
  public struct Plan: Equatable, Sendable {
    public var epochs: Int
    public var batch: Int
    public var decay: Float?
    public var schedule: LearningRateSchedule?
    public var until: Double?
    /// Every dropout layer's drop probability, when the recipe sets one.
    public var dropout: Float?
  }

  /// The update rule for `net` (a study net's name, or nil for another model).
  public func optimizer(for net: String?) -> OptimizerSettings {
    switch self {
    case .study: return NetName(rawValue: net ?? "")?.defaultOptimizer ?? .defaults(for: .adam)
    case .fast: return OptimizerSettings(kind: .adam, learningRate: 0.003)
    }
  }

  /// Epochs, batch size, schedule and target for `net`.
  public func plan(for net: String?) -> Plan {
    let isNet3 = net == NetName.net3.rawValue
    switch self {
    case .study:
      return isNet3 ? Plan(epochs: 19, batch: 16) : Plan(epochs: 20, batch: 32)
    case .fast:
      guard isNet3 else { return Plan(epochs: 3, batch: 64, schedule: .onecycle) }
      return Plan(epochs: 2, batch: 64, schedule: .onecycle, until: 99.3, dropout: 0.25)
    }
  }
}

/// Every failure DigitKit reports to a person: one line, naming the file or value and the problem.
///
/// Messages speak the engine's words ("batch size", "dropout probability"), never a front
/// end's flags. When the problem is a setting a person chose, `setting` says which, and
/// `suggestedValue` a value that would work when the engine knows one, so that a front end
/// can word the message its own way (e.g. name its flag).
public struct DigitKitError: Error, CustomStringConvertible, Equatable, Sendable {
  public let message: String
  /// The setting at fault, when there is one.
  public let setting: TrainingSetting?
  /// A value of `setting` that would work: the largest batch size that fits in memory.
  public let suggestedValue: Int?

  public init(_ message: String, setting: TrainingSetting? = nil, suggestedValue: Int? = nil) {
    self.message = message
    self.setting = setting
    self.suggestedValue = suggestedValue
  }
  public var description: String { message }
}

/// The settings of a training run a person chooses, by their engine names.
public enum TrainingSetting: String, CaseIterable, Equatable, Sendable {
  case epochs = "epochs"
  case batchSize = "batch size"
  case learningRate = "learning rate"
  case limit = "training image limit"
  case testLimit = "test image limit"
  case dropout = "dropout probability"
  case learningRateDecay = "learning-rate decay"
  case stopAtAccuracy = "target accuracy"

  /// The engine's name, which starts a message about this setting's bounds:
  /// "batch size must be from 1 to 4096, not 0".
  public var name: String { rawValue }

  /// A setting outside its bounds: "<name> <requirement>".
  func outOfRange(_ requirement: String) -> DigitKitError {
    DigitKitError("\(name) \(requirement)", setting: self)
  }
}

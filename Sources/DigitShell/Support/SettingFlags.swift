import DigitKit

extension TrainingSetting {
  /// The shell's flag for this setting, as `train` and `finetune` take it.
  var flag: String {
    switch self {
    case .epochs: return "--epochs"
    case .batchSize: return "--batch"
    case .learningRate: return "--lr"
    case .limit: return "--limit"
    case .testLimit: return "--test-limit"
    case .dropout: return "--dropout"
    case .learningRateDecay: return "--lr-decay"
    case .stopAtAccuracy: return "--until"
    }
  }
}

extension DigitKitError {
  /// The message worded for the shell: a setting's engine name at the start becomes its
  /// flag ("batch size must be…" → "--batch must be…"), and a suggested value becomes what
  /// to type ("; batch size 256 fits" → "; try --batch 256").
  var messageInFlags: String {
    guard let setting else { return message }
    var text = message
    if text.hasPrefix(setting.name) { text = setting.flag + text.dropFirst(setting.name.count) }
    if text.hasSuffix(" " + setting.name) {
      text = text.dropLast(setting.name.count) + setting.flag
    }
    if let value = suggestedValue {
      let fits = "\(setting.name) \(value) fits"
      if text.hasSuffix(fits) { text = text.dropLast(fits.count) + "try \(setting.flag) \(value)" }
    }
    return text
  }
}

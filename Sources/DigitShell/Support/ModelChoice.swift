import ArgumentParser
import Foundation

/// How a command that works on one model is told which: `eval net2` or `eval --model net2`,
/// and the one default model (`about` tells about it) when neither is given.
struct ModelChoice: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The model: a shipped one (models lists them), one from this shell, or a checkpoint file (default: \(DrawModels.defaultName)).",
      valueName: "model"))
  var positional: String?

  @Option(name: .customLong("model"), help: "The model, as an option (the same as the argument).")
  var option: String?

  func validate() throws {
    if let positional, let option, positional != option {
      throw userError("name the model once: \(positional) or --model \(option)")
    }
  }

  /// The model named, if one was.
  var chosen: String? { positional ?? option }

  /// The model named, else the default model.
  var name: String { chosen ?? DrawModels.defaultName }
}

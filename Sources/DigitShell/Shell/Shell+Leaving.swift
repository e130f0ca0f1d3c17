import DigitKit
import Foundation

extension Shell {
  /// Where models built in the shell are kept when it closes: `~/.digitlab/models`.
  static var keptModelsDirectory: URL { Session.homeDirectory.appendingPathComponent("models") }

  /// Keeps every model the learner built in this session (not the shipped ones, nor `last`,
  /// which is saved after every training) in `~/.digitlab/models/NAME.safetensors`, so
  /// Ctrl-D never loses work without a word; returns the lines that say so.
  func keepSessionModels() -> [String] {
    let names = session.models.keys.filter { $0 != "last" && !ShippedModels.isReserved($0) }
      .sorted()
    guard !names.isEmpty else { return [] }
    let folder = Shell.keptModelsDirectory
    var kept: [String] = []
    var lines: [String] = []
    for name in names {
      guard let named = session.models[name] else { continue }
      do {
        try named.model.save(
          to: folder.appendingPathComponent(name + ".safetensors"), info: named.info)
        kept.append(name)
      } catch {
        lines.append("Could not keep \(name): \(error)")
      }
    }
    if let first = kept.first {
      let what =
        kept.count == 1
        ? "Your model \(first) is" : "Your models \(kept.joined(separator: ", ")) are"
      lines.insert(
        "\(what) kept in \(folder.path); load \(first) \(folder.path)/\(first).safetensors brings it back.",
        at: 0)
    }
    return lines
  }
}

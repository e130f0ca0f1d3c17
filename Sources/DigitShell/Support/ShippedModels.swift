import DigitKit
import Foundation

/// The trained models that ship in `Data/models` (`net1`, `net3-augmented`, …): the one list
/// that resolving, listing, completing and naming models all read.
enum ShippedModels {
  /// The shipped models' names, sorted; empty when there is no models folder.
  static func names() -> [String] {
    guard let dir = try? DataLocator.modelsDirectory(),
      let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
    else { return [] }
    return files.filter { $0.hasSuffix(suffix) && $0.count > suffix.count }
      .map { String($0.dropLast(suffix.count)) }.sorted()
  }

  /// The file of the shipped model `name`, if there is one.
  static func file(named name: String) -> URL? {
    guard !name.contains("/"), !name.isEmpty, let dir = try? DataLocator.modelsDirectory() else {
      return nil
    }
    let url = dir.appendingPathComponent(name + suffix)
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// Names a session model may not take: a shipped model's, or a study net's (net1, net2,
  /// net3) even before it is trained, so `net3` always means the shipped Net3.
  static func isReserved(_ name: String) -> Bool {
    NetName(rawValue: name) != nil || names().contains(name)
  }

  /// Refuses to save over a shipped model's file unless `force`: a save in Data/models
  /// would otherwise replace a trained model without a word.
  static func checkWritable(_ path: String, force: Bool) throws {
    guard !force, let dir = try? DataLocator.modelsDirectory() else { return }
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
    guard target.deletingLastPathComponent().path == dir.resolvingSymlinksInPath().path,
      FileManager.default.fileExists(atPath: target.path)
    else { return }
    throw DigitKitError("\(path) is a shipped model in Data/models; add --force to replace it")
  }

  private static let suffix = ".safetensors"
}

/// "(made the folder runs/ for it)" when saving to `path` is about to create its folder
/// (a save makes at most that one folder), else nil. Ask before saving.
func folderNote(for path: String) -> String? {
  let folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
  guard !FileManager.default.fileExists(atPath: folder.path),
    FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().path)
  else { return nil }
  return "(made the folder \(folder.path) for it)"
}

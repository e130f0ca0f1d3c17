#if canImport(AtomicFiles)
import AtomicFiles  // Fuzz/run.sh compiles LessonKit and AtomicFiles as one module
#endif
import Foundation

/// Remembers each lesson's progress in a JSON file (the shell uses `~/.digitlab/progress.json`).
///
/// Every change is written at once, atomically, so a crash never leaves a half-written file.
/// A file that cannot be read is moved aside to `NAME.corrupt` and the store starts afresh;
/// nothing here is fatal: problems become a one-line `notice`.
public final class ProgressStore {
  /// The progress file.
  public let url: URL
  /// Progress per lesson id.
  public private(set) var lessons: [String: LessonProgress] = [:]
  /// The latest problem worth telling the learner (a file set aside, a failed save), or nil.
  public private(set) var notice: String?

  private struct File: Codable {
    var version: Int
    var lessons: [String: LessonProgress]
  }

  /// Opens the store at `url`, reading the file when there is one.
  public init(url: URL) {
    self.url = url
    load()
  }

  /// The progress of lesson `id`; a fresh start when there is none.
  public func progress(for id: String) -> LessonProgress {
    lessons[id] ?? LessonProgress()
  }

  /// Changes the progress of lesson `id` and saves at once.
  public func update(_ id: String, _ change: (inout LessonProgress) -> Void) {
    var progress = self.progress(for: id)
    change(&progress)
    progress.step = max(0, progress.step)
    guard lessons[id] != progress else { return }
    lessons[id] = progress
    save()
  }

  /// Forgets lesson `id` entirely and saves.
  public func forget(_ id: String) {
    guard lessons.removeValue(forKey: id) != nil else { return }
    save()
  }

  /// Returns the notice and clears it, so it is shown once.
  public func takeNotice() -> String? {
    defer { notice = nil }
    return notice
  }

  /// Writes every lesson's progress now (changes already do this).
  public func save() {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      var data = try encoder.encode(File(version: 1, lessons: lessons))
      data.append(UInt8(ascii: "\n"))
      try AtomicWrite.replace(url, with: data)
    } catch let error as AtomicWriteError {
      notice = "Progress not saved: \(error.message)"
    } catch {
      notice = "Progress not saved: \(LessonError.oneLine(String(describing: error)))"
    }
  }

  private func load() {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return }
    let reason: String
    if isDirectory.boolValue {
      reason = "it is a folder"
    } else if ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int) == 0 {
      // Checked before reading: Foundation's Data(contentsOf:) leaked a 4 KB buffer on an
      // empty file (found by Fuzz/FuzzProgress.swift).
      reason = "it is empty"
    } else if let data = try? Data(contentsOf: url) {
      if let file = try? JSONDecoder().decode(File.self, from: data) {
        lessons = file.lessons
        return
      }
      reason = "it is not valid progress JSON"
    } else {
      reason = "it cannot be read"
    }
    setAside(because: reason)
  }

  private func setAside(because reason: String) {
    let aside = URL(fileURLWithPath: url.path + ".corrupt")
    do {
      if FileManager.default.fileExists(atPath: aside.path) {
        try? FileManager.default.removeItem(at: aside)
      }
      try AtomicWrite.move(url, to: aside)
      notice = "Progress file \(url.path) was unusable (\(reason)); moved it to \(aside.lastPathComponent) and started afresh."
    } catch {
      notice = "Progress file \(url.path) is unusable (\(reason)) and could not be moved aside; starting afresh."
    }
  }
}

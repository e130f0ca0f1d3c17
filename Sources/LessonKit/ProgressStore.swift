#if canImport(AtomicFiles)
import AtomicFiles  // Fuzz/run.sh compiles LessonKit and AtomicFiles as one module
#endif
import Foundation

/// Remembers each lesson's progress in a JSON file (the shell uses `~/.digitlab/progress.json`).
///
/// Every change is written at once, atomically, so a crash never leaves a half-written file.
/// A file that cannot be read is moved aside to `NAME.corrupt` (then `NAME.corrupt-2`, …: a
/// backup is never replaced) and the store starts afresh; nothing here is fatal: problems
/// become a one-line `notice`. Every number read is
/// range-checked before it is used: a lesson whose step is negative or past
/// `LessonProgress.maximumStep` is dropped (the file kept aside as it was), and
/// `progress(for:stepCount:)` holds a step to the lesson's own length.
public final class ProgressStore {
  /// The progress file.
  public let url: URL
  /// Progress per lesson id.
  public private(set) var lessons: [String: LessonProgress] = [:]
  /// The problems worth telling the learner (a file set aside, a failed save) since the
  /// notice was last taken, in one line, or nil.
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

  /// The progress of lesson `id`, which has `stepCount` steps: a step past its end (the
  /// lesson got shorter, or the file was edited) is held at the end and saved, with a notice.
  public func progress(for id: String, stepCount: Int) -> LessonProgress {
    var progress = self.progress(for: id)
    let last = max(0, stepCount)
    if progress.step > last {
      tell("Progress for \(id) was at step \(progress.step), but the lesson has \(last) steps; it resumes at step \(last).")
      progress.step = last
      lessons[id] = progress
      save()
    }
    return progress
  }

  /// Changes the progress of lesson `id` and saves at once.
  public func update(_ id: String, _ change: (inout LessonProgress) -> Void) {
    var progress = self.progress(for: id)
    change(&progress)
    progress.step = min(max(0, progress.step), LessonProgress.maximumStep)
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
      tell("Progress not saved: \(error.message)")
    } catch {
      tell("Progress not saved: \(LessonError.oneLine(String(describing: error)))")
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
        let range = 0...LessonProgress.maximumStep
        lessons = file.lessons.filter { range.contains($0.value.step) }
        let dropped = file.lessons.filter { !range.contains($0.value.step) }.sorted { $0.key < $1.key }
        if !dropped.isEmpty { keepDamaged(dropped.map { "\($0.key) at step \($0.value.step)" }) }
        return
      }
      reason = "it is not valid progress JSON"
    } else {
      reason = "it cannot be read"
    }
    setAside(because: reason)
  }

  /// Keeps the file as it was beside it and saves the lessons that were in range.
  private func keepDamaged(_ dropped: [String]) {
    let what = "Progress file \(url.path) had steps out of range (\(dropped.joined(separator: ", ")))"
    guard let aside = try? moveAside() else {
      tell("\(what); those lessons start afresh (the file could not be kept aside).")
      return
    }
    tell("\(what); those lessons start afresh, and the old file is \(aside.lastPathComponent).")
    save()
  }

  private func setAside(because reason: String) {
    do {
      let aside = try moveAside()
      tell("Progress file \(url.path) was unusable (\(reason)); moved it to \(aside.lastPathComponent) and started afresh.")
    } catch {
      tell("Progress file \(url.path) is unusable (\(reason)) and could not be moved aside; starting afresh.")
    }
  }

  /// Adds `message` to the notice not yet taken, on the same line, unless it is there.
  private func tell(_ message: String) {
    guard notice?.contains(message) != true else { return }
    notice = notice.map { "\($0) \(message)" } ?? message
  }

  /// Moves the progress file to the first free name of `NAME.corrupt`, `NAME.corrupt-2`, …
  /// and returns it. Earlier backups are never replaced, whatever they are.
  private func moveAside() throws -> URL {
    for number in 1...10_000 {
      let aside = URL(fileURLWithPath: url.path + (number == 1 ? ".corrupt" : ".corrupt-\(number)"))
      if try ProgressStore.move(url, toFree: aside) { return aside }
    }
    throw AtomicWriteError(moving: url, code: EEXIST)
  }

  /// Moves `source` to `destination` unless something (even a dangling symlink) is there:
  /// false when it is. A file is hard-linked, which fails rather than replaces, then unlinked;
  /// a folder, which cannot be linked, is renamed after a check.
  private static func move(_ source: URL, toFree destination: URL) throws -> Bool {
    if link(source.path, destination.path) == 0 {
      unlink(source.path)
      return true
    }
    if errno == EEXIST { return false }
    var status = stat()
    if lstat(destination.path, &status) == 0 { return false }
    try AtomicWrite.move(source, to: destination)
    return true
  }
}

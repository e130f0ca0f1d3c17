import Foundation

#if canImport(AtomicFiles)
  import AtomicFiles  // Fuzz/run.sh compiles LessonKit and AtomicFiles as one module
#endif

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
  /// Lessons this store changed or forgot since it last saved: the entries a save writes
  /// over what another shell may have saved meanwhile.
  private var changed: Set<String> = []

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
      tell(
        "Progress for \(id) was at step \(progress.step), but the lesson has \(last) steps; it resumes at step \(last)."
      )
      progress.step = last
      lessons[id] = progress
      changed.insert(id)
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
    changed.insert(id)
    save()
  }

  /// Forgets lesson `id` entirely and saves.
  public func forget(_ id: String) {
    guard lessons.removeValue(forKey: id) != nil else { return }
    changed.insert(id)
    save()
  }

  /// Returns the notice and clears it, so it is shown once.
  public func takeNotice() -> String? {
    defer { notice = nil }
    return notice
  }

  /// Writes this store's changes now (changes already do this), merged entry by entry into
  /// what is on disk under an exclusive lock, so two shells in different lessons keep each
  /// other's progress: a lesson this store changed is written as it has it, every other
  /// lesson as the file has it, and this store then sees those too.
  public func save() {
    let lock = ProgressStore.lockFile(for: url)
    defer { ProgressStore.unlock(lock) }
    if let onDisk = ProgressStore.readLessons(url) {
      var merged = onDisk.filter { !changed.contains($0.key) }
      for id in changed { merged[id] = lessons[id] }
      lessons = merged
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    defer { changed = [] }
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
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      return
    }
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
        let dropped = file.lessons.filter { !range.contains($0.value.step) }.sorted {
          $0.key < $1.key
        }
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
    let what =
      "Progress file \(url.path) had steps out of range (\(dropped.joined(separator: ", ")))"
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
      tell(
        "Progress file \(url.path) was unusable (\(reason)); moved it to \(aside.lastPathComponent) and started afresh."
      )
    } catch {
      tell(
        "Progress file \(url.path) is unusable (\(reason)) and could not be moved aside; starting afresh."
      )
    }
  }

  /// Adds `message` to the notice not yet taken, on the same line, unless it is there.
  private func tell(_ message: String) {
    guard notice?.contains(message) != true else { return }
    notice = notice.map { "\($0) \(message)" } ?? message
  }

  /// The lessons in range in the progress file at `url`, or nil when it is missing or unreadable.
  private static func readLessons(_ url: URL) -> [String: LessonProgress]? {
    guard let data = try? Data(contentsOf: url), !data.isEmpty,
      let file = try? JSONDecoder().decode(File.self, from: data)
    else { return nil }
    let range = 0...LessonProgress.maximumStep
    return file.lessons.filter { range.contains($0.value.step) }
  }

  /// Takes an exclusive lock on `NAME.lock` beside the progress file (the file itself is
  /// replaced by rename on every save, so it cannot carry the lock); -1 when none can be had,
  /// and the save goes on unlocked.
  private static func lockFile(for url: URL) -> Int32 {
    let fd = open(url.path + ".lock", O_RDWR | O_CREAT, 0o644)
    guard fd >= 0 else { return -1 }
    while flock(fd, LOCK_EX) != 0 {
      if errno != EINTR {
        close(fd)
        return -1
      }
    }
    return fd
  }

  private static func unlock(_ fd: Int32) {
    guard fd >= 0 else { return }
    _ = flock(fd, LOCK_UN)
    close(fd)
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

import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Replaces files so that no reader ever sees one half-written, and a failed save never
/// costs the previous file: write a temporary file in the target's own folder, flush it to
/// disk (fsync), then rename it over the target (rename is atomic within a folder). Every
/// save in DigitLab (checkpoints, drawings, transcripts, lesson progress) goes through here.
public enum AtomicWrite {
  /// Makes `url` hold exactly `bytes`. A symbolic link is followed to the file it names;
  /// a target that exists and is not a regular file is refused. Creates at most the last
  /// folder of the path (a mistyped `no/such/deep/dir` is an error, not a new tree); returns
  /// whether it did. On failure whatever was at `url` is untouched and the temporary file is
  /// removed. Ctrl-C, SIGTERM and SIGHUP wait until the save is whole, so none of them
  /// leaves a temporary file behind.
  @discardableResult
  public static func replace(_ url: URL, with bytes: some ContiguousBytes) throws -> Bool {
    let target = url.resolvingSymlinksInPath()
    var status = stat()
    if lstat(target.path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
      throw AtomicWriteError(notARegularFile: url)
    }
    let folder = target.deletingLastPathComponent()
    let madeFolder = try makeLastFolder(folder, for: url)
    removeStaleTemporaries(for: target)
    let temporary = folder.appendingPathComponent(temporaryName(for: target))
    let code = withSignalsHeld {
      let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
      guard fd >= 0 else { return errno }
      var code = bytes.withUnsafeBytes { writeAll($0, to: fd) }
      if code == 0 && fsync(fd) != 0 { code = errno }
      if close(fd) != 0 && code == 0 { code = errno }
      if code == 0 && rename(temporary.path, target.path) != 0 { code = errno }
      if code != 0 { unlink(temporary.path) }
      return code
    }
    guard code == 0 else { throw AtomicWriteError(writing: url, code: code) }
    syncFolder(folder)
    return madeFolder
  }

  /// Creates `folder` when it is missing and the folder above it exists; returns whether it did.
  private static func makeLastFolder(_ folder: URL, for url: URL) throws -> Bool {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) { return false }
    guard FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().path) else {
      throw AtomicWriteError(noFolderFor: url)
    }
    guard mkdir(folder.path, 0o755) == 0 || errno == EEXIST else {
      throw AtomicWriteError(writing: url, code: errno)
    }
    return true
  }

  /// Removes temporary files of earlier saves of `target` whose process is gone (killed
  /// with SIGKILL mid-save, say): `.NAME.tmp-PID-…` where no process PID runs.
  static func removeStaleTemporaries(for target: URL) {
    let folder = target.deletingLastPathComponent()
    let prefix = ".\(target.lastPathComponent).tmp-"
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
      return
    }
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid > 0 else {
        continue
      }
      if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder.appendingPathComponent(name).path) }
    }
  }

  /// Runs `work` with SIGINT, SIGTERM and SIGHUP held back; one that arrives meanwhile is
  /// delivered when `work` is done, with its usual effect.
  private static func withSignalsHeld<T>(_ work: () -> T) -> T {
    var held = sigset_t()
    var previous = sigset_t()
    sigemptyset(&held)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&held, signal) }
    pthread_sigmask(SIG_BLOCK, &held, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return work()
  }

  /// Moves `source` to `destination` in one step, replacing what is there (both in one
  /// file system).
  public static func move(_ source: URL, to destination: URL) throws {
    guard rename(source.path, destination.path) == 0 else {
      throw AtomicWriteError(moving: source, code: errno)
    }
  }

  /// `.NAME.tmp-PID-RANDOM`: hidden, beside the target, distinct for each save in flight.
  static func temporaryName(for url: URL) -> String {
    ".\(url.lastPathComponent).tmp-\(getpid())-\(String(UInt32.random(in: .min ... .max), radix: 16))"
  }

  /// Flushes the folder's entry for the renamed file too, so the new name survives a crash.
  /// Best effort: some file systems refuse to sync a folder, and the data is already safe.
  private static func syncFolder(_ folder: URL) {
    let fd = open(folder.path, O_RDONLY)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }
}

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
  /// Makes `url` hold exactly `bytes`, creating its folder when needed. On failure whatever
  /// was at `url` is untouched and the temporary file is removed.
  public static func replace(_ url: URL, with bytes: some ContiguousBytes) throws {
    let folder = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(temporaryName(for: url))
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
    guard fd >= 0 else { throw AtomicWriteError(writing: url, code: errno) }
    var code = bytes.withUnsafeBytes { writeAll($0, to: fd) }
    if code == 0 && fsync(fd) != 0 { code = errno }
    if close(fd) != 0 && code == 0 { code = errno }
    if code == 0 && rename(temporary.path, url.path) != 0 { code = errno }
    guard code == 0 else {
      unlink(temporary.path)
      throw AtomicWriteError(writing: url, code: code)
    }
    syncFolder(folder)
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

  /// Writes all of `buffer` to `fd`; 0, or the `errno` that stopped it.
  private static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
    guard let base = buffer.baseAddress else { return 0 }
    var written = 0
    while written < buffer.count {
      let n = write(fd, base + written, buffer.count - written)
      if n < 0 && errno == EINTR { continue }  // a signal (Ctrl-C) arrived mid-write: go on
      if n < 0 { return errno }
      if n == 0 { return EIO }
      written += n
    }
    return 0
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

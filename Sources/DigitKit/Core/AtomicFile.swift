import Foundation
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Saves that never leave a half-written file: write a temporary file beside the target,
/// flush it to disk, then rename it over the target (rename is atomic within a folder).
public enum AtomicFile {
  public static func write(_ bytes: [UInt8], to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw error(writing: url, code: errno) }
    var written = 0
    let ok: Bool = bytes.withUnsafeBytes { raw in
      guard let base = raw.baseAddress else { return fsync(fd) == 0 }
      while written < raw.count {
        let n = Glibc_write(fd, base + written, raw.count - written)
        if n < 0 && errno == EINTR { continue }  // a signal (Ctrl-C) arrived mid-write: go on
        if n <= 0 {
          if n == 0 { errno = EIO }
          return false
        }
        written += n
      }
      return fsync(fd) == 0
    }
    let code = errno
    close(fd)
    guard ok else {
      unlink(temporary.path)
      throw error(writing: url, code: code)
    }
    guard rename(temporary.path, url.path) == 0 else {
      let e = errno
      unlink(temporary.path)
      throw error(writing: url, code: e)
    }
  }

  /// The one-line error for a failed save of `url` with `errno` `code`: the system's reason
  /// (strerror), and what to do when the disk or the memory ran out.
  public static func error(writing url: URL, code: Int32) -> DigitKitError {
    var message = "cannot write \(url.path): \(String(cString: strerror(code)))"
    switch code {
    case ENOSPC, EDQUOT: message += " (free some disk space, or save elsewhere)"
    case ENOMEM: message += " (close other programs and save again)"
    default: break
    }
    return DigitKitError(message)
  }

  /// Writes UTF-8 text atomically.
  public static func write(_ text: String, to url: URL) throws {
    try write(Array(text.utf8), to: url)
  }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, buffer, count)
}

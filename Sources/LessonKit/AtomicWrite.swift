import Foundation
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Replaces a file so that it is never seen half-written: writes a temporary file in the
/// same folder, flushes it to disk, then renames it over the target (atomic within a folder).
enum AtomicWrite {
  /// Makes `url` hold exactly `data`, creating its folder when needed.
  static func replace(_ url: URL, with data: Data) throws {
    let folder = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw failure(url, errno) }
    var written = 0
    var error: Int32 = 0
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
      guard let base = raw.baseAddress else { return }
      while written < raw.count {
        let n = write(fd, base + written, raw.count - written)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 {
          error = errno
          return
        }
        written += n
      }
    }
    if error == 0 && fsync(fd) != 0 { error = errno }
    close(fd)
    if error == 0 && rename(temporary.path, url.path) != 0 { error = errno }
    if error != 0 {
      unlink(temporary.path)
      throw failure(url, error)
    }
  }

  /// Moves `source` to `destination`, replacing what is there.
  static func move(_ source: URL, to destination: URL) throws {
    if rename(source.path, destination.path) != 0 { throw failure(source, errno) }
  }

  private static func failure(_ url: URL, _ code: Int32) -> LessonError {
    LessonError("cannot write \(url.path): \(String(cString: strerror(code)))")
  }
}

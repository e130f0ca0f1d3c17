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
    guard fd >= 0 else { throw DigitKitError("cannot write \(url.path): \(String(cString: strerror(errno)))") }
    var written = 0
    let ok: Bool = bytes.withUnsafeBytes { raw in
      while written < raw.count {
        let n = Glibc_write(fd, raw.baseAddress! + written, raw.count - written)
        if n <= 0 { return false }
        written += n
      }
      return fsync(fd) == 0
    }
    let error = errno
    close(fd)
    guard ok else {
      unlink(temporary.path)
      throw DigitKitError("cannot write \(url.path): \(String(cString: strerror(error)))")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let e = errno
      unlink(temporary.path)
      throw DigitKitError("cannot write \(url.path): \(String(cString: strerror(e)))")
    }
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

import Foundation

#if canImport(AtomicFiles)
  import AtomicFiles  // Fuzz/run.sh compiles DigitKit and AtomicFiles as one module
#endif

/// DigitKit's saves, atomic through the AtomicFiles module (a temporary file beside the
/// target, fsync, rename; a failure leaves the old file and no temporary behind). Failures
/// come back as `DigitKitError`, DigitKit's one error type, which the shell prints as a
/// single line.
public enum AtomicFile {
  /// Makes `url` hold exactly `bytes`.
  public static func write(_ bytes: [UInt8], to url: URL) throws {
    try asDigitKitError { try AtomicWrite.replace(url, with: bytes) }
  }

  /// Makes `url` hold exactly `data`.
  public static func write(_ data: Data, to url: URL) throws {
    try asDigitKitError { try AtomicWrite.replace(url, with: data) }
  }

  /// Makes `url` hold `text` as UTF-8.
  public static func write(_ text: String, to url: URL) throws {
    try write(Array(text.utf8), to: url)
  }

  /// The one-line error for a failed save of `url` with `errno` `code`: the system's reason
  /// (strerror), and what to do when the disk or the memory ran out.
  public static func error(writing url: URL, code: Int32) -> DigitKitError {
    DigitKitError(AtomicWriteError(writing: url, code: code).message)
  }

  private static func asDigitKitError(_ save: () throws -> Void) throws {
    do { try save() } catch let error as AtomicWriteError { throw DigitKitError(error.message) }
  }
}

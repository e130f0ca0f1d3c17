import Foundation

#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A failed save in one line: the path, the system's reason (strerror), and what to do when
/// the disk or the memory ran out.
public struct AtomicWriteError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The file that could not be written (or moved).
  public let path: String
  /// The `errno` value behind the failure.
  public let code: Int32
  /// `cannot write PATH: REASON`, with a hint for a full disk or no memory.
  public let message: String

  /// Writing `url` failed with `errno` `code`.
  public init(writing url: URL, code: Int32) {
    self.init(verb: "write", url: url, code: code)
  }

  /// `url` exists and is not a regular file (a device, a folder, a pipe): saving over it
  /// would replace it (as root, `--out /dev/null` would replace /dev/null).
  public init(notARegularFile url: URL) {
    path = url.path
    code = EEXIST
    message = "cannot write \(url.path): it is not a regular file; save to a file name instead"
  }

  /// The folder `url` should go in does not exist, nor does the folder above it.
  public init(noFolderFor url: URL) {
    path = url.path
    code = ENOENT
    message =
      "cannot write \(url.path): there is no folder \(url.deletingLastPathComponent().deletingLastPathComponent().path)"
  }

  /// Moving `url` failed with `errno` `code`.
  public init(moving url: URL, code: Int32) {
    self.init(verb: "move", url: url, code: code)
  }

  private init(verb: String, url: URL, code: Int32) {
    path = url.path
    self.code = code
    var message = "cannot \(verb) \(url.path): \(String(cString: strerror(code)))"
    switch code {
    case ENOSPC, EDQUOT: message += " (free some disk space, or save elsewhere)"
    case ENOMEM: message += " (close other programs and save again)"
    default: break
    }
    self.message = message
  }

  public var description: String { message }
}

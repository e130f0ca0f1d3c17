import Foundation

/// Finds DigitLab's shipped data folder (`Data/`, holding `mnist/` and `models/`).
///
/// Looks at `$DIGITLAB_DATA`, then upwards from the executable (so a build under
/// `.build/release/` finds the checkout's `Data/`), then the working directory.
public enum DataLocator {
  public static func dataDirectory() throws -> URL {
    let fm = FileManager.default
    if let env = ProcessInfo.processInfo.environment["DIGITLAB_DATA"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    var candidates: [URL] = []
    var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(dir.appendingPathComponent("Data"))
      candidates.append(dir.appendingPathComponent("share/digitlab/Data"))
      dir = dir.deletingLastPathComponent()
    }
    candidates.append(URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Data"))
    for c in candidates where fm.fileExists(atPath: c.appendingPathComponent("mnist").path) {
      return c.standardizedFileURL
    }
    throw DigitKitError("cannot find DigitLab's Data/ folder (set DIGITLAB_DATA to it)")
  }

  /// `Data/mnist`.
  public static func mnistDirectory() throws -> URL {
    try dataDirectory().appendingPathComponent("mnist")
  }

  /// `Lessons/`, beside `Data/` (`$DIGITLAB_LESSONS` overrides).
  public static func lessonsDirectory() throws -> URL {
    if let env = ProcessInfo.processInfo.environment["DIGITLAB_LESSONS"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    return try dataDirectory().deletingLastPathComponent().appendingPathComponent("Lessons")
  }

  /// `Data/models`.
  public static func modelsDirectory() throws -> URL {
    try dataDirectory().appendingPathComponent("models")
  }
}

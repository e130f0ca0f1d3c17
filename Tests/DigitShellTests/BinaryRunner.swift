import Foundation
import XCTest

/// Runs the real `digitlab` binary, as a learner or a script would.
enum Binary {
  /// The built executable, beside the test bundle.
  static var url: URL {
    var dir = Bundle.main.bundleURL
    for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
      dir = bundle.bundleURL.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("digitlab")
  }

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Runs `digitlab arguments…` in `directory` with `input` on standard input, standard output
  /// and error merged in order. Home is a fresh temporary folder unless one is given; a nil
  /// value in `environment` removes that variable.
  static func run(
    _ arguments: [String] = [], input: String = "", home: URL? = nil, directory: URL = repository,
    environment extra: [String: String?] = [:]
  ) throws -> (output: String, status: Int32) {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_HOME"] = (home ?? temporaryHome()).path
    env["DIGITLAB_DATA"] = repository.appendingPathComponent("Data").path
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "80"
    for (k, v) in extra { env[k] = v }
    process.environment = env
    let inPipe = Pipe()
    let outPipe = Pipe()
    process.standardInput = inPipe
    process.standardOutput = outPipe
    process.standardError = outPipe
    try process.run()
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try inPipe.fileHandleForWriting.close()
    let data = outPipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: data, as: UTF8.self), process.terminationStatus)
  }

  static func temporaryHome() -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "digitlab-home-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}

import Foundation
import XCTest

/// The real `digitlab` shell in a pseudo-terminal, typed at as a learner types, with what the
/// screen shows read back through a terminal emulator (`pty_driver.py`: pexpect and pyte).
enum Pty {
  /// Keys to type (`\r` is Enter; `<C-c>`, `<C-d>`, `<Up>`, `<Tab>`, `<Esc>` name keys), then
  /// wait until `until` is on the screen (at most `timeout` seconds), then read on for
  /// `settle` seconds: for output that comes in more than one write after `until`.
  struct Step: Encodable {
    var keys: String
    var until: String?
    var timeout: Double?
    var settle: Double?
    init(_ keys: String, until: String? = nil, timeout: Double? = nil, settle: Double? = nil) {
      self.keys = keys
      self.until = until
      self.timeout = timeout
      self.settle = settle
    }
  }

  struct Result: Decodable {
    /// The screen after each step, one string with a line per row.
    let screens: [String]
    /// The shell's exit status, or nil if it was still running after the last step.
    let status: Int32?
    /// The steps whose `until` never showed.
    let timedOut: [Int]

    enum CodingKeys: String, CodingKey {
      case screens, status
      case timedOut = "timed_out"
    }
  }

  static let driver = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("pty_driver.py")

  /// Starts the shell at `columns`×`rows` with home `home`, types `steps`, and reports.
  /// `environment` adds variables (DIGITLAB_PAGER, say) to the shell's.
  static func run(
    _ steps: [Step], home: URL = Binary.temporaryHome(), columns: Int = 80, rows: Int = 24,
    environment: [String: String] = [:]
  )
    throws -> Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let json = String(decoding: try JSONEncoder().encode(steps), as: UTF8.self)
    process.arguments = [
      "python3", driver.path, Binary.url.path, home.path, "\(columns)", "\(rows)", json,
    ]
    process.currentDirectoryURL = Binary.repository
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_DATA"] = Binary.repository.appendingPathComponent("Data").path
    for (name, value) in environment { env[name] = value }
    process.environment = env
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problems = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw NSError(
        domain: "Pty", code: Int(process.terminationStatus),
        userInfo: [
          NSLocalizedDescriptionKey: "pty_driver.py failed: "
            + String(decoding: problems, as: UTF8.self)
        ])
    }
    return try JSONDecoder().decode(Result.self, from: data)
  }
}

import Foundation
import XCTest

/// Output that cannot be written (a full disk, a closed stream) ends the command with one
/// line and status 1, never a crash.
final class ConsoleTests: XCTestCase {
  /// Runs `digitlab arguments…` with standard output and error sent where asked; returns
  /// the status and what reached the pipe, if one of them is a pipe.
  func run(_ arguments: [String], stdout: FileHandle?, stderr: FileHandle?) throws -> (
    status: Int32, text: String
  ) {
    let process = Process()
    process.executableURL = Binary.url
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_HOME"] = Binary.temporaryHome().path
    env["NO_COLOR"] = "1"
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = stdout ?? pipe
    process.standardError = stderr ?? pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  func testAFullStandardOutputEndsInOneLineOnStandardError() throws {
    let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
    let (status, text) = try run(["summary", "--net", "net1"], stdout: full, stderr: nil)
    XCTAssertEqual(status, 1)
    XCTAssertEqual(text, "error: cannot write to standard output: No space left on device\n")
  }

  func testAFullStandardErrorEndsInOneLineOnStandardOutput() throws {
    let full = try XCTUnwrap(FileHandle(forWritingAtPath: "/dev/full"))
    let (status, text) = try run(["bogus"], stdout: nil, stderr: full)
    XCTAssertEqual(status, 1)
    XCTAssertEqual(text, "error: cannot write to standard error: No space left on device\n")
  }
}

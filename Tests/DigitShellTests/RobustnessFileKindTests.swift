import Foundation
import XCTest

/// Issue 19, defect 18: a folder or a missing file given as a drawing said "cannot read (missing?)".
final class RobustnessFileKindTests: XCTestCase {
  func testAFolderGivenAsADrawingIsCalledAFolder() throws {
    let folder = Binary.temporaryHome()
    for arguments in [
      ["predict", folder.path, "--model", "net1"], ["draw", "--load", folder.path],
    ] {
      let (output, status) = try Binary.run(arguments)
      XCTAssertEqual(status, 1, "\(arguments[0]): \(output)")
      XCTAssertEqual(
        output, "error: \(folder.path) is a folder, not a drawing file\n", arguments[0])
    }
  }

  func testAMissingDrawingDoesNotExist() throws {
    let missing = Binary.temporaryHome().appendingPathComponent("3-mine.txt").path
    let (output, status) = try Binary.run(["predict", missing, "--model", "net1"])
    XCTAssertEqual(status, 1, output)
    XCTAssertEqual(output, "error: \(missing) does not exist\n")
  }

  /// Root reads every file, so this one is skipped there.
  func testAnUnreadableDrawingSaysPermissionDenied() throws {
    guard getuid() != 0 else { throw XCTSkip("root can read a file of mode 000") }
    let file = Binary.temporaryHome().appendingPathComponent("3-locked.txt")
    try Data("#\n".utf8).write(to: file)
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: file.path)
    let (output, status) = try Binary.run(["predict", file.path, "--model", "net1"])
    XCTAssertEqual(status, 1, output)
    XCTAssertEqual(output, "error: \(file.path): permission denied\n")
  }
}

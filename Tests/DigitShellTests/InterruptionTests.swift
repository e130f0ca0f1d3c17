import DigitKit
import Foundation
import XCTest

/// `kill -9` in the middle of saving never leaves a half-written checkpoint.
final class InterruptionTests: XCTestCase {
  func testKillDuringSaveLeavesAWholeFile() throws {
    let dir = Binary.temporaryHome()
    let target = dir.appendingPathComponent("model.safetensors")
    // The old file: a small model.
    let old = Model.make(.net2, seed: 7)
    try old.save(to: target, info: ModelInfo(note: "old"))
    // A process saving a 2.7 MB model over it again and again, killed mid-way.
    let script =
      "new big --from net1\n" + String(repeating: "save big \(target.path)\n", count: 400)
    let process = Process()
    process.executableURL = Binary.url
    var env = ProcessInfo.processInfo.environment
    env["DIGITLAB_HOME"] = dir.path
    env["DIGITLAB_DATA"] = Binary.repository.appendingPathComponent("Data").path
    process.environment = env
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    Thread.sleep(forTimeInterval: 0.4)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    XCTAssertEqual(
      process.terminationReason, .uncaughtSignal, "the save loop was still running when killed")
    // Whatever moment the kill hit, the file is a whole model: the old one or a new one.
    let (model, info) = try Model.load(contentsOf: target)
    XCTAssert(info.note == "old" || model.parameterCount == Model.make(.net1).parameterCount)
  }
}

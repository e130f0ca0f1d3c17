import Foundation
import XCTest

/// A learner's session writes to ~/.digitlab and to the files the learner names, nowhere else:
/// not the working folder, not the temporary folder, not the shipped Data/.
final class FootprintTests: XCTestCase {
  /// A realistic session: train, save, evaluate, a random digit kept and saved, finetune,
  /// a lesson stepped through and one run headless with a transcript, a plot saved.
  static let script = """
    train --net net1 --epochs 1 --limit 200 --test-limit 100
    save last mine.safetensors
    eval --model mine.safetensors
    random --model net1 --seed 7
    save-drawing seven.txt
    keep 7
    finetune --model net1 --epochs 1 --mnist 300
    train --net net1 --epochs 1 --limit 100 --test-limit 50 --out runs/second.safetensors
    lesson 1
    \n\n\n
    quit
    run 1 --transcript welcome.md
    plot last --save plot.txt
    quit

    """
  static let named: Set<String> = [
    "mine.safetensors", "seven.txt", "runs/second.safetensors", "welcome.md", "plot.txt",
  ]

  func testASessionWritesOnlyToItsHomeAndTheNamedFiles() throws {
    let dirs = try Folders()
    defer { dirs.remove() }
    let data = try snapshot(Binary.repository.appendingPathComponent("Data"))
    let (output, status) = try run(Self.script, in: dirs, digitlabHome: dirs.digitlab)
    XCTAssertEqual(status, 0, output)
    XCTAssertFalse(output.contains("error:"), output)

    let home = dirs.digitlab.resolvingSymlinksInPath().path + "/"
    let work = dirs.work.resolvingSymlinksInPath().path + "/"
    var written = Set<String>()
    for file in try files(under: dirs.root) where !file.hasPrefix(home) {
      XCTAssertTrue(
        file.hasPrefix(work), "written outside ~/.digitlab and the named files: \(file)")
      written.insert(String(file.dropFirst(work.count)))
    }
    XCTAssertEqual(written, Self.named)
    for kept in [
      "last.safetensors", "finetuned.safetensors", "progress.json", "drawings/7-001.txt",
    ] {
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: home + kept), "\(kept) is not in ~/.digitlab")
    }
    XCTAssertEqual(
      try snapshot(Binary.repository.appendingPathComponent("Data")), data, "Data/ changed")
  }

  func testWithoutDigitlabHomeTheFolderIsDotDigitlabInHome() throws {
    let dirs = try Folders()
    defer { dirs.remove() }
    let (output, status) = try run(
      "random --model net1 --seed 3\nkeep 4\ntrain --net net1 --epochs 1 --limit 50 --test-limit 50\n",
      in: dirs, digitlabHome: nil)
    XCTAssertEqual(status, 0, output)
    let home = dirs.home.appendingPathComponent(".digitlab").resolvingSymlinksInPath().path + "/"
    XCTAssertEqual(try files(under: dirs.root).filter { !$0.hasPrefix(home) }, [])
    XCTAssertEqual(
      try files(under: dirs.home).map { String($0.dropFirst(home.count)) }.sorted(),
      ["drawings/4-001.txt", "last.safetensors"])
  }

  // MARK: - Helpers

  /// Fresh HOME, DIGITLAB_HOME, TMPDIR and working folder, side by side in one temporary folder.
  struct Folders {
    let root: URL, home: URL, digitlab: URL, temporary: URL, work: URL
    init() throws {
      root = FileManager.default.temporaryDirectory.appendingPathComponent(
        "digitlab-footprint-\(UUID().uuidString)")
      home = root.appendingPathComponent("home")
      digitlab = root.appendingPathComponent("digitlab-home")
      temporary = root.appendingPathComponent("tmp")
      work = root.appendingPathComponent("work")
      for dir in [home, digitlab, temporary, work] {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      }
    }
    func remove() { try? FileManager.default.removeItem(at: root) }
  }

  /// Runs `digitlab` with `input` piped in, in `dirs.work`, with HOME, TMPDIR (and
  /// DIGITLAB_HOME when given) pointing into `dirs`.
  func run(_ input: String, in dirs: Folders, digitlabHome: URL?) throws -> (String, Int32) {
    try Binary.run(
      input: input, home: digitlabHome ?? dirs.digitlab, directory: dirs.work,
      environment: [
        "HOME": dirs.home.path, "TMPDIR": dirs.temporary.path,
        "DIGITLAB_HOME": digitlabHome?.path,
      ])
  }

  /// Every regular file under `folder`, as absolute paths without symbolic links, sorted.
  func files(under folder: URL) throws -> [String] {
    guard
      let walk = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else {
      return []
    }
    var paths: [String] = []
    for case let url as URL in walk
    where try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true {
      paths.append(url.resolvingSymlinksInPath().path)
    }
    return paths.sorted()
  }

  /// Name, size and modification time of every file under `folder`.
  func snapshot(_ folder: URL) throws -> [String] {
    let keys: Set<URLResourceKey> = [.fileSizeKey, .contentModificationDateKey]
    return try files(under: folder).map { path in
      let values = try URL(fileURLWithPath: path).resourceValues(forKeys: keys)
      return
        "\(path) \(values.fileSize ?? -1) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
    }
  }
}

import Foundation

#if canImport(AtomicFiles)
  import AtomicFiles  // Fuzz/run.sh compiles LessonKit and AtomicFiles as one module
#endif

/// How a lesson step's commands ended, as `WorldKeeper` recorded it.
public enum StepStatus: String, Codable, Sendable {
  /// The step began (its "before" is recorded) and never finished: the shell ended mid-step.
  case started
  /// Every command of the step ran.
  case ran
  /// A command failed or the learner stopped the step.
  case stopped
  /// The step was passed over without running.
  case skipped
}

/// Records, for each step of one lesson, the world just before the step's commands ran and
/// just after, so that a step run again first undoes what it did, and a lesson resumed in a
/// new shell gets back the models, drawings and pages its steps made.
///
/// On disk, in `folder` (the shell uses `~/.digitlab/lessons/LESSON-ID/`):
/// - `world.json`: `{"version": 1, "steps": {"STEP": {"before": {KEY: HASH}, "after": {KEY: HASH},
///   "status": "ran"}}}`, STEP the 0-based step index;
/// - `blobs/HASH`: an item's bytes, stored once however many records name them. HASH is the
///   64-bit FNV-1a of the bytes in 16 hex digits, a dash and the length in bytes
///   (`cbf29ce484222325-0` for no bytes): h₀ = 0xcbf29ce484222325,
///   hᵢ₊₁ = (hᵢ ⊕ byteᵢ)·0x100000001b3 mod 2⁶⁴.
///
/// Every write is atomic (blobs first, then the index, then blobs no record names are
/// removed), so a crash leaves the previous index whole. An index that cannot be read is
/// moved aside to `world.json.corrupt` (then `.corrupt-2`, …) and the keeper starts with no
/// records; a record whose blobs are missing or damaged counts as no record. Nothing here is
/// fatal: such problems become a one-line `notice`.
public final class WorldKeeper {
  /// The folder holding `world.json` and `blobs/`.
  public let folder: URL
  /// The world captured and changed.
  public let world: LessonWorld
  /// Problems worth telling the learner (an index set aside, records dropped) since the
  /// notice was last taken, in one line, or nil.
  public private(set) var notice: String?

  /// The version written in `world.json`; another is read as unusable.
  static let version = 1
  /// Step indices above this are refused when reading (lessons have a few dozen steps).
  static let maximumStep = 100_000

  struct Record: Codable, Equatable {
    var before: [String: String]?
    var after: [String: String]?
    var status: StepStatus
  }

  private struct Index: Codable {
    var version: Int
    var steps: [String: Record]
  }

  private var records: [Int: Record] = [:]
  private var indexURL: URL { folder.appendingPathComponent("world.json") }
  private var blobsURL: URL { folder.appendingPathComponent("blobs") }

  /// Opens the records in `folder` (none yet when it does not exist) for `world`.
  public init(folder: URL, world: LessonWorld) {
    self.folder = folder
    self.world = world
    load()
  }

  // MARK: Steps

  /// Call just before step `step` (0-based) runs its commands. When the step or a later one
  /// ran before (`back`, `again`, `restart`), the lesson is first rewound: every key a
  /// recorded step at or after `step` changed (its before and after differ) is set back to
  /// its value before the earliest such step, removed when it was absent then; keys no step
  /// changed (a model the learner made at the prompt) are left alone. The records of later
  /// steps are then forgotten, since those steps will run again on the new world. Last, the
  /// world is captured as this step's "before".
  ///
  /// Returns the keys whose values it set back or removed, sorted.
  @discardableResult
  public func willRun(step: Int) throws -> [String] {
    let now = try world.capture()
    let (changes, unreadable) = rewind(from: step, now: now)
    var before = now
    if !changes.isEmpty {
      try world.apply(changes)
      before = try world.capture()
    }
    if !unreadable.isEmpty {
      tell("Could not set back \(unreadable.joined(separator: ", ")): its saved copy is damaged.")
    }
    records = records.filter { $0.key < step }
    records[step] = Record(before: try store(before), after: nil, status: .started)
    try save()
    return changes.keys.sorted()
  }

  /// Call when step `step`'s commands are done: captures the world as its "after", with
  /// status `ran` when `completed`, else `stopped` (a command failed or was stopped).
  public func didRun(step: Int, completed: Bool) throws {
    let after = try store(try world.capture())
    var record = records[step] ?? Record(before: nil, after: nil, status: .started)
    record.after = after
    record.status = completed ? .ran : .stopped
    records[step] = record
    try save()
  }

  /// Marks step `step` as skipped; what was recorded before and after it is kept as it was.
  public func didSkip(step: Int) throws {
    var record = records[step] ?? Record(before: nil, after: nil, status: .skipped)
    record.status = .skipped
    records[step] = record
    try save()
  }

  /// How step `step` ended when it last ran, or nil when it has no usable record.
  public func status(of step: Int) -> StepStatus? {
    records[step]?.status
  }

  /// For a lesson resumed in a new shell at `position` (steps `0..<position` are behind the
  /// learner): sets every item of the "after" of the latest step before `position` that has
  /// one (keys it does not name are left alone), and returns, in order, the steps after that
  /// one and before `position` that have no record (the caller decides which to replay).
  /// With no such step, nothing is set and every step before `position` with no record is
  /// returned (all of `0..<position` when there are no records).
  public func restore(before position: Int) throws -> [Int] {
    var latest = records.keys.filter { $0 < position && records[$0]?.after != nil }.max()
    while let step = latest, let after = records[step]?.after {
      guard let items = readAll(after) else {
        tell("The saved world after step \(step + 1) is damaged; it is not used.")
        records[step] = nil
        latest = records.keys.filter { $0 < position && records[$0]?.after != nil }.max()
        continue
      }
      let now = Self.hashes(of: try world.capture())
      let changes = items.filter { now[$0.key] != after[$0.key] }
      if !changes.isEmpty { try world.apply(changes.mapValues { Optional($0) }) }
      return ((step + 1)..<max(step + 1, position)).filter { records[$0] == nil }
    }
    return (0..<max(0, position)).filter { records[$0] == nil }
  }

  /// Forgets every record and removes `world.json` and the blobs.
  public func forget() throws {
    records = [:]
    for url in [indexURL, blobsURL] where FileManager.default.fileExists(atPath: url.path) {
      try FileManager.default.removeItem(at: url)
    }
  }

  /// Returns the notice and clears it, so it is shown once.
  public func takeNotice() -> String? {
    defer { notice = nil }
    return notice
  }

  // MARK: Undoing

  /// The changes that set back what the recorded steps from `step` on changed, newest step
  /// first (so each key ends at its value before the earliest step that changed it), leaving
  /// out keys already at that value; and the keys whose saved value could not be read.
  private func rewind(from step: Int, now: [String: [UInt8]]) -> (
    changes: [String: [UInt8]?], unreadable: [String]
  ) {
    var target: [String: String?] = [:]
    for index in records.keys.filter({ $0 >= step }).sorted(by: >) {
      guard let before = records[index]?.before, let after = records[index]?.after else {
        continue
      }
      for key in Set(before.keys).union(after.keys) where before[key] != after[key] {
        target[key] = .some(before[key])
      }
    }
    let current = Self.hashes(of: now)
    var changes: [String: [UInt8]?] = [:]
    var unreadable: [String] = []
    for (key, hash) in target where current[key] != hash {
      if let hash {
        guard let bytes = readBlob(hash) else {
          unreadable.append(key)
          continue
        }
        changes[key] = .some(bytes)
      } else {
        changes[key] = .some(nil)
      }
    }
    return (changes, unreadable.sorted())
  }

  /// The bytes of every hash in `items`, or nil when one cannot be read whole.
  private func readAll(_ items: [String: String]) -> [String: [UInt8]]? {
    var result: [String: [UInt8]] = [:]
    for (key, hash) in items {
      guard let bytes = readBlob(hash) else { return nil }
      result[key] = bytes
    }
    return result
  }

  private func tell(_ message: String) {
    guard notice?.contains(message) != true else { return }
    notice = notice.map { "\($0) \(message)" } ?? message
  }
}

// MARK: Blobs and the index

extension WorldKeeper {
  /// The blob name of `bytes`: 64-bit FNV-1a in 16 lowercase hex digits, "-", the length.
  public static func hash(_ bytes: [UInt8]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
      for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex + "-" + String(bytes.count)
  }

  static func hashes(of items: [String: [UInt8]]) -> [String: String] {
    items.mapValues { hash($0) }
  }

  /// The length a well-formed blob name gives, or nil when `name` is not one (so a crafted
  /// index cannot name a file outside `blobs/`).
  static func length(inBlobName name: String) -> Int? {
    let parts = name.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 16,
      parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || ("a"..."f").contains($0)) }),
      (1...12).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    return Int(parts[1])
  }

  /// Writes the blobs of `items` that are not stored yet; returns each key's hash.
  fileprivate func store(_ items: [String: [UInt8]]) throws -> [String: String] {
    try FileManager.default.createDirectory(at: blobsURL, withIntermediateDirectories: true)
    var hashes: [String: String] = [:]
    for (key, bytes) in items {
      let hash = Self.hash(bytes)
      let url = blobsURL.appendingPathComponent(hash)
      if !FileManager.default.fileExists(atPath: url.path) {
        try AtomicWrite.replace(url, with: bytes)
      }
      hashes[key] = hash
    }
    return hashes
  }

  /// The blob `hash`, or nil when it is missing or its bytes do not match its name.
  fileprivate func readBlob(_ hash: String) -> [UInt8]? {
    guard Self.length(inBlobName: hash) != nil,
      let data = try? Data(contentsOf: blobsURL.appendingPathComponent(hash))
    else { return nil }
    let bytes = [UInt8](data)
    return Self.hash(bytes) == hash ? bytes : nil
  }

  /// Whether the blob `hash` is there with the length its name gives (cheap: no reading).
  private func blobLooksWhole(_ hash: String) -> Bool {
    guard let length = Self.length(inBlobName: hash) else { return false }
    let path = blobsURL.appendingPathComponent(hash).path
    let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    return size == length
  }

  /// Writes the index atomically, then removes the blobs no record names.
  fileprivate func save() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let steps = Dictionary(uniqueKeysWithValues: records.map { (String($0.key), $0.value) })
    var data = try encoder.encode(Index(version: Self.version, steps: steps))
    data.append(UInt8(ascii: "\n"))
    try AtomicWrite.replace(indexURL, with: data)
    removeUnusedBlobs()
  }

  private func removeUnusedBlobs() {
    var used: Set<String> = []
    for record in records.values {
      used.formUnion((record.before ?? [:]).values)
      used.formUnion((record.after ?? [:]).values)
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: blobsURL.path)) ?? []
    for name in names where !used.contains(name) && !name.hasPrefix(".") {
      try? FileManager.default.removeItem(at: blobsURL.appendingPathComponent(name))
    }
  }

  /// Reads the index; an unusable one is moved aside, a record with a missing blob dropped.
  fileprivate func load() {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: indexURL.path, isDirectory: &isFolder) else {
      return
    }
    guard !isFolder.boolValue, let data = try? Data(contentsOf: indexURL), !data.isEmpty,
      let index = try? JSONDecoder().decode(Index.self, from: data), index.version == Self.version
    else {
      setAside()
      return
    }
    var dropped: [Int] = []
    for (key, record) in index.steps {
      guard let step = Int(key), (0...Self.maximumStep).contains(step) else { continue }
      let hashes = Array((record.before ?? [:]).values) + (record.after ?? [:]).values
      if hashes.allSatisfy(blobLooksWhole) { records[step] = record } else { dropped.append(step) }
    }
    if !dropped.isEmpty {
      let steps = dropped.sorted().map { String($0 + 1) }.joined(separator: ", ")
      tell("The saved world of step \(steps) is incomplete; it is not used.")
    }
  }

  /// Moves the index to the first free name of `world.json.corrupt`, `.corrupt-2`, ….
  private func setAside() {
    for number in 1...1_000 {
      let aside = URL(
        fileURLWithPath: indexURL.path + (number == 1 ? ".corrupt" : ".corrupt-\(number)"))
      if (try? FileManager.default.attributesOfItem(atPath: aside.path)) != nil { continue }
      if (try? AtomicWrite.move(indexURL, to: aside)) != nil {
        tell("The lesson's saved world was unusable; kept it as \(aside.lastPathComponent).")
        return
      }
      break
    }
    tell("The lesson's saved world at \(indexURL.path) is unusable; it is not used.")
  }
}

import AtomicFiles
import DigitKit
import Foundation
import LessonKit

/// A shell session as a lesson's world: what lesson steps change, as named items of bytes
/// that `WorldKeeper` records before and after each step.
///
/// Items (absent when the session holds nothing of the kind):
/// - `model NAME`: each model in `session.models` as a safetensors checkpoint (weights, layer
///   list, info), except a shipped model unchanged since it was loaded (the next use loads it
///   again);
/// - `drawing`: the current drawing, JSON `{"height", "ink", "width"}`, ink row-major 0…1;
/// - `runs`: the runs trained so far, JSON `[{"history": [EpochResult], "label"}]`;
/// - `page`: what `show` last displayed (`next` and `prev` turn it), JSON;
/// - `results`: what the last commands measured, JSON `{KEY: VALUE}`;
/// - `kept NAME`: each file of the learner's own drawings (`~/.digitlab/drawings/NAME`).
///
/// Applying replaces or removes each named item; a key of none of these kinds is ignored.
public final class SessionWorld: LessonWorld {
  /// The session captured and changed.
  public let session: Session

  /// The world of `session`.
  public init(session: Session) {
    self.session = session
  }

  /// Where the world of lesson `lessonID` is kept: `~/.digitlab/lessons/LESSON-ID/`.
  public static func folder(for lessonID: String) -> URL {
    Session.homeDirectory.appendingPathComponent("lessons", isDirectory: true)
      .appendingPathComponent(lessonID, isDirectory: true)
  }

  static let modelPrefix = "model "
  static let keptPrefix = "kept "

  private struct DrawingItem: Codable {
    var width: Int
    var height: Int
    var ink: [Float]
  }

  private struct RunItem: Codable {
    var label: String
    var history: [EpochResult]
  }

  // MARK: Capture

  public func capture() throws -> [String: [UInt8]] {
    var items: [String: [UInt8]] = [:]
    for (name, named) in session.models where !named.isUnchangedShipped {
      items[Self.modelPrefix + name] = try named.model.checkpoint(info: named.info).serialized()
    }
    if let drawing = session.drawing {
      items["drawing"] = try Self.json(
        DrawingItem(width: drawing.width, height: drawing.height, ink: drawing.ink))
    }
    if !session.runs.isEmpty {
      items["runs"] = try Self.json(
        session.runs.map { RunItem(label: $0.label, history: $0.history) })
    }
    if let page = session.lastGrid { items["page"] = try Self.json(page) }
    if !session.results.isEmpty { items["results"] = try Self.json(session.results) }
    for name in Self.keptNames() {
      let url = OwnDrawings.directory.appendingPathComponent(name)
      guard let data = try? Data(contentsOf: url) else { continue }
      items[Self.keptPrefix + name] = [UInt8](data)
    }
    return items
  }

  /// The learner's drawing files: regular, not hidden (a `keep` in flight writes `.keep-…`).
  private static func keptNames() -> [String] {
    OwnDrawings.files(in: OwnDrawings.directory).filter { name in
      guard isPlainName(name) else { return false }
      let path = OwnDrawings.directory.appendingPathComponent(name).path
      let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type]
      return (type as? FileAttributeType) == .typeRegular
    }
  }

  /// A file name with no folder in it, not hidden: safe to join to the drawings folder.
  private static func isPlainName(_ name: String) -> Bool {
    !name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
  }

  private static func json<T: Encodable>(_ value: T) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return [UInt8](try encoder.encode(value))
  }

  /// Reads what `json` wrote (a loss of infinity included).
  private static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(type, from: Data(bytes))
  }

  // MARK: Apply

  public func apply(_ changes: [String: [UInt8]?]) throws {
    var firstError: Error?
    for (key, bytes) in changes.sorted(by: { $0.key < $1.key }) {
      do { try apply(key, bytes) } catch { firstError = firstError ?? error }
    }
    if let firstError { throw firstError }
  }

  private func apply(_ key: String, _ bytes: [UInt8]?) throws {
    switch key {
    case "drawing":
      session.drawing = try bytes.map {
        let item = try Self.decode(DrawingItem.self, $0)
        guard item.width > 0, item.height > 0, item.ink.count == item.width * item.height else {
          throw DigitKitError("the saved drawing is damaged")
        }
        return Drawing(width: item.width, height: item.height, ink: item.ink)
      }
    case "runs":
      session.runs =
        try bytes.map { try Self.decode([RunItem].self, $0).map { ($0.label, $0.history) } } ?? []
    case "page":
      // Only where next and prev turn to: a page saved by an older DigitLab that no longer
      // reads is dropped rather than refused.
      session.lastGrid = bytes.flatMap { try? Self.decode(GridQuery.self, $0) }
    case "results":
      session.results = try bytes.map { try Self.decode([String: String].self, $0) } ?? [:]
    case _ where key.hasPrefix(Self.modelPrefix):
      try applyModel(String(key.dropFirst(Self.modelPrefix.count)), bytes)
    case _ where key.hasPrefix(Self.keptPrefix):
      try applyKept(String(key.dropFirst(Self.keptPrefix.count)), bytes)
    default:
      break
    }
  }

  private func applyModel(_ name: String, _ bytes: [UInt8]?) throws {
    guard let bytes else {
      session.models[name] = nil
      return
    }
    let (model, info) = try Model.load(try SafeTensors(bytes: bytes))
    session.models[name] = NamedModel(model: model, info: info)
  }

  private func applyKept(_ name: String, _ bytes: [UInt8]?) throws {
    guard Self.isPlainName(name) else { return }
    let url = OwnDrawings.directory.appendingPathComponent(name)
    if let bytes {
      try FileManager.default.createDirectory(
        at: OwnDrawings.directory, withIntermediateDirectories: true)
      try AtomicWrite.replace(url, with: bytes)
    } else if (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil {
      try FileManager.default.removeItem(at: url)
    }
  }
}

extension MNIST.Split: Codable {}

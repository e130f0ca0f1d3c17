import ArgumentParser
import CReadline
import DigitKit
import Foundation
import LessonKit

/// Tab completion: commands first, then options of the command, model and lesson names, file paths.
public enum Completion {
  nonisolated(unsafe) static var candidates: [String] = []

  static func complete(text: String, start: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    let (matches, filesToo) = Completion.matches(for: text, in: String(cString: rl_line_buffer), at: start)
    rl_attempted_completion_over = filesToo ? 0 : 1  // files: fall back to readline's file names
    candidates = matches
    guard !candidates.isEmpty else { return nil }
    return rl_completion_matches(text) { _, state in
      let i = Int(state)
      guard i < Completion.candidates.count else { return nil }
      return strdup(Completion.candidates[i])
    }
  }

  /// The sorted words that complete `text`, the word that starts at UTF-8 offset `start` of
  /// `line`, and whether file names may complete it too (anywhere but the command word).
  public static func matches(for text: String, in line: String, at start: Int) -> (words: [String], filesToo: Bool) {
    let before = String(line.utf8.prefix(max(0, start))) ?? ""
    let words = before.split(separator: " ").map(String.init)
    var options: [String]
    if words.isEmpty {
      options = commandNames()
    } else {
      options = optionNames(for: words[0]) + modelNames()
      if words[0] == "lesson" || words[0] == "run" { options += lessonNames() }
    }
    return (options.filter { $0.hasPrefix(text) }.sorted(), !words.isEmpty)
  }

  static func commandNames() -> [String] {
    DigitLabCommand.commandTypes.compactMap { $0.configuration.commandName } + Shell.builtins
  }

  static func optionNames(for command: String) -> [String] {
    guard let type = DigitLabCommand.commandTypes.first(where: { $0.configuration.commandName == command }) else {
      return []
    }
    // ArgumentParser's help for the command lists its long options.
    let help = type.helpMessage(columns: 200)
    var names: Set<String> = []
    for token in help.split(whereSeparator: { " ,\n<>=".contains($0) }) where token.hasPrefix("--") {
      names.insert(String(token))
    }
    return names.sorted()
  }

  /// Lesson numbers and ids (`3`, `03-net1-layer-by-layer`).
  static func lessonNames() -> [String] {
    guard let catalog = try? LessonCatalog(directory: DataLocator.lessonsDirectory()) else { return [] }
    return catalog.entries.flatMap { [String($0.number), $0.id] }
  }

  static func modelNames() -> [String] {
    var names = Array(Session.shared.models.keys) + NetName.allCases.map(\.rawValue)
    if let dir = try? DataLocator.modelsDirectory(),
       let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) {
      names += files.filter { $0.hasSuffix(".safetensors") }.map { String($0.dropLast(12)) }
    }
    return Array(Set(names))
  }
}

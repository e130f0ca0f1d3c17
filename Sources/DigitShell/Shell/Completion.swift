import ArgumentParser
import CReadline
import DigitKit
import Foundation
import LessonKit

/// Tab completion: commands first, then options of the command, model and lesson names, file paths.
public enum Completion {
  /// What readline's C callbacks reach: they are plain function pointers with no context
  /// argument, and readline itself is one per process, so this is the one process-wide
  /// binding (the session whose prompt is showing, and the words offered), behind a lock.
  static let readline = ReadlineBinding()

  static func complete(text: String, start: Int) -> UnsafeMutablePointer<
    UnsafeMutablePointer<CChar>?
  >? {
    let models = readline.sessionModelNames()
    let (matches, filesToo) = Completion.matches(
      for: text, in: String(cString: digitlab_rl_line_buffer()), at: start, sessionModels: models)
    digitlab_rl_set_completion_over(filesToo ? 0 : 1)  // files: fall back to readline's file names
    readline.setCandidates(matches)
    guard !matches.isEmpty else { return nil }
    return rl_completion_matches(text) { _, state in
      Completion.readline.candidate(at: Int(state)).flatMap { strdup($0) }
    }
  }

  /// The sorted words that complete `text`, the word that starts at UTF-8 offset `start` of
  /// `line`, and whether file names may complete it too (anywhere but the command word).
  public static func matches(
    for text: String, in line: String, at start: Int, sessionModels: [String] = []
  ) -> (words: [String], filesToo: Bool) {
    let before = String(line.utf8.prefix(max(0, start))) ?? ""
    let words = before.split(separator: " ").map(String.init)
    var options: [String]
    if words.isEmpty {
      options = commandNames()
    } else {
      // A lesson's name after `lesson` and `run`; model names only where a model can go.
      options = optionNames(for: words[0])
      options +=
        words[0] == "lesson" || words[0] == "run" ? lessonNames() : modelNames(sessionModels)
    }
    return (options.filter { $0.hasPrefix(text) }.sorted(), !words.isEmpty)
  }

  static func commandNames() -> [String] {
    DigitLabCommand.commandTypes.compactMap { $0.configuration.commandName } + Shell.builtins
  }

  static func optionNames(for command: String) -> [String] {
    guard
      let type = DigitLabCommand.commandTypes.first(where: {
        $0.configuration.commandName == command
      })
    else {
      return []
    }
    // ArgumentParser's help for the command lists its long options.
    let help = type.helpMessage(columns: 200)
    var names: Set<String> = []
    for token in help.split(whereSeparator: { " ,\n<>=".contains($0) }) where token.hasPrefix("--")
    {
      names.insert(String(token))
    }
    return names.sorted()
  }

  /// Lesson numbers and ids (`3`, `03-net1-layer-by-layer`).
  static func lessonNames() -> [String] {
    guard let catalog = try? LessonCatalog(directory: DataLocator.lessonsDirectory()) else {
      return []
    }
    return catalog.entries.flatMap { [String($0.number), $0.id] }
  }

  /// The session's models, the study nets and the shipped models.
  static func modelNames(_ sessionModels: [String]) -> [String] {
    Array(Set(sessionModels + NetName.allCases.map(\.rawValue) + ShippedModels.names()))
  }
}

/// The session readline completes for, and the words it offers one at a time.
final class ReadlineBinding: @unchecked Sendable {
  // @unchecked Sendable: every stored property is read and written under `lock`.
  private let lock = NSLock()
  private weak var session: Session?
  private var candidates: [String] = []

  /// Completes model names from `session` while its prompt is showing.
  func bind(_ session: Session) { lock.withLock { self.session = session } }

  func sessionModelNames() -> [String] {
    lock.withLock { session.map { Array($0.models.keys) } ?? [] }
  }

  func setCandidates(_ words: [String]) { lock.withLock { candidates = words } }

  func candidate(at index: Int) -> String? {
    lock.withLock { index < candidates.count ? candidates[index] : nil }
  }
}

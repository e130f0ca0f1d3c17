/// "Did you mean …?" suggestions by edit distance.
public enum Suggest {
  /// The candidate closest to `word`, if it is close enough to be a likely typo.
  public static func closest(to word: String, in candidates: [String]) -> String? {
    let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else {
      return nil
    }
    let limit = max(2, word.count / 3)
    if best.1 <= limit { return best.0 }
    if let prefix = candidates.sorted().first(where: { $0.hasPrefix(word) && !word.isEmpty }) {
      return prefix
    }
    // The long form of a short name ("evaluate" for eval): the longest candidate, of 3
    // letters or more, that the word starts with.
    let lowered = word.lowercased()
    return candidates.filter { $0.count >= 3 && lowered.hasPrefix($0.lowercased()) }
      .max { $0.count < $1.count || ($0.count == $1.count && $0 > $1) }
  }

  /// Words learners bring from other shells, which are not typos of a DigitLab command and
  /// whose nearest spelling misleads ("list" is two letters from "hint").
  static let familiarWords: [String: String] = [
    "list": "lessons or models", "ls": "lessons or models", "dir": "lessons or models",
    "man": "help", "info": "help", "q": "quit", "bye": "quit",
  ]

  /// What an unknown first word most likely meant: the DigitLab command for a word from
  /// another shell, or else the closest command name.
  public static func command(for word: String, in names: [String]) -> String? {
    familiarWords[word.lowercased()] ?? closest(to: word, in: names)
  }

  /// Levenshtein distance.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + [Int](repeating: 0, count: b.count)
      for j in 1...b.count {
        current[j] = min(
          previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return previous[b.count]
  }
}

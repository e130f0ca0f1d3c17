import Foundation

/// `{{FACT}}` in lesson prose, filled in from the session when the step is shown, so a number
/// the text states is always the one the learner's own run printed.
public enum LessonTemplate {
  /// The names inside `{{…}}` in `text`, in order, trimmed.
  public static func facts(in text: String) -> [String] {
    pieces(of: text).compactMap { if case .fact(let name) = $0 { return name } else { return nil } }
  }

  /// `text` with each `{{FACT}}` replaced by its value; a fact without a value is shown as
  /// `unknown` and listed in `missing`.
  public static func fill(_ text: String, from facts: any FactSource) -> (
    text: String, missing: [String]
  ) {
    var missing: [String] = []
    let filled = pieces(of: text).map { piece -> String in
      switch piece {
      case .text(let text): return text
      case .fact(let name):
        if let value = facts.fact(name) { return value }
        missing.append(name)
        return "unknown"
      }
    }.joined()
    return (filled, missing)
  }

  enum Piece: Equatable {
    case text(String)
    case fact(String)
  }

  static func pieces(of text: String) -> [Piece] {
    var pieces: [Piece] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{"),
      let close = rest[open.upperBound...].range(of: "}}")
    {
      let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
      if !rest[..<open.lowerBound].isEmpty {
        pieces.append(.text(String(rest[..<open.lowerBound])))
      }
      pieces.append(
        name.isEmpty ? .text(String(rest[open.lowerBound..<close.upperBound])) : .fact(name))
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty { pieces.append(.text(String(rest))) }
    return pieces
  }
}

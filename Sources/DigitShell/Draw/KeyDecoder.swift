/// Turns the bytes a terminal sends in raw mode into editor keys: letters, Enter, Esc,
/// Ctrl-C (byte 3, since raw mode turns off the signal), arrows (`ESC [ A`, or `ESC O A` in
/// application mode), Shift+arrows (`ESC [ 1 ; 2 A`, rxvt's `ESC [ a`), Home, End, PgUp and
/// PgDn (`ESC [ H`, `ESC [ 1 ~`, `ESC [ 5 ~`, …) and xterm SGR mouse reports
/// (`ESC [ < b ; x ; y M`, `m` on release).
///
/// Bytes may arrive split anywhere; an unfinished sequence waits for the next `feed`.
/// A lone Esc cannot be told from the start of a sequence until the terminal goes quiet,
/// so the caller calls `flush()` when no byte came for a moment.
public struct KeyDecoder: Sendable {
  private var pending: [UInt8] = []

  public init() {}

  /// Whether an unfinished sequence is waiting (so a quiet moment means a lone Esc).
  public var hasPending: Bool { !pending.isEmpty }

  /// Decodes what can be decoded; keeps an unfinished escape sequence for later.
  public mutating func feed(_ bytes: [UInt8]) -> [EditorKey] {
    pending += bytes
    var keys: [EditorKey] = []
    var i = 0
    while i < pending.count {
      guard let (key, used) = Self.decode(pending[i...]) else { break }
      if let key { keys.append(key) }
      i += used
    }
    pending.removeFirst(i)
    return keys
  }

  /// Ends an unfinished sequence: a lone Esc leaves, anything else is dropped.
  public mutating func flush() -> [EditorKey] {
    defer { pending = [] }
    return pending.first == 0x1B ? [.leave] : []
  }

  /// One key from the front of `bytes` and how many bytes it used; nil when the sequence is
  /// not finished yet; a nil key for bytes that mean nothing here.
  static func decode(_ bytes: ArraySlice<UInt8>) -> (EditorKey?, Int)? {
    guard let first = bytes.first else { return nil }
    if first == 0x1B { return decodeEscape(bytes) }
    return (plainKey(first), 1)
  }

  static func plainKey(_ byte: UInt8) -> EditorKey? {
    switch byte {
    case 13, 10: return .keep
    case UInt8(ascii: "q"), 3, 4: return .leave  // q, Ctrl-C, Ctrl-D
    case 26: return .undo  // Ctrl-Z (raw mode: no suspend)
    case 25: return .redo  // Ctrl-Y
    default: break
    }
    guard byte < 0x80 else { return nil }
    let character = Character(UnicodeScalar(byte))
    if let step = moveLetters[Character(character.lowercased())] {
      return character.isUppercase ? .jump(dx: step.dx, dy: step.dy) : step.key
    }
    return commandLetters[character]
  }

  /// vi's and the roguelikes' eight directions; upper case jumps.
  static let moveLetters: [Character: (key: EditorKey, dx: Int, dy: Int)] = [
    "h": (.left, -1, 0), "j": (.down, 0, 1), "k": (.up, 0, -1), "l": (.right, 1, 0),
    "y": (.upLeft, -1, -1), "u": (.upRight, 1, -1), "b": (.downLeft, -1, 1),
    "n": (.downRight, 1, 1),
  ]

  static let commandLetters: [Character: EditorKey] = [
    " ": .togglePen, "-": .line, "e": .toggleEraser, "s": .toggleBrush, "c": .clear,
    "z": .undo, "r": .redo, "Z": .redo,
  ]

  private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> (EditorKey?, Int)? {
    let start = bytes.startIndex
    guard bytes.count >= 2 else { return nil }
    let second = bytes[start + 1]
    switch second {
    case UInt8(ascii: "O"):
      // SS3: application-mode arrows, Home and End; F1–F4 mean nothing here.
      guard bytes.count >= 3 else { return nil }
      return (navigation(bytes[start + 2], number: 1, modifier: 1), 3)
    case UInt8(ascii: "["):
      return decodeCSI(bytes)
    case 0x1B:
      // Esc pressed twice: the first one leaves.
      return (.leave, 1)
    default:
      // Alt+key sends Esc then the key; treat it as the key alone.
      return (plainKey(second), 2)
    }
  }

  /// `ESC [ params final`: parameters are bytes 0x20–0x3F, the final byte is 0x40–0x7E.
  private static func decodeCSI(_ bytes: ArraySlice<UInt8>) -> (EditorKey?, Int)? {
    let start = bytes.startIndex
    var end = start + 2
    while end < bytes.endIndex, (0x20...0x3F).contains(bytes[end]) { end += 1 }
    guard end < bytes.endIndex else {
      // Unfinished; but a runaway sequence is junk, not worth waiting for.
      return bytes.count > 32 ? (nil, bytes.count) : nil
    }
    let final = bytes[end]
    let length = end - start + 1
    let params = Array(bytes[(start + 2)..<end])
    if params.first == UInt8(ascii: "<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
      return (
        mouse(params.dropFirst(), released: final == UInt8(ascii: "m")).map { .mouse($0) }, length
      )
    }
    // rxvt's Shift+arrows: ESC [ a … d.
    if params.isEmpty, (UInt8(ascii: "a")...UInt8(ascii: "d")).contains(final) {
      return (navigation(final - 0x20, number: 1, modifier: 2), length)
    }
    // Digits and semicolons: `number ; modifier`, e.g. ESC [ 1 ; 2 A (Shift+Up), ESC [ 5 ~ (PgUp).
    let numbers = String(decoding: params, as: UTF8.self).split(
      separator: ";", omittingEmptySubsequences: false
    ).map { $0.isEmpty ? 1 : Int($0) }
    guard numbers.allSatisfy({ $0 != nil }) else { return (nil, length) }
    let number = numbers.first.flatMap { $0 } ?? 1
    let modifier = numbers.count > 1 ? numbers[1] ?? 1 : 1
    return (navigation(final, number: number, modifier: modifier), length)
  }

  /// `ESC [ n ~`: Home (1, or 7 on rxvt), End (4 or 8), PgUp (5), PgDn (6).
  static let tildeKeys: [Int: EditorKey] = [
    1: .upLeft, 7: .upLeft, 4: .downLeft, 8: .downLeft, 5: .upRight, 6: .downRight,
  ]

  /// An arrow, Home (up-left), PgUp (up-right), End (down-left) or PgDn (down-right) from a
  /// sequence's final byte and number; Shift (bit 1 of `modifier - 1`) makes it a jump.
  /// Ctrl and Alt change nothing.
  static func navigation(_ final: UInt8, number: Int, modifier: Int) -> EditorKey? {
    let key: EditorKey?
    switch final {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    case UInt8(ascii: "H"): key = .upLeft
    case UInt8(ascii: "F"): key = .downLeft
    case UInt8(ascii: "~"): key = tildeKeys[number]
    default: key = nil
    }
    guard let key, let step = key.step else { return nil }
    let shift = (modifier - 1) & 1 != 0
    return shift ? .jump(dx: step.dx, dy: step.dy) : key
  }

  /// SGR mouse parameters `b;x;y` (x and y 1-based) as a 0-based screen event. The low two
  /// bits of b are the button, 32 means motion with a button held, 64 the wheel (ignored).
  private static func mouse(_ params: ArraySlice<UInt8>, released: Bool) -> MouseEvent? {
    let fields = String(decoding: params, as: UTF8.self).split(
      separator: ";", omittingEmptySubsequences: false)
    guard fields.count == 3, let code = Int(fields[0]), let x = Int(fields[1]),
      let y = Int(fields[2]),
      x >= 1, y >= 1, code & 64 == 0
    else { return nil }
    let button: MouseEvent.Button
    switch code & 3 {
    case 0: button = .left
    case 1: button = .middle
    case 2: button = .right
    default: return nil  // "no button": motion without a press
    }
    let kind: MouseEvent.Kind = released ? .release : (code & 32 != 0 ? .drag : .press)
    return MouseEvent(kind, button, x: x - 1, y: y - 1)
  }
}

/// Turns the bytes a terminal sends in raw mode into editor keys: letters, Enter, Esc,
/// Ctrl-C (byte 3, since raw mode turns off the signal), arrows (`ESC [ A`, or `ESC O A` in
/// application mode) and xterm SGR mouse reports (`ESC [ < b ; x ; y M`, `m` on release).
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
    case UInt8(ascii: "h"): return .left
    case UInt8(ascii: "j"): return .down
    case UInt8(ascii: "k"): return .up
    case UInt8(ascii: "l"): return .right
    case UInt8(ascii: " "): return .togglePen
    case UInt8(ascii: "e"): return .toggleEraser
    case UInt8(ascii: "b"): return .toggleBrush
    case UInt8(ascii: "c"): return .clear
    case UInt8(ascii: "u"): return .undo
    case 13, 10: return .keep
    case UInt8(ascii: "q"), 3, 4: return .leave  // q, Ctrl-C, Ctrl-D
    default: return nil
    }
  }

  private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> (EditorKey?, Int)? {
    let start = bytes.startIndex
    guard bytes.count >= 2 else { return nil }
    let second = bytes[start + 1]
    switch second {
    case UInt8(ascii: "O"):
      // SS3: application-mode arrows, F1–F4.
      guard bytes.count >= 3 else { return nil }
      return (arrow(bytes[start + 2]), 3)
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
    // Plain arrows only; with modifiers (ESC [ 1 ; 5 A) they still move.
    if params.allSatisfy({
      $0 == UInt8(ascii: ";") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
    }) {
      return (arrow(final), length)
    }
    return (nil, length)
  }

  private static func arrow(_ byte: UInt8) -> EditorKey? {
    switch byte {
    case UInt8(ascii: "A"): return .up
    case UInt8(ascii: "B"): return .down
    case UInt8(ascii: "C"): return .right
    case UInt8(ascii: "D"): return .left
    default: return nil
    }
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

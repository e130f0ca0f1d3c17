/// The number of terminal columns `text` occupies.
///
/// ANSI escape sequences (colours, bold, cursor moves) take no room, nor do
/// control characters and combining marks; East Asian wide characters and
/// most emoji take two columns; everything else takes one.
public func visibleWidth<S: StringProtocol>(_ text: S) -> Int {
  var width = 0
  var scanner = EscapeScanner()
  for scalar in text.unicodeScalars where scanner.isVisible(scalar) {
    width += terminalColumns(of: scalar)
  }
  return width
}

/// `text` without its ANSI escape sequences.
public func stripANSI<S: StringProtocol>(_ text: S) -> String {
  var result = String.UnicodeScalarView()
  var scanner = EscapeScanner()
  for scalar in text.unicodeScalars where scanner.isVisible(scalar) {
    result.append(scalar)
  }
  return String(result)
}

/// Walks a string one scalar at a time and tells which scalars belong to an
/// escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC ] … ESC \`)
/// and two-character escapes (`ESC x`).
struct EscapeScanner {
  private enum State { case text, escape, csi, osc, oscEscape }
  private var state = State.text

  /// Feeds the next scalar; returns true when it is ordinary text.
  mutating func isVisible(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    switch state {
    case .text:
      if value == 0x1B {
        state = .escape
        return false
      }
      return true
    case .escape:
      if scalar == "[" {
        state = .csi
      } else if scalar == "]" {
        state = .osc
      } else {
        state = .text
      }
      return false
    case .csi:
      if (0x40...0x7E).contains(value) { state = .text }
      return false
    case .osc:
      if value == 0x07 {
        state = .text
      } else if value == 0x1B {
        state = .oscEscape
      }
      return false
    case .oscEscape:
      state = scalar == "\\" ? .text : .osc
      return false
    }
  }
}

/// Terminal columns taken by one visible scalar (0, 1 or 2).
func terminalColumns(of scalar: Unicode.Scalar) -> Int {
  let value = scalar.value
  if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
  if value < 0x300 { return 1 }
  switch scalar.properties.generalCategory {
  case .nonspacingMark, .enclosingMark, .format:
    return 0
  default:
    break
  }
  if (0xFE00...0xFE0F).contains(value) { return 0 }
  return isWide(value) ? 2 : 1
}

private func isWide(_ value: UInt32) -> Bool {
  switch value {
  case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
    0x4E00...0x9FFF, 0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF,
    0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
    0x1F900...0x1F9FF, 0x20000...0x3FFFD:
    return true
  default:
    return false
  }
}

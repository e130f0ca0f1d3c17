/// `text` from a file, safe to print: every control character is shown in caret notation,
/// as `cat -v` shows it, so an escape sequence is seen rather than obeyed.
///
/// C0 controls U+0000–U+001F become `^@`…`^_` (ESC is `^[`, so `ESC[2J` shows as `^[[2J`;
/// a newline is `^J`, a tab `^I`), DEL is `^?`, and C1 controls U+0080–U+009F become
/// `M-^@`…`M-^_` (U+009B, a one-character CSI on some terminals, is `M-^[`). Everything
/// else, other scripts and emoji included, is kept as it is.
public func showingControlCharacters<S: StringProtocol>(_ text: S) -> String {
  var result = ""
  for scalar in text.unicodeScalars {
    switch scalar.value {
    case 0x00...0x1F: result += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
    case 0x7F: result += "^?"
    case 0x80...0x9F: result += "M-^" + String(UnicodeScalar(UInt8(scalar.value - 0x80 + 0x40)))
    default: result.unicodeScalars.append(scalar)
    }
  }
  return result
}

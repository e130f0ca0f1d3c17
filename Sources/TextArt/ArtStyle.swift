/// How a renderer may draw: which characters and whether it may colour them.
///
/// TextArt never looks at the terminal. The caller decides (for example from
/// `isatty`, `NO_COLOR` or a `--plain` flag) and passes the style in.
///
/// - `ascii`: pure 7-bit ASCII, no escape sequences. Safe for logs, pipes,
///   golden-file tests and any terminal.
/// - `rich`: Unicode block, box-drawing and braille characters plus 256-colour
///   ANSI escapes (greys 232–255 for pixels, a few distinct hues for charts).
///
/// The two flags are independent, so `ArtStyle(color: false, unicode: true)`
/// (Unicode shapes, no colour) and `ArtStyle(color: true, unicode: false)`
/// (ASCII shapes, coloured) also work.
public struct ArtStyle: Sendable, Equatable {
  /// Whether 256-colour ANSI escape sequences may be emitted.
  public var color: Bool
  /// Whether non-ASCII characters (blocks, box drawing, braille) may be emitted.
  public var unicode: Bool

  /// Creates a style from its two switches.
  public init(color: Bool, unicode: Bool) {
    self.color = color
    self.unicode = unicode
  }

  /// Plain 7-bit ASCII without colour.
  public static let ascii = ArtStyle(color: false, unicode: false)
  /// Unicode shapes with 256-colour ANSI escapes.
  public static let rich = ArtStyle(color: true, unicode: true)
  /// Unicode shapes without colour (for terminals or users that opt out of colour).
  public static let monochrome = ArtStyle(color: false, unicode: true)

  /// Whether digit images are drawn with coloured upper-half blocks,
  /// two pixel rows per character cell.
  var usesHalfBlocks: Bool { color && unicode }
}

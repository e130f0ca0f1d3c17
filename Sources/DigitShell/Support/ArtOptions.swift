import ArgumentParser
import DigitKit
import Foundation
import TextArt

/// Options shared by every command that draws: `--ascii` and `--save FILE`.
struct ArtOptions: ParsableArguments {
  @Flag(help: "Plain ASCII without colour (also when NO_COLOR is set or output is not a terminal).")
  var ascii = false

  @Option(help: "Also write the picture as plain text to this file, for handouts.")
  var save: String?

  /// Rich (half blocks, 256 colours) on a colour terminal unless --ascii.
  var style: ArtStyle { Art.style(ascii: ascii) }

  /// Prints `render(style)` and, with --save, writes `render(.ascii)` to the file atomically.
  func emit(to console: Console, _ render: (ArtStyle) -> String) throws {
    console.line(render(style))
    if let save {
      try AtomicFile.write(stripANSI(render(.ascii)) + "\n", to: URL(fileURLWithPath: save))
      console.line("(saved as plain text to \(save))")
    }
  }
}

enum Art {
  static func style(ascii: Bool = false) -> ArtStyle {
    ascii || !Terminal.allowsRichOutput ? .ascii : .rich
  }
}

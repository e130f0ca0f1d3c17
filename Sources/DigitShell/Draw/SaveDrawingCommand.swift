import ArgumentParser
import DigitKit
import Foundation

struct SaveDrawingCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "save-drawing",
    abstract: "Write the current drawing to a text file (. blank, # full ink, 1-9 grey).",
    discussion: "Example: save-drawing my-nine.txt (then: predict my-nine.txt --model net2)")

  @Argument(help: "The file to write (replaced if it exists).")
  var file: String

  func run(in session: Session) throws {
    guard let drawing = session.drawing else {
      throw userError("no current drawing yet; make one with draw, random or draw --load FILE")
    }
    try AtomicFile.write(drawing.text, to: URL(fileURLWithPath: file))
    session.console.line("Saved the drawing (\(drawing.width)×\(drawing.height)) to \(file).")
  }
}

import ArgumentParser
import DigitKit
import Foundation

struct SaveDrawingCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "save-drawing",
    abstract: "Write the current drawing to a text file (. blank, # full ink, 1-9 grey).",
    discussion: "Example: save-drawing my-nine.txt (then: predict my-nine.txt --model net2)")

  @Argument(help: "The file to write (replaced if it exists).")
  var file: String

  func run() throws {
    guard let drawing = Session.shared.drawing else {
      throw userError("no current drawing yet; make one with draw, random or draw --load FILE")
    }
    try AtomicFile.write(drawing.text, to: URL(fileURLWithPath: file))
    Console.line("Saved the drawing (\(drawing.width)×\(drawing.height)) to \(file).")
  }
}

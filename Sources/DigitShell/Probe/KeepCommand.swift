import ArgumentParser
import DigitKit
import Foundation
import TextArt

struct KeepCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "keep",
    abstract: "Add the current drawing to your own labelled set, for finetune.",
    discussion: """
      Writes the current drawing (from draw, random or draw --load FILE) to \
      ~/.digitlab/drawings/LABEL-NNN.txt. finetune --model M then trains on MNIST plus your \
      drawings and shows how a model reads them before and after.
      Examples: keep 7, then finetune --model net2
      """)

  @Argument(help: "The digit the drawing shows (0-9).")
  var label: String

  func validate() throws {
    guard OwnDrawings.label(label) != nil else {
      throw userError("LABEL must be one digit from 0 to 9, not \(label)")
    }
  }

  func run(in session: Session) throws {
    guard let digit = OwnDrawings.label(label) else {
      throw userError("LABEL must be one digit from 0 to 9, not \(label)")
    }
    guard let drawing = session.drawing else {
      throw userError("no current drawing yet; make one with draw, random or draw --load FILE")
    }
    guard !drawing.isBlank else {
      throw userError("the current drawing is blank: there is nothing to keep")
    }
    let directory = OwnDrawings.directory
    let name = try OwnDrawings.keep(drawing.text, label: digit, in: directory)
    let counts = OwnDrawings.counts(OwnDrawings.files(in: directory))
    session.console.line("Kept as \(name) in \(directory.path).")
    let note =
      "Your set has \(OwnDrawings.summary(counts)). finetune --model M trains on MNIST plus your set."
    session.console.line(
      wrapText(note, width: min(Terminal.width, 80)).joined(separator: "\n"))
  }
}

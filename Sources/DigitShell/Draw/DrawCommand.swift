import ArgumentParser
import DigitKit
import Foundation

struct DrawCommand: SessionCommand {
  static let configuration = CommandConfiguration(
    commandName: "draw",
    abstract: "Draw a digit on a 28×28 grid and watch a model read it as you draw.",
    discussion: """
      Keys:
        arrows, h j k l    move one cell
        y u b n            move diagonally (Home, PgUp, End, PgDn too)
        Shift+move         4 cells (H J K L Y U B N, Shift+arrows)
        space              pen down / up: while it is down, moves paint
        -                  a straight line from the last point inked (o, or yellow)
                           to the cursor, pen up or down
        e, s               eraser / pen; soft / hard brush
        c                  clear, and the cursor back to the middle
        z, r               undo / redo one step (Ctrl-Z, Ctrl-Y and Z work too)
        Enter, Esc         keep the drawing and print it with the bars / leave
        mouse              draws; the right button erases
      A 7 in three lines: go to its top left and press -, to its top right and press -, \
      to its foot and press -. A step is a painting move, a line, a clear or a mouse \
      stroke. The editor starts from the current drawing (from random, say) unless --new \
      is given.
      Without a terminal, draw --load FILE loads the drawing and prints its prediction.
      Examples:
        draw
        draw --load Data/drawings/9-looks-like-7.txt --model net2
      """)

  @Option(help: "Start from this drawing file (. blank, # ink, 1-9 grey).")
  var load: String?

  @Option(help: "The model that reads the drawing (default: net3, else net2, else net1).")
  var model: String?

  @Flag(help: "Start from a blank canvas even when there is a current drawing.")
  var new = false

  func validate() throws {
    if new && load != nil { throw userError("--new and --load do not go together") }
  }

  func run(in session: Session) throws {
    let loaded = try load.map { try Drawing(contentsOf: URL(fileURLWithPath: $0)) }
    let (modelName, named) = try DrawModels.resolve(model, in: session)
    // A resumed lesson rebuilding its world replays `draw --load` without the editor.
    guard Terminal.inputIsTerminal && Terminal.outputIsTerminal && !session.isReplaying else {
      guard let loaded, let load else {
        throw userError("draw needs a terminal; in scripts load a drawing with: draw --load FILE")
      }
      session.drawing = loaded
      session.console.line(
        "Loaded \(load) (\(loaded.width)×\(loaded.height)) as the current drawing:")
      session.console.write(loaded.text)
      DrawModels.printPrediction(
        of: loaded, title: load, modelName: modelName, model: named.model, to: session.console)
      if let (_, p) = DrawModels.read(loaded, with: named.model) {
        session.notePrediction(p, model: modelName, input: load)
      }
      return
    }
    let start = loaded ?? (new ? nil : session.drawing)
    var loop = DrawLoop(
      editor: DrawEditor(drawing: start), modelName: modelName, model: named.model,
      rich: Terminal.allowsRichOutput,
      message: start != nil && loaded == nil ? "editing the current drawing (c clears)" : nil,
      gauge: GaugeReading.start(named.model, in: session))
    let action: EditorAction = try LeaveSignals.whileRunning { stop in
      let terminal = try RawTerminal()
      defer { terminal.restore() }
      return loop.run(on: terminal, stop: stop)
    }
    let drawing = loop.editor.drawing
    guard action == .keep else {
      session.console.line("Left the editor; the drawing was not kept.")
      // Inside a lesson cell, leaving stops the cell: its next command (`keep 9`) must not
      // act on whatever drawing was current before.
      if session.cellDepth > 0 { session.stopCellRequested = true }
      return
    }
    guard !drawing.isBlank else {
      session.console.line("The canvas was blank: nothing kept.")
      return
    }
    session.drawing = drawing
    session.console.line(
      "Kept your drawing as the current one (save-drawing FILE writes it to a file).")
    DrawModels.printPrediction(
      of: drawing, title: "Your drawing", modelName: modelName, model: named.model,
      picture: "your drawing", to: session.console)
    if let (_, p) = DrawModels.read(drawing, with: named.model) {
      session.notePrediction(p, model: modelName, input: "your drawing")
    }
  }
}

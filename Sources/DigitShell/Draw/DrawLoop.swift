import DigitKit
import TextArt

/// The editor on a live terminal: reads keys, asks the model again whenever the ink changed,
/// redraws, and follows the window's size. Returns how the learner left.
struct DrawLoop {
  var editor: DrawEditor
  var view: DrawView
  let model: Model
  let rich: Bool
  /// Milliseconds to wait for the rest of an escape sequence before taking Esc alone.
  static let escapeWait: Int32 = 40

  init(editor: DrawEditor, modelName: String, model: Model, rich: Bool, message: String?) {
    self.editor = editor
    self.model = model
    self.rich = rich
    self.view = DrawView(modelName: modelName, message: message)
  }

  /// Runs until Enter (`.keep`) or Esc/q/Ctrl-C or a SIGINT/SIGTERM/SIGHUP (`.leave`).
  mutating func run(on terminal: RawTerminal, stop: () -> Bool) -> EditorAction {
    var decoder = KeyDecoder()
    var readRevision = -1
    var shown: (width: Int, height: Int) = (0, 0)
    var dirty = true
    while !stop() {
      if editor.revision != readRevision {
        readRevision = editor.revision
        let answer = DrawModels.read(editor.drawing, with: model)
        view.seen = answer?.seen
        view.probabilities = answer?.probabilities
        dirty = true
      }
      let size = RawTerminal.size()
      if size != shown {
        shown = size
        terminal.write("\u{1B}[2J")
        dirty = true
      }
      let layout = DrawLayout.choose(width: size.width, height: size.height)
      if dirty {
        terminal.write(frame(layout: layout, size: size))
        dirty = false
      }
      let bytes = terminal.read(waiting: decoder.hasPending ? Self.escapeWait : 100)
      let keys = bytes.isEmpty ? (decoder.hasPending ? decoder.flush() : []) : decoder.feed(bytes)
      for key in keys {
        guard let key = Self.onCanvas(key, layout: layout) else { continue }
        view.message = nil
        dirty = true
        let action = editor.handle(key)
        if action != .continue { return action }
      }
    }
    return .leave
  }

  /// Mouse events moved from screen cells to canvas cells; with no layout (window too
  /// small) only the keys that leave count.
  static func onCanvas(_ key: EditorKey, layout: DrawLayout?) -> EditorKey? {
    guard let layout else { return key == .leave || key == .keep ? key : nil }
    if case .mouse(let event) = key { return layout.canvasEvent(event).map { .mouse($0) } }
    return key
  }

  /// One screenful: every line placed and cleared, then the rest of the screen cleared.
  func frame(layout: DrawLayout?, size: (width: Int, height: Int)) -> String {
    let lines =
      layout.map { DrawScreen.lines(editor, view: view, layout: $0, rich: rich) }
      ?? wrapText(DrawScreen.tooSmall(width: size.width, height: size.height), width: size.width)
    var out = ""
    for (row, line) in lines.prefix(size.height).enumerated() {
      out += "\u{1B}[\(row + 1);1H\u{1B}[2K" + line
    }
    return out + "\u{1B}[0m\u{1B}[J"
  }
}

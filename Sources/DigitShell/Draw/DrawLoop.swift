import DigitKit
import TextArt

/// The editor on a live terminal: reads keys, asks the model again whenever the ink changed,
/// redraws, and follows the window's size. Returns how the learner left.
///
/// The familiarity gauge (`gauge`) is read a batch per turn of the loop while the learner
/// already draws, its progress on the familiarity line; once ready, the drawing's familiarity
/// is measured after a pause in the keys (a turn that read nothing for 100 ms), not on every
/// key: one measurement compares 256 numbers with each of 60,000 training digits (Net3),
/// and key repeat can send 30 keys a second.
struct DrawLoop {
  var editor: DrawEditor
  var view: DrawView
  let model: Model
  let rich: Bool
  /// The gauge's reading (nil: no gauge for this model).
  let gauge: GaugeReading?
  /// Milliseconds to wait for the rest of an escape sequence before taking Esc alone.
  static let escapeWait: Int32 = 40

  init(
    editor: DrawEditor, modelName: String, model: Model, rich: Bool, message: String?,
    gauge: GaugeReading? = nil
  ) {
    self.editor = editor
    self.model = model
    self.rich = rich
    self.gauge = gauge
    self.view = DrawView(modelName: modelName, message: message)
  }

  /// Runs until Enter (`.keep`) or Esc/q/Ctrl-C or a SIGINT/SIGTERM/SIGHUP (`.leave`).
  mutating func run(on terminal: RawTerminal, stop: () -> Bool) -> EditorAction {
    var decoder = KeyDecoder()
    var readRevision = -1
    var shown: (width: Int, height: Int) = (0, 0)
    var dirty = true
    var measuredRevision = -1
    var paused = true
    while !stop() {
      if editor.revision != readRevision {
        readRevision = editor.revision
        let answer = DrawModels.read(editor.drawing, with: model)
        view.seen = answer?.seen
        view.probabilities = answer?.probabilities
        view.familiarityStale = true
        dirty = true
      }
      if gaugeTurn(revision: readRevision, measured: &measuredRevision, paused: paused) {
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
      let reading = gauge.map { $0.gauge == nil } ?? false
      let bytes = terminal.read(waiting: decoder.hasPending ? Self.escapeWait : reading ? 0 : 100)
      paused = bytes.isEmpty
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

  /// One turn of the gauge: a batch of its first reading (the line shows how far it got), or,
  /// after a pause, the familiarity of the drawing as it is now. True when the view changed.
  mutating func gaugeTurn(revision: Int, measured: inout Int, paused: Bool) -> Bool {
    guard let gauge else { return false }
    guard let ready = gauge.gauge else {
      _ = gauge.step()
      view.familiarityNote =
        "familiarity: reading \(view.modelName)'s training digits, "
        + "\(grouped(gauge.progress.done)) of \(grouped(gauge.progress.total))..."
      return true
    }
    guard revision != measured, paused else { return false }
    measured = revision
    view.familiarityNote = nil
    view.familiarity = view.seen.flatMap { ready.measure($0) }
    view.familiarityStale = false
    return true
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

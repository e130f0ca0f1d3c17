import DigitKit
import Foundation
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

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
    let lines = layout.map { DrawScreen.lines(editor, view: view, layout: $0, rich: rich) }
      ?? [DrawScreen.tooSmall(width: size.width, height: size.height)]
    var out = ""
    for (row, line) in lines.prefix(size.height).enumerated() {
      out += "\u{1B}[\(row + 1);1H\u{1B}[2K" + line
    }
    return out + "\u{1B}[0m\u{1B}[J"
  }
}

/// SIGINT, SIGTERM and SIGHUP while the editor runs: a plain handler notes the signal, and
/// the loop (which wakes every 100 ms) leaves and restores the terminal instead of the
/// process dying with the terminal raw. A plain handler, not a `DispatchSource`: on Linux a
/// signal source stops working once its signal's disposition is reset, so a second `draw`
/// in the same shell would not hear the signal.
enum LeaveSignals {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  /// The signal that came (0: none); allocated once so the handler only stores through a pointer.
  static let received: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
  }()

  /// Runs `work`, which should return soon after `stop()` turns true; the signals' previous
  /// handlers are back afterwards.
  static func whileRunning<T>(_ work: (_ stop: () -> Bool) throws -> T) rethrows -> T {
    let flag = received
    flag.pointee = 0
    var previous: [sigaction] = []
    for sig in signals {
      var action = sigaction()
      #if canImport(Darwin)
      action.__sigaction_u.__sa_handler = noteLeaveSignal
      #else
      action.__sigaction_handler.sa_handler = noteLeaveSignal
      #endif
      sigemptyset(&action.sa_mask)
      action.sa_flags = 0
      var old = sigaction()
      sigaction(sig, &action, &old)
      previous.append(old)
    }
    var restored = false
    func restore() {
      guard !restored else { return }
      restored = true
      for (sig, old) in zip(signals, previous) {
        var old = old
        sigaction(sig, &old, nil)
      }
    }
    defer { restore() }
    let result = try work { flag.pointee != 0 }
    restore()
    // SIGTERM and SIGHUP mean "end the process": now that the terminal is back, let the
    // previous handler (usually: die) have them. SIGINT only leaves the editor, as Ctrl-C does.
    if flag.pointee == SIGTERM || flag.pointee == SIGHUP { raise(flag.pointee) }
    return result
  }
}

private func noteLeaveSignal(_ sig: Int32) {
  LeaveSignals.received.pointee = sig
}

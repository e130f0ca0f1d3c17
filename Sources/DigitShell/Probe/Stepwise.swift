import DigitKit
import Foundation
import TextArt

/// Work done a batch at a time (reading 60,000 training images through a net, say), so a
/// caller can show how far it got, stop on Ctrl-C between batches, or, in the draw editor,
/// read keys between batches instead of freezing.
protocol Stepwise: AnyObject {
  /// Units done and units in all (images read through the net).
  var progress: (done: Int, total: Int) { get }
  /// Does the next batch; true once everything is done (and then does nothing more).
  func step() -> Bool
}

extension Stepwise {
  /// Runs every step at once, with a progress bar on a terminal: `note` first as a line
  /// (unless nil), then `[####......] 12,000 of 60,000` on one line that is wiped at the end.
  /// Ctrl-C stops it between batches: then the error says `stopped` (what was not finished).
  func runToEnd(note: String?, stopped: String, in session: Session) throws {
    if let note {
      session.console.line(wrapText(note, width: min(Terminal.width, 80)).joined(separator: "\n"))
    }
    let live = Terminal.outputIsTerminal
    let finished = Interrupts.whileRunning(session.cancel) { () -> Bool in
      while !session.cancel.isCancelled {
        if step() { return true }
        if live { session.console.live("\r  " + Self.bar(progress) + "\u{1B}[K") }
      }
      return false
    }
    if live { session.console.live("\r\u{1B}[K") }
    guard finished else { throw userError("stopped by Ctrl-C before \(stopped)") }
  }

  /// `[###########...................] 22,000 of 60,000`: 30 cells of # for the share done.
  static func bar(_ progress: (done: Int, total: Int)) -> String {
    let cells = 30 * progress.done / max(progress.total, 1)
    let bar = String(repeating: "#", count: min(30, cells))
      .padding(toLength: 30, withPad: ".", startingAt: 0)
    return "[\(bar)] \(grouped(progress.done)) of \(grouped(progress.total))"
  }
}

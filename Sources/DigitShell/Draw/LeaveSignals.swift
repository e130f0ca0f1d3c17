#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP while the editor runs: a plain handler notes the signal, and
/// the loop (which wakes every 100 ms) leaves and restores the terminal instead of the
/// process dying with the terminal raw. A plain handler, not a `DispatchSource`: on Linux a
/// signal source stops working once its signal's disposition is reset, so a second `draw`
/// in the same shell would not hear the signal.
enum LeaveSignals {
  static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
  /// The signal that came (0: none); allocated once so the handler only stores through a pointer.
  // A signal-handler flag, the one kind of global allowed: a C handler has no context
  // argument and may only store to memory allocated before it runs.
  nonisolated(unsafe) static let received: UnsafeMutablePointer<Int32> = {
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
    for sig in signals { previous.append(installSignalHandler(sig, noteLeaveSignal)) }
    var restored = false
    func restore() {
      guard !restored else { return }
      restored = true
      for (sig, old) in zip(signals, previous) { restoreSignal(sig, old) }
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

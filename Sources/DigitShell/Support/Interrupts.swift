import DigitKit

#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Ctrl-C handling: while long work runs, SIGINT sets a flag instead of killing the process,
/// and the cancellation token sees it, so training stops at the next batch and keeps its weights.
///
/// A plain handler that stores through a pointer, not a `DispatchSource`: on Linux a signal
/// source stopped working after its first use, so a second `train` ignored Ctrl-C.
public enum Interrupts {
  // A signal-handler flag, the one kind of global allowed: a C handler has no context
  // argument and may only store to memory allocated before it runs.
  nonisolated(unsafe) static let requested: UnsafeMutablePointer<Int32> = {
    let p = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
  }()

  /// Runs `work` with SIGINT routed to `token`; the previous SIGINT handler is restored after.
  public static func whileRunning<T>(_ token: CancellationToken, _ work: () throws -> T) rethrows
    -> T
  {
    token.reset()
    let flag = requested
    flag.pointee = 0
    token.externalRequest = { flag.pointee != 0 }
    let previous = installSignalHandler(SIGINT, noteInterrupt, flags: SA_RESTART)
    defer {
      restoreSignal(SIGINT, previous)
      token.externalRequest = nil
    }
    return try work()
  }
}

private func noteInterrupt(_ signal: Int32) {
  Interrupts.requested.pointee = 1
}

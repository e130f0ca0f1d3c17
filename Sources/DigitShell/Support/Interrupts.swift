import DigitKit
import Dispatch
import Foundation
#if canImport(Darwin)
import Darwin
#else
import Glibc
#endif

/// Ctrl-C handling: while long work runs, SIGINT sets a cancellation token instead of
/// killing the process, so training stops at the next batch and keeps its weights.
public enum Interrupts {
  nonisolated(unsafe) private static var source: DispatchSourceSignal?

  /// Runs `work` with SIGINT routed to `token`; the previous SIGINT disposition is restored after.
  public static func whileRunning<T>(_ token: CancellationToken, _ work: () throws -> T) rethrows -> T {
    token.reset()
    let previous = signal(SIGINT, SIG_IGN)
    let src = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    src.setEventHandler { token.cancel() }
    src.resume()
    source = src
    defer {
      src.cancel()
      source = nil
      signal(SIGINT, previous)
    }
    return try work()
  }
}

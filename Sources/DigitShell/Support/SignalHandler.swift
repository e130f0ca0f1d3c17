#if canImport(Darwin)
  import Darwin
#else
  import Glibc
#endif

/// Installs a plain C signal handler for `signal` and returns the previous disposition,
/// for restoring with `restoreSignal`. Used by Ctrl-C handling and the draw editor.
func installSignalHandler(
  _ signal: Int32, _ handler: @convention(c) (Int32) -> Void,
  flags: Int32 = 0
) -> sigaction {
  var action = sigaction()
  var previous = sigaction()
  #if canImport(Darwin)
    action.__sigaction_u.__sa_handler = handler
  #else
    action.__sigaction_handler.sa_handler = handler
  #endif
  sigemptyset(&action.sa_mask)
  action.sa_flags = flags
  sigaction(signal, &action, &previous)
  return previous
}

/// Puts back a disposition saved by `installSignalHandler`.
func restoreSignal(_ signal: Int32, _ previous: sigaction) {
  var previous = previous
  sigaction(signal, &previous, nil)
}

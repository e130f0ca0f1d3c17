#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// Writes all of `buffer` to the open file `descriptor`, going on when a signal (Ctrl-C)
/// interrupts a write; 0, or the `errno` that stopped it (EIO for a write of nothing).
/// The one write loop: saves, the console and the pager all use it.
public func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
  guard let base = buffer.baseAddress else { return 0 }
  var written = 0
  while written < buffer.count {
    let n = write(descriptor, base + written, buffer.count - written)
    if n < 0 && errno == EINTR { continue }
    if n < 0 { return errno }
    if n == 0 { return EIO }
    written += n
  }
  return 0
}

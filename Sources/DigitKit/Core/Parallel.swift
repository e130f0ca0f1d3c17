import Dispatch

/// Runs `body(i)` for i in 0..<n, split across the cores when the work is large enough.
@inline(__always)
func parallelFor(_ n: Int, _ body: (Int) -> Void) {
  let workers = min(n, ProcessInfoCache.cores)
  if workers <= 1 {
    for i in 0..<n { body(i) }
    return
  }
  withoutActuallyEscaping(body) { body in
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      var i = w
      while i < n { body(i); i += workers }
    }
  }
}

enum ProcessInfoCache {
  static let cores: Int = {
    let env = getenvInt("DIGITLAB_THREADS")
    return max(1, env ?? sysconfCores())
  }()
}

/// Runs `body(range)` over `0..<count` cut into one contiguous range per core, when there
/// are at least `minimum` items per range; otherwise runs it once over everything.
@inline(__always)
func parallelChunks(_ count: Int, minimum: Int = 32_768, _ body: (Range<Int>) -> Void) {
  let workers = min(ProcessInfoCache.cores, count / max(minimum, 1))
  if workers <= 1 {
    body(0..<count)
    return
  }
  withoutActuallyEscaping(body) { body in
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      body((w * count / workers)..<((w + 1) * count / workers))
    }
  }
}

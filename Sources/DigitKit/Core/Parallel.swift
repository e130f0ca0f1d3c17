import CKernels

/// Runs `body(i)` for i in 0..<count on all cores, each core taking the next item when it
/// finishes one: a core slowed by the host does fewer items instead of holding up the rest.
///
/// The threads come from a pool that polls for about 0.2 ms between jobs (CKernels'
/// WorkerPool.c), so the many short loops of a training step start without waking threads.
///
/// `pinned`: item i always runs on core i % cores instead (the calling thread runs items 0,
/// cores, 2·cores, …), for loops that cut the same arrays the same way every time, so each
/// core finds its share still in its own cache (Linear's rows of W, the optimizer's halves).
func parallelItems(_ count: Int, pinned: Bool = false, _ body: (Int) -> Void) {
  let cores = ProcessInfoCache.cores
  if cores == 1 || count <= 1 {
    for i in 0..<count { body(i) }
    return
  }
  withoutActuallyEscaping(body) { body in
    var task = body
    withUnsafeMutablePointer(to: &task) { pointer in
      let run: dl_task = { context, item in
        context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(item)
      }
      if pinned {
        dl_parallel_items_pinned(count, Int32(min(cores, 64)), run, pointer)
      } else {
        dl_parallel_items(count, Int32(min(cores, 64)), run, pointer)
      }
    }
  }
}

/// Slice `w` of `slices` of 0..<length, cut on multiples of 16 (the last slice ends at
/// `length`): `BLAS.Product.span`'s rows and columns, and the optimizer's pinned rows, which
/// must be the same rows. Empty when `length` is too short for that slice.
func sliceOf16(_ w: Int, of slices: Int, length: Int) -> Range<Int> {
  let first = (w * length / slices) & ~15
  let last = w == slices - 1 ? length : ((w + 1) * length / slices) & ~15
  return first..<max(first, last)
}

/// Whether the loops over an array of `count` floats pin their parts to the cores
/// (`parallelItems(pinned: true)`): more than one core, and at least 32,768 floats (128 KB)
/// per core, a share worth finding again in a core's cache. Smaller arrays are left to
/// dynamic items: pinned, a core that starts late holds up the other (Net2 at batch 64 ran
/// 10–17% slower with its small layers pinned).
func pinsToCores(_ count: Int) -> Bool {
  ProcessInfoCache.cores > 1 && count >= ProcessInfoCache.cores * 32_768
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
  parallelItems(workers) { w in body((w * count / workers)..<((w + 1) * count / workers)) }
}

// A small pool of worker threads that spin briefly between jobs.
//
// Training runs dozens of short parallel loops per batch (a layer's samples, a GEMM's
// column slices, an optimizer's chunks). Waking a sleeping thread for each costs tens of
// microseconds; these workers keep polling for about 0.2 ms after a job before they sleep,
// so back-to-back loops start at once.
#ifndef DIGITLAB_WORKER_POOL_H
#define DIGITLAB_WORKER_POOL_H

/// One item of work: `task(context, item)`.
typedef void (*dl_task)(void *context, long item);

/// Runs task(context, i) for every i in 0..<count, on the calling thread and up to
/// threads - 1 pool threads; each thread takes the next unclaimed item when it finishes one.
/// Returns when all items are done. Called from inside a task, or while another thread
/// is using the pool, it runs the items on the calling thread.
void dl_parallel_items(long count, int threads, dl_task task, void *context);

/// dl_parallel_items with item i always on the same thread: i % n of the n threads taking
/// part (the caller runs 0, n, 2n, …), so a loop that cuts the same arrays the same way
/// each time finds its share in the same core's cache.
void dl_parallel_items_pinned(long count, int threads, dl_task task, void *context);

#endif

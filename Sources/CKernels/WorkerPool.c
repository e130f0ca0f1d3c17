// See WorkerPool.h. One job at a time: the caller publishes it by bumping `generation`;
// workers claim items with an atomic counter and report back through `active`.
#include "WorkerPool.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define RELAX() _mm_pause()
#elif defined(__aarch64__)
#define RELAX() __asm__ __volatile__("yield")
#else
#define RELAX() ((void)0)
#endif

enum { MAX_WORKERS = 63, SPIN = 10000 };  // SPIN pauses ≈ 0.2 ms

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;     // guards sleeping workers
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static pthread_mutex_t ownership = PTHREAD_MUTEX_INITIALIZER; // one caller at a time
static atomic_long generation;   // bumped once per job
static atomic_long next_item;    // next unclaimed item of the current job
static atomic_int active;        // workers still on the current job
static int started;              // worker threads created so far
static int wanted;               // workers taking part in the current job
static long job_count;
static bool job_pinned;          // item i on thread i % (wanted + 1), the caller being thread 0
static dl_task job_task;
static void *job_context;
static _Thread_local bool inside_task;
// The generation each worker was created in: the first job it must see is the next one.
// (Reading `generation` in the new thread could miss a job published before it ran.)
static long start_generation[MAX_WORKERS];

// The current job's items for thread `self` (0: the caller, k: worker k − 1).
static void run_items(int self) {
  const long count = job_count;
  if (job_pinned) {
    for (long i = self; i < count; i += wanted + 1) job_task(job_context, i);
    return;
  }
  long i;
  while ((i = atomic_fetch_add_explicit(&next_item, 1, memory_order_relaxed)) < count)
    job_task(job_context, i);
}

static void *worker_main(void *arg) {
  const int index = (int)(long)arg;
  long seen = start_generation[index];
  inside_task = true;
  // Signals (Ctrl-C, a child's exit) go to the app's own threads, never to a pool thread.
  sigset_t all;
  sigfillset(&all);
  pthread_sigmask(SIG_BLOCK, &all, 0);
  for (;;) {
    long now = seen;
    for (int spin = 0; spin < SPIN; spin++) {
      now = atomic_load_explicit(&generation, memory_order_acquire);
      if (now != seen) break;
      RELAX();
    }
    if (now == seen) {
      pthread_mutex_lock(&lock);
      while ((now = atomic_load_explicit(&generation, memory_order_acquire)) == seen)
        pthread_cond_wait(&wake, &lock);
      pthread_mutex_unlock(&lock);
    }
    seen = now;
    if (index < wanted) {
      run_items(index + 1);
      atomic_fetch_sub_explicit(&active, 1, memory_order_release);
    }
  }
  return 0;
}

static void run_job(long count, int threads, dl_task task, void *context, bool pinned) {
  int helpers = threads - 1;
  if (helpers > MAX_WORKERS) helpers = MAX_WORKERS;
  if (count < (long)helpers + 1) helpers = (int)count - 1;
  if (helpers < 1 || inside_task || pthread_mutex_trylock(&ownership) != 0) {
    for (long i = 0; i < count; i++) task(context, i);
    return;
  }
  while (started < helpers) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 8 << 20);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    start_generation[started] = atomic_load_explicit(&generation, memory_order_relaxed);
    // Created with every signal blocked, so none can land on it before it starts.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &previous);
    const int failed = pthread_create(&thread, &attributes, worker_main, (void *)(long)started);
    pthread_sigmask(SIG_SETMASK, &previous, 0);
    if (failed != 0) {
      pthread_attr_destroy(&attributes);
      break;
    }
    pthread_attr_destroy(&attributes);
    started++;
  }
  if (helpers > started) helpers = started;
  job_count = count;
  job_pinned = pinned;
  job_task = task;
  job_context = context;
  wanted = helpers;
  atomic_store_explicit(&next_item, 0, memory_order_relaxed);
  atomic_store_explicit(&active, helpers, memory_order_relaxed);
  pthread_mutex_lock(&lock);
  atomic_fetch_add_explicit(&generation, 1, memory_order_release);
  pthread_cond_broadcast(&wake);
  pthread_mutex_unlock(&lock);
  inside_task = true;
  run_items(0);
  inside_task = false;
  while (atomic_load_explicit(&active, memory_order_acquire) > 0) RELAX();
  pthread_mutex_unlock(&ownership);
}

void dl_parallel_items(long count, int threads, dl_task task, void *context) {
  run_job(count, threads, task, context, false);
}

void dl_parallel_items_pinned(long count, int threads, dl_task task, void *context) {
  run_job(count, threads, task, context, true);
}

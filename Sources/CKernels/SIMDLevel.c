// See SIMDLevel.h.
#include "SIMDLevel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static atomic_int forced = -1;   // in use, set by dl_simd_set_width; -1: none
static atomic_int asked = -1;    // what dl_simd_set_width was given
static int default_width;        // from DIGITLAB_SIMD, else the best
static pthread_once_t once = PTHREAD_ONCE_INIT;

int dl_simd_best_width(void) {
#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
  __builtin_cpu_init();
  if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return 0;
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
    return 16;
  return 8;
#else
  return 0;
#endif
}

static const char *width_name(int width) {
  return width == 16 ? "avx512" : width == 8 ? "avx2" : "portable";
}

static void read_environment(void) {
  const int best = dl_simd_best_width();
  default_width = best;
  const char *value = getenv("DIGITLAB_SIMD");
  if (!value || !*value) return;
  int asked = -1;
  if (strcmp(value, "avx512") == 0) asked = 16;
  else if (strcmp(value, "avx2") == 0) asked = 8;
  else if (strcmp(value, "portable") == 0) asked = 0;
  if (asked < 0)
    fprintf(stderr, "digitlab: DIGITLAB_SIMD=%s is not avx2, avx512 or portable; using %s\n",
            value, width_name(best));
  else if (asked > best)
    fprintf(stderr, "digitlab: DIGITLAB_SIMD=%s: this CPU lacks it; using %s\n", value,
            width_name(best));
  else
    default_width = asked;
}

int dl_simd_width(void) {
  const int f = atomic_load_explicit(&forced, memory_order_relaxed);
  if (f >= 0) return f;
  pthread_once(&once, read_environment);
  return default_width;
}

int dl_simd_set_width(int width) {
  const int best = dl_simd_best_width();
  atomic_store(&asked, width < 0 ? -1 : width);
  if (width < 0) {
    atomic_store(&forced, -1);
  } else {
    const int w = width >= 16 ? 16 : width >= 8 ? 8 : 0;
    atomic_store(&forced, w > best ? best : w);
  }
  return dl_simd_width();
}

int dl_simd_forced_width(void) { return atomic_load(&asked); }

// Dropout masks (DropoutMask.h): one xoshiro256** generator per block of 4,096 values, as
// many blocks at once as a vector holds 64-bit lanes (8 with AVX-512, 4 with AVX2, 2 else).
// One generator is a serial chain of shifts and xors; side by side in lanes they overlap.
#include "DropoutMask.h"

#include "SIMDLevel.h"

#include <string.h>

enum { BLOCK = 4096, STEP = 64 };

// SplitMix64's first four outputs from `seed`: a generator's state (SeededGenerator.init).
static void seed_state(uint64_t seed, uint64_t s[4]) {
  for (int k = 0; k < 4; k++) {
    seed += 0x9E3779B97F4A7C15ull;
    uint64_t z = seed;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    s[k] = z ^ (z >> 31);
  }
}

#define WIDTH_BODY "DropoutMaskWidth.h"
#include "EachWidth.h"

// The width dl_simd_width() names (4 lanes when it says portable).
static void draw(uint64_t seed, long count, long first, long end, uint64_t threshold, float kept,
                 float *fmask, uint8_t *bmask) {
#define ARGS (seed, count, first, end, threshold, kept, fmask, bmask)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: dropout_mask_w16 ARGS; return;
  case 8: dropout_mask_w8 ARGS; return;
#endif
  default: dropout_mask_w4 ARGS; return;
  }
#undef ARGS
}

void dl_dropout_mask_f32(uint64_t seed, long count, long first, long end, uint64_t threshold,
                         float kept, float *mask) {
  draw(seed, count, first, end, threshold, kept, mask, NULL);
}

void dl_dropout_mask_u8(uint64_t seed, long count, long first, long end, uint64_t threshold,
                        uint8_t *mask) {
  draw(seed, count, first, end, threshold, 1, NULL, mask);
}

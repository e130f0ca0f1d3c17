// Winograd F(2×2, 5×5) and F(4×4, 5×5) (see Winograd.h for the formulas and layouts).
//
// Everything runs channels last, W channels to a vector: a tile's n×n patch (n = 6 or 8) is n²
// vector loads, its transforms are vector arithmetic, and the n² products per chunk of tiles
// are small GEMMs whose rows are tiles and whose columns are channels. A chunk's transformed
// data (n² × tiles × channels, 100–200 KB) stays in the core's cache from transform to product
// to inverse transform.
//
// The kernels are written once, in WinogradWidth.h, and built here at 16 lanes (AVX-512),
// 8 lanes (AVX2 + FMA) and 4 lanes (portable); the public functions run the width
// dl_simd_width() names.
#include "Winograd.h"

#include "GatherGEMM.h"

#include "PoolReLU.h"

#include "SIMDLevel.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Tiles per chunk (Winograd.h): a multiple of the products' 6 and 12 rows, about 24 × 36
// transformed positions either way.
static inline int chunk_tiles(int m) { return m == 2 ? 24 : 12; }

int dl_wino_chunk_tiles(int m) { return chunk_tiles(m); }

// F(2×2, 5×5): the interpolation points 0, 1, −1, 2, −2, ∞; F(4×4, 5×5): also 1/2 and −1/2.
// G[i][k] = pᵢᵏ / Πⱼ≠ᵢ(pᵢ − pⱼ) (the last row, ∞, picks w's last tap); Aᵀ and Bᵀ are written out
// in WinogradWidth.h (Bᵀ solved from Aᵀ[(G w) ⊙ (Bᵀ d)] = w ⋆ d).
static const float G2[6][5] = {
  {1.0f / 4, 0, 0, 0, 0},
  {-1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6},
  {-1.0f / 6, 1.0f / 6, -1.0f / 6, 1.0f / 6, -1.0f / 6},
  {1.0f / 24, 1.0f / 12, 1.0f / 6, 1.0f / 3, 2.0f / 3},
  {1.0f / 24, -1.0f / 12, 1.0f / 6, -1.0f / 3, 2.0f / 3},
  {0, 0, 0, 0, 1},
};
static const float G4[8][5] = {
  {-1, 0, 0, 0, 0},
  {-2.0f / 9, -2.0f / 9, -2.0f / 9, -2.0f / 9, -2.0f / 9},
  {-2.0f / 9, 2.0f / 9, -2.0f / 9, 2.0f / 9, -2.0f / 9},
  {1.0f / 90, 1.0f / 45, 2.0f / 45, 4.0f / 45, 8.0f / 45},
  {1.0f / 90, -1.0f / 45, 2.0f / 45, -4.0f / 45, 8.0f / 45},
  {32.0f / 45, 16.0f / 45, 8.0f / 45, 4.0f / 45, 2.0f / 45},
  {32.0f / 45, -16.0f / 45, 8.0f / 45, -4.0f / 45, 2.0f / 45},
  {0, 0, 0, 0, 1},
};

// Per-thread scratch, grown on demand and freed when the thread ends.
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static _Thread_local float *scratch_floats;
static _Thread_local size_t scratch_capacity;
static void make_scratch_key(void) { pthread_key_create(&scratch_key, free); }

static float *thread_scratch(size_t count) {
  if (count > scratch_capacity) {
    pthread_once(&scratch_once, make_scratch_key);
    free(scratch_floats);
    scratch_floats = aligned_alloc(64, (count * sizeof(float) + 63) / 64 * 64);
    scratch_capacity = scratch_floats ? count : 0;
    pthread_setspecific(scratch_key, scratch_floats);
  }
  return scratch_floats;
}

static inline int round_up(int n, int m) { return (n + m - 1) / m * m; }

// Where tile n = sample·T + ty·tw + tx of M×M outputs starts, at (M·ty, M·tx), in samples of
// `rows` rows of `width` positions of `channels` floats each: channels last, or channels first
// with channels = 1 and rows = O·(rows of a plane).
static inline long tile_offset(long n, int T, int tw, int rows, int width, int channels, int M) {
  const long sample = n / T;
  const int t = (int)(n % T), ty = t / tw, tx = t % tw;
  return ((sample * rows + M * ty) * width + M * tx) * (long)channels;
}

void dl_channels_last(const float *x, int C, int H, int W, int pad, float *xt) {
  const int C16 = round_up(C, 16), Hp = H + 2 * pad, Wp = W + 2 * pad;
  // The padding frame and the channels past C stay zero; without either, every value is written.
  if (pad > 0 || C16 > C) memset(xt, 0, sizeof(float) * Hp * Wp * C16);
  // Row by row: the row of every channel (C × W, rows H·W apart) transposed to W positions.
  for (int r = 0; r < H; r++)
    dl_transpose(x + (long)r * W, C, W, (long)H * W, xt + ((long)(r + pad) * Wp + pad) * C16, C16);
}

#define WIDTH_BODY "WinogradWidth.h"
#include "EachWidth.h"

// The public functions run the width dl_simd_width() names (4 lanes when it says portable:
// DigitKit does not call them then, but they stay safe to call on any CPU).
void dl_wino_weights(const float *w, int O, int C, int o0, int o1, int m, float *ut, float *u) {
#define ARGS (w, O, C, o0, o1, m, ut, u)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: wino_weights_w16 ARGS; return;
  case 8: wino_weights_w8 ARGS; return;
#endif
  default: wino_weights_w4 ARGS; return;
  }
#undef ARGS
}

void dl_wino_forward(const float *xt, int C, int Hp, int Wp, int th, int tw, int m,
                     const float *ut, int O, const float *bias, float *y, long n0, long n1) {
#define ARGS (xt, C, Hp, Wp, th, tw, m, ut, O, bias, y, NULL, n0, n1)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: wino_forward_w16 ARGS; return;
  case 8: wino_forward_w8 ARGS; return;
#endif
  default: wino_forward_w4 ARGS; return;
  }
#undef ARGS
}

void dl_wino_forward_pooled(const float *xt, int C, int Hp, int Wp, int th, int tw, int m,
                            const float *ut, int O, const float *bias, const DLPoolEpilogue *pool,
                            long n0, long n1) {
#define ARGS (xt, C, Hp, Wp, th, tw, m, ut, O, bias, NULL, pool, n0, n1)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: wino_forward_w16 ARGS; return;
  case 8: wino_forward_w8 ARGS; return;
#endif
  default: wino_forward_w4 ARGS; return;
  }
#undef ARGS
}

void dl_wino_input_gradient(const float *dyt, int O, int ldo, int th, int tw, int m,
                            const float *u, int C, int H, int W, int pad, float *dx, int s0, int s1) {
#define ARGS (dyt, O, ldo, th, tw, m, u, C, H, W, pad, dx, s0, s1)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: wino_input_gradient_w16 ARGS; return;
  case 8: wino_input_gradient_w8 ARGS; return;
#endif
  default: wino_input_gradient_w4 ARGS; return;
  }
#undef ARGS
}

// Register-blocked kernels for GatherGEMM.h, written once in GatherWidth.h and built here
// at 16 lanes (AVX-512), 8 lanes (AVX2 + FMA) and 4 lanes (portable); each call runs the
// width dl_simd_width() names (SIMDLevel.h).
#include "GatherGEMM.h"

#include "SIMDLevel.h"

#include <string.h>

int dl_gather_available(void) { return dl_simd_width() > 0; }

// Cache blocking: CHUNK output positions share one pass over a block of weight rows of
// KC_FLOATS / (tile rows) rows (16 KB), so the weights are read from L1, not L2, for all the
// tiles. The weight gradient takes PB positions at a time. SPARE_COLUMNS: the widest tile.
enum { CHUNK = 96, KC_FLOATS = 4096, PB = 128, SPARE_COLUMNS = 12 };

#define WIDTH_BODY "GatherWidth.h"
#include "EachWidth.h"

// The public functions run the width dl_simd_width() names (4 lanes when it says portable:
// DigitKit does not call them then, but they stay safe to call on any CPU).

void dl_gather_gemm(const float *wt, int K, int M, const float *x, const int32_t *koff,
                    const int32_t *poff, int P, const float *bias, float *y, long ldy) {
#define ARGS (wt, K, M, x, koff, poff, P, bias, y, ldy)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: gather_gemm_w16 ARGS; return;
  case 8: gather_gemm_w8 ARGS; return;
#endif
  default: gather_gemm_w4 ARGS; return;
  }
#undef ARGS
}

void dl_gather_weight_grad(const float *g, long gStride, int P, int M,
                           const float *x, long xStride, int batch,
                           const int32_t *koff, int K, int k0, int k1, const int32_t *poff,
                           float *dw, float *scratch) {
#define ARGS (g, gStride, P, M, x, xStride, batch, koff, K, k0, k1, poff, dw, scratch)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: weight_grad_w16 ARGS; return;
  case 8: weight_grad_w8 ARGS; return;
#endif
  default: weight_grad_w4 ARGS; return;
  }
#undef ARGS
}

void dl_transpose(const float *x, int rows, int cols, long ldx, float *y, long ldy) {
#define ARGS (x, rows, cols, ldx, y, ldy)
  switch (dl_simd_width()) {
#if X86_KERNELS
  case 16: transpose_w16 ARGS; return;
  case 8: transpose_w8 ARGS; return;
#endif
  default: transpose_w4 ARGS; return;
  }
#undef ARGS
}

// Fused max-pool 2×2 → ReLU → dropout, forward and backward (include/PoolReLU.h).
#include "PoolReLU.h"

#include <string.h>

// n outputs of one row from input rows r0 and r1 (Net3's rows of 12 and 4 outputs are too
// short for vectors to pay).
static void pool_row(const float *r0, const float *r1, long n, const uint8_t *keep, float scale,
                     float *y, uint8_t *route) {
  for (long j = 0; j < n; j++)
    dl_pool_window(r0[2 * j], r0[2 * j + 1], r1[2 * j], r1[2 * j + 1], keep == NULL || keep[j],
                   scale, y + j, route + j);
}

void dl_pool2_relu_forward(const float *x, int h, int w, long first, long end,
                           const uint8_t *keep, float scale, float *y, uint8_t *route) {
  const long ho = h / 2, wo = w / 2, plane = ho * wo;
  for (long o = first; o < end;) {
    // The rest of output o's row, up to `end`.
    const long p = o / plane, i = (o % plane) / wo, j = o % wo;
    const long n = (wo - j) < (end - o) ? (wo - j) : (end - o);
    const float *r0 = x + p * h * w + 2 * i * w + 2 * j;  // the first window's top-left value
    pool_row(r0, r0 + w, n, keep ? keep + (o - first) : NULL, scale, y + o, route + o);
    o += n;
  }
}

void dl_pool2_relu_backward(const float *dy, const uint8_t *route, float scale, int h, int w,
                            long first, long end, float *dx) {
  const long ho = h / 2, wo = w / 2;
  for (long p = first; p < end; p++) {
    float *plane = dx + p * h * w;
    const float *g = dy + p * ho * wo;
    const uint8_t *r = route + p * ho * wo;
    // Each window's four values written at once (the gradient where route names it, else 0);
    // only an odd last row or column, which no window covers, is zeroed apart.
    for (long i = 0; i < ho; i++) {
      float *top = plane + 2 * i * w, *bottom = top + w;
      for (long j = 0; j < wo; j++) {
        const uint8_t at = r[i * wo + j];
        const float v = g[i * wo + j] * scale;
        top[2 * j] = at == 0 ? v : 0, top[2 * j + 1] = at == 1 ? v : 0;
        bottom[2 * j] = at == 2 ? v : 0, bottom[2 * j + 1] = at == 3 ? v : 0;
      }
      if (w % 2) top[w - 1] = 0, bottom[w - 1] = 0;
    }
    if (h % 2) memset(plane + (h - 1) * w, 0, sizeof(float) * (size_t)w);
  }
}

// Fused max-pool 2×2 → ReLU → dropout, forward and backward (include/PoolReLU.h).
#include "PoolReLU.h"

#include <string.h>

void dl_pool2_relu_forward(const float *x, int h, int w, long first, long end,
                           const uint8_t *keep, float scale, float *y, uint8_t *route) {
  const long ho = h / 2, wo = w / 2, plane = ho * wo;
  // The window of output `first`, then stepped along: no division per value.
  long p = first / plane, i = (first % plane) / wo, j = first % wo;
  for (long o = first; o < end; o++) {
    const float *row = x + p * h * w + 2 * i * w + 2 * j;  // the window's top-left value
    const float v[4] = {row[0], row[1], row[w], row[w + 1]};
    int best = 0;
    for (int u = 1; u < 4; u++) best = v[u] > v[best] ? u : best;
    const float r = v[best] < 0 ? 0 : v[best];  // NaN stays NaN, as ReLU's
    const int kept = keep == NULL || keep[o - first];
    y[o] = kept ? r * scale : 0;
    if (route) route[o] = (kept && r > 0) ? (uint8_t)best : 4;
    if (++j == wo) {
      j = 0;
      if (++i == ho) i = 0, p++;
    }
  }
}

void dl_pool2_relu_backward(const float *dy, const uint8_t *route, float scale, int h, int w,
                            long first, long end, float *dx) {
  const long ho = h / 2, wo = w / 2;
  for (long p = first; p < end; p++) {
    float *plane = dx + p * h * w;
    memset(plane, 0, sizeof(float) * (size_t)h * (size_t)w);
    const float *g = dy + p * ho * wo;
    const uint8_t *r = route + p * ho * wo;
    for (long i = 0; i < ho; i++) {
      for (long j = 0; j < wo; j++) {
        const uint8_t at = r[i * wo + j];
        if (at < 4) plane[(2 * i + at / 2) * w + 2 * j + at % 2] = g[i * wo + j] * scale;
      }
    }
  }
}

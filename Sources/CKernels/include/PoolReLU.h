// Max-pool 2×2 (stride 2, floor) → ReLU → inverted dropout in one pass over the input, and
// the matching backward in one pass over the input gradient (ExecutionPlan.swift).
#pragma once
#include <stdint.h>

/// One 2×2 window (a b / c d) through max → ReLU → dropout: m = the largest value (the first
/// of equal ones, as MaxPool2d), *y = max(m, 0) · scale when kept, else 0 (NaN stays NaN, as
/// ReLU's); *route = m's position (0…3) when max(m, 0) > 0 and kept, else 4. The pool pass
/// takes it from here; Winograd's pool epilogue (pool_blocks in WinogradWidth.h) does the same
/// comparisons on vectors of channels, and ExecutionPlanTests holds the two equal bit for bit.
static inline void dl_pool_window(float a, float b, float c, float d, int kept, float scale,
                                  float *y, uint8_t *route) {
  float m = a;
  int at = 0;
  at = b > m ? 1 : at, m = b > m ? b : m;
  at = c > m ? 2 : at, m = c > m ? c : m;
  at = d > m ? 3 : at, m = d > m ? d : m;
  const float r = m < 0 ? 0 : m;
  *y = kept ? r * scale : 0;
  *route = (uint8_t)((kept && r > 0) ? at : 4);
}

/// Outputs [first, end) of y: (planes, h/2, w/2) from x: (planes, h, w), flat indices:
///   m = max of the 2×2 window (the first of equal values), r = max(m, 0),
///   y = r · scale where keep[o − first] ≠ 0, else 0; keep NULL keeps every value.
/// route[o] is the window position (0…3) of m when the gradient passes
/// (r > 0 and kept), else 4.
void dl_pool2_relu_forward(const float *x, int h, int w, long first, long end,
                           const uint8_t *keep, float scale, float *y, uint8_t *route);

/// Every value of dx: (planes, h, w) for planes [first, end): dy[o] · scale at the window
/// position route[o] names, 0 elsewhere (and in the rows and columns the pool left out).
void dl_pool2_relu_backward(const float *dy, const uint8_t *route, float scale, int h, int w,
                            long first, long end, float *dx);

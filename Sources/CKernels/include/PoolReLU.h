// Max-pool 2×2 (stride 2, floor) → ReLU → inverted dropout in one pass over the input, and
// the matching backward in one pass over the input gradient (ExecutionPlan.swift).
#pragma once
#include <stdint.h>

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

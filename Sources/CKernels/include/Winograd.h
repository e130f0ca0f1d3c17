// Winograd F(m×m, 5×5), m = 2 or 4, for 5×5, stride-1 convolutions: forward and input gradient.
//
// An m×m block of outputs needs an n×n patch of input, n = m + 4. Winograd's minimal filtering
// computes it with n² products per (input, output) channel pair instead of 25·m²:
//
//   y = Aᵀ [ (G w Gᵀ) ⊙ (Bᵀ d B) ] A                  (n×n d → m×m y)
//
// F(2×2): n = 6, the points 0, 1, −1, 2, −2, ∞: 36 products per 4 outputs (100 direct).
// F(4×4): n = 8, also 1/2 and −1/2: 64 products per 16 outputs (400 direct), 2.25× fewer than
// F(2×2), for a little more rounding (a relative error of about 4·10⁻⁶ against 2·10⁻⁶ at 32
// input channels, random data). DigitKit takes F(4×4) where the output's sides divide by 4.
// Bᵀ, G and Aᵀ are in Winograd.c and WinogradWidth.h. Summed over the input channels, the ⊙
// becomes n² matrix products, one per transformed position ξ:
// Y_ξ (tiles, O) = V_ξ (tiles, C) · U_ξ (C, O), register-blocked GEMMs on chunks of 24 tiles
// (F(2×2)) or 12 (F(4×4)) (Winograd.c's `products`).
//
// The input gradient uses the same transforms the other way round (the trilinear form
// Σ y·w·d is symmetric in its roles): each m×m tile of dy adds an n×n patch to dx,
//
//   dx patch += B [ (G w Gᵀ) ⊙ (A dy Aᵀ) ] Bᵀ          (patches of neighbouring tiles overlap)
//
// The weight gradient stays with the direct kernels (GatherGEMM.h): done this way it measured
// only 22% faster, and its larger rounding changed Adam's first steps on near-zero gradients.
//
// Tiles: t = ty·tw + tx is the m×m block of outputs at (m·ty, m·tx) of a sample. The transforms
// and products run channels last, W channels to a vector: portable C (GCC/Clang vector
// extensions) written once (WinogradWidth.h) and built at 16 lanes (AVX-512), 8 (AVX2 + FMA)
// and 4 (portable); each call runs the width dl_simd_width() names (SIMDLevel.h). DigitKit
// uses Winograd only when dl_gather_available() says a vector width is in use.
#ifndef DIGITLAB_WINOGRAD_H
#define DIGITLAB_WINOGRAD_H

#include <stdint.h>

/// Tiles of m×m outputs per chunk of the kernels: 24 for m = 2, 12 for m = 4. A chunk of
/// tiles is one call's worth of transforms and products; callers cut their work in chunks.
int dl_wino_chunk_tiles(int m);

/// Transformed weights for w: (O, C, 5, 5) and tiles of m×m outputs, with U[ξ] = G w[o][c] Gᵀ
/// at position ξ < (m + 4)²: ut[(ξ·C + c)·O16 + o] (for forward) and u[(ξ·O + o)·C16 + c] (for
/// the input gradient), O16 and C16 rounded up to multiples of 16 with zeros; for output
/// channels o0 ..< o1 (the one ending at O also writes the zeros past O).
void dl_wino_weights(const float *w, int O, int C, int o0, int o1, int m, float *ut, float *u);

/// One sample, channels last and zero-padded: xt (H + 2·pad, W + 2·pad, C16) from x (C, H, W),
/// C16 = C rounded up to a multiple of 16 (the extra channels are zero).
void dl_channels_last(const float *x, int C, int H, int W, int pad, float *xt);

/// y = bias + w ⋆ x at the batch's m×m tiles n0 ..< n1 (n = sample·T + t, T = th·tw), for
/// xt: (B, Hp, Wp, C16) channels last (dl_channels_last) with Hp = m·th + 4, Wp = m·tw + 4,
/// ut from dl_wino_weights with the same m, and y: (B, O, m·th, m·tw). bias may be NULL.
void dl_wino_forward(const float *xt, int C, int Hp, int Wp, int th, int tw, int m,
                     const float *ut, int O, const float *bias, float *y, long n0, long n1);

/// What dl_wino_forward_pooled does with each 2×2 block of y instead of writing it
/// (ExecutionPlan's conv → max-pool 2×2 → ReLU → dropout; a Winograd tile holds (m/2)² pool
/// windows):
/// m = the block's largest value (the first of equal ones, positions 0…3 row by row), and at
/// i, the block's place in the pooled output (B, O, Ho/2, Wo/2): y[i] = max(m, 0) · scale where keep[i] ≠ 0 (keep NULL keeps all),
/// else 0; route[i] = m's position where max(m, 0) > 0 and kept, else 4 (as dl_pool2_relu_forward).
typedef struct {
  const uint8_t *keep;
  float scale;
  float *y;
  uint8_t *route;
} DLPoolEpilogue;

/// dl_wino_forward with the pool epilogue: y (B, O, m/2·th, m/2·tw), the pooled values only.
void dl_wino_forward_pooled(const float *xt, int C, int Hp, int Wp, int th, int tw, int m,
                            const float *ut, int O, const float *bias, const DLPoolEpilogue *pool,
                            long n0, long n1);

/// dx (B, C, H, W), samples s0 ..< s1 (overwritten) = the input gradient of a layer with
/// padding `pad` (H + 2·pad = m·th + 4, likewise W), for dy channels last: dyt (B, m·th, m·tw, ldo),
/// ldo ≥ O rounded up to 16, the channels past O zero, and u from dl_wino_weights with the same m.
void dl_wino_input_gradient(const float *dyt, int O, int ldo, int th, int tw, int m,
                            const float *u, int C, int H, int W, int pad, float *dx, int s0, int s1);

#endif

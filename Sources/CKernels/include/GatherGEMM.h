// Direct-convolution kernels: a GEMM whose right-hand matrix is never built.
//
// A stride-1 convolution is a product W·cols, where cols[k][p] = x[koff[k] + poff[p]]:
// k = (channel, ky, kx) and p = output position are both just offsets into the input.
// These kernels read x through the two offset tables instead of copying im2col columns,
// so the input is touched in cache once per tile and nothing is packed or zeroed.
//
// Built at 16 lanes (AVX-512), 8 (AVX2 + FMA) and 4 (portable), run at the width
// dl_simd_width() names (SIMDLevel.h). When that is 0 (no AVX2, not x86-64, or
// DIGITLAB_SIMD=portable) dl_gather_available() returns 0 and DigitKit uses im2col + BLAS.
#ifndef DIGITLAB_GATHER_GEMM_H
#define DIGITLAB_GATHER_GEMM_H

#include <stdint.h>

/// 1 when the kernels run at a vector width (dl_simd_width() > 0), else 0.
int dl_gather_available(void);

/// y[m·ldy + p] = bias[m] + Σ_{k<K} wt[k·M + m] · x[koff[k] + poff[p]]   (m < M, p < P)
///
/// wt: (K, M) row-major, M a multiple of 16. bias may be NULL (then 0).
/// Overwrites y; reads x only at the offsets given.
void dl_gather_gemm(const float *wt, int K, int M,
                    const float *x, const int32_t *koff, const int32_t *poff, int P,
                    const float *bias, float *y, long ldy);

/// dw[m·K + k] += Σ_{b<batch} Σ_{p<P} g[b·gStride + p·M + m] · x[b·xStride + koff[k] + poff[p]]
///
/// for k in [k0, k1) and m < M (a multiple of 16). g: per-sample (P, M) row-major,
/// i.e. the output gradient with channels last. scratch: (k1 - k0 + 12)·M floats, where
/// the sums build up channels-last before they are added to dw.
void dl_gather_weight_grad(const float *g, long gStride, int P, int M,
                           const float *x, long xStride, int batch,
                           const int32_t *koff, int K, int k0, int k1, const int32_t *poff,
                           float *dw, float *scratch);

/// y[c·ldy + r] = x[r·ldx + c] for r < rows, c < cols: a transpose, e.g. one sample of dy
/// (O, positions) to channels last (positions, ldy ≥ O), or one image row of every channel
/// (dl_channels_last). In 8 × 8 blocks of vectors, on any CPU.
void dl_transpose(const float *x, int rows, int cols, long ldx, float *y, long ldy);

#endif

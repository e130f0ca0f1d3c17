// Register-blocked kernels for GatherGEMM.h. Each tile keeps 16 rows (two 8-lane vectors)
// by 6 columns of the result in 12 AVX registers and streams the shared dimension through
// them: per step 2 vector loads, 6 broadcasts, 12 fused multiply-adds.
#include "GatherGEMM.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

int dl_gather_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define TARGET __attribute__((target("avx2,fma")))
enum { TILE = 6, ROWS = 16 };

// One broadcast value times the two row vectors, into accumulator pair j.
#define FMA2(j, value)                                   \
  do {                                                   \
    __m256 b_ = _mm256_broadcast_ss(value);              \
    acc##j##a = _mm256_fmadd_ps(r0, b_, acc##j##a);      \
    acc##j##b = _mm256_fmadd_ps(r1, b_, acc##j##b);      \
  } while (0)

#define ZERO_ACCUMULATORS                                                   \
  __m256 acc0a = _mm256_setzero_ps(), acc0b = _mm256_setzero_ps();          \
  __m256 acc1a = _mm256_setzero_ps(), acc1b = _mm256_setzero_ps();          \
  __m256 acc2a = _mm256_setzero_ps(), acc2b = _mm256_setzero_ps();          \
  __m256 acc3a = _mm256_setzero_ps(), acc3b = _mm256_setzero_ps();          \
  __m256 acc4a = _mm256_setzero_ps(), acc4b = _mm256_setzero_ps();          \
  __m256 acc5a = _mm256_setzero_ps(), acc5b = _mm256_setzero_ps()

// t[j][0..<16] = accumulator pair j.
#define SPILL_ACCUMULATORS(t)                                               \
  _mm256_storeu_ps(t[0], acc0a); _mm256_storeu_ps(t[0] + 8, acc0b);         \
  _mm256_storeu_ps(t[1], acc1a); _mm256_storeu_ps(t[1] + 8, acc1b);         \
  _mm256_storeu_ps(t[2], acc2a); _mm256_storeu_ps(t[2] + 8, acc2b);         \
  _mm256_storeu_ps(t[3], acc3a); _mm256_storeu_ps(t[3] + 8, acc3b);         \
  _mm256_storeu_ps(t[4], acc4a); _mm256_storeu_ps(t[4] + 8, acc4b);         \
  _mm256_storeu_ps(t[5], acc5a); _mm256_storeu_ps(t[5] + 8, acc5b)

// Rows m0..<m0+16 by columns p0..<p0+n of y (n ≤ 6; o[n..<6] repeat a valid offset).
TARGET static void gather_tile(const float *wt, int K, int M, const float *x,
                               const int32_t *koff, const int32_t o[TILE], int n,
                               const float *bias, float *y, long ldy, int m0, int p0) {
  ZERO_ACCUMULATORS;
  const int32_t o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4], o5 = o[5];
  const float *w = wt + m0;
  for (int k = 0; k < K; k++, w += M) {
    const float *xk = x + koff[k];
    const __m256 r0 = _mm256_loadu_ps(w), r1 = _mm256_loadu_ps(w + 8);
    FMA2(0, xk + o0); FMA2(1, xk + o1); FMA2(2, xk + o2);
    FMA2(3, xk + o3); FMA2(4, xk + o4); FMA2(5, xk + o5);
  }
  float t[TILE][ROWS];
  SPILL_ACCUMULATORS(t);
  for (int m = 0; m < ROWS; m++) {
    const float b = bias ? bias[m0 + m] : 0.0f;
    float *row = y + (long)(m0 + m) * ldy + p0;
    for (int j = 0; j < n; j++) row[j] = t[j][m] + b;
  }
}

TARGET static void gather_gemm_avx2(const float *wt, int K, int M, const float *x,
                                    const int32_t *koff, const int32_t *poff, int P,
                                    const float *bias, float *y, long ldy) {
  for (int p0 = 0; p0 < P; p0 += TILE) {
    const int n = P - p0 < TILE ? P - p0 : TILE;
    int32_t o[TILE];
    for (int j = 0; j < TILE; j++) o[j] = poff[p0 + (j < n ? j : n - 1)];
    for (int m0 = 0; m0 < M; m0 += ROWS) gather_tile(wt, K, M, x, koff, o, n, bias, y, ldy, m0, p0);
  }
}

// dw rows m0..<m0+16, columns k0..<k0+n (n ≤ 6; kk[n..<6] repeat a valid offset), one sample.
TARGET static void weight_tile(const float *g, int P, int M, const float *x,
                               const int32_t kk[TILE], int n, const int32_t *poff,
                               float *dw, int K, int m0, int k0) {
  ZERO_ACCUMULATORS;
  const int32_t o0 = kk[0], o1 = kk[1], o2 = kk[2], o3 = kk[3], o4 = kk[4], o5 = kk[5];
  const float *gp = g + m0;
  for (int p = 0; p < P; p++, gp += M) {
    const float *xp = x + poff[p];
    const __m256 r0 = _mm256_loadu_ps(gp), r1 = _mm256_loadu_ps(gp + 8);
    FMA2(0, xp + o0); FMA2(1, xp + o1); FMA2(2, xp + o2);
    FMA2(3, xp + o3); FMA2(4, xp + o4); FMA2(5, xp + o5);
  }
  float t[TILE][ROWS];
  SPILL_ACCUMULATORS(t);
  for (int m = 0; m < ROWS; m++) {
    float *row = dw + (long)(m0 + m) * K + k0;
    for (int j = 0; j < n; j++) row[j] += t[j][m];
  }
}

TARGET static void weight_grad_avx2(const float *g, long gStride, int P, int M,
                                    const float *x, long xStride, int batch,
                                    const int32_t *koff, int K, int k0, int k1,
                                    const int32_t *poff, float *dw) {
  // Sample by sample, so one sample's g and x (and this slice of dw) stay in L2.
  for (int b = 0; b < batch; b++) {
    const float *gb = g + b * gStride, *xb = x + b * xStride;
    for (int kt = k0; kt < k1; kt += TILE) {
      const int n = k1 - kt < TILE ? k1 - kt : TILE;
      int32_t kk[TILE];
      for (int j = 0; j < TILE; j++) kk[j] = koff[kt + (j < n ? j : n - 1)];
      for (int m0 = 0; m0 < M; m0 += ROWS) weight_tile(gb, P, M, xb, kk, n, poff, dw, K, m0, kt);
    }
  }
}

void dl_gather_gemm(const float *wt, int K, int M, const float *x, const int32_t *koff,
                    const int32_t *poff, int P, const float *bias, float *y, long ldy) {
  gather_gemm_avx2(wt, K, M, x, koff, poff, P, bias, y, ldy);
}

void dl_gather_weight_grad(const float *g, long gStride, int P, int M,
                           const float *x, long xStride, int batch,
                           const int32_t *koff, int K, int k0, int k1, const int32_t *poff,
                           float *dw) {
  weight_grad_avx2(g, gStride, P, M, x, xStride, batch, koff, K, k0, k1, poff, dw);
}

#else  // Not x86-64: DigitKit never calls the kernels (it asks dl_gather_available first).

int dl_gather_available(void) { return 0; }

void dl_gather_gemm(const float *wt, int K, int M, const float *x, const int32_t *koff,
                    const int32_t *poff, int P, const float *bias, float *y, long ldy) {
  for (int m = 0; m < M; m++)
    for (int p = 0; p < P; p++) {
      float sum = bias ? bias[m] : 0.0f;
      for (int k = 0; k < K; k++) sum += wt[(long)k * M + m] * x[koff[k] + poff[p]];
      y[(long)m * ldy + p] = sum;
    }
}

void dl_gather_weight_grad(const float *g, long gStride, int P, int M,
                           const float *x, long xStride, int batch,
                           const int32_t *koff, int K, int k0, int k1, const int32_t *poff,
                           float *dw) {
  for (int b = 0; b < batch; b++)
    for (int m = 0; m < M; m++)
      for (int k = k0; k < k1; k++) {
        float sum = 0;
        for (int p = 0; p < P; p++) sum += g[b * gStride + (long)p * M + m] * x[b * xStride + koff[k] + poff[p]];
        dw[(long)m * K + k] += sum;
      }
}
#endif

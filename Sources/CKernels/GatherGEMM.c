// Register-blocked kernels for GatherGEMM.h. Each tile keeps 16 rows (two 8-lane vectors)
// by 6 columns of the result in 12 AVX registers and streams the shared dimension through
// them: per step 2 vector loads, 6 broadcasts, 12 fused multiply-adds.
#include "GatherGEMM.h"

void dl_transpose(const float *restrict x, int rows, int cols, float *restrict y, int ldy) {
  // 8 × 8 blocks: both the 8 rows read and the 8 rows written stay in L1.
  for (int r0 = 0; r0 < rows; r0 += 8)
    for (int c0 = 0; c0 < cols; c0 += 8) {
      const int r1 = r0 + 8 < rows ? r0 + 8 : rows, c1 = c0 + 8 < cols ? c0 + 8 : cols;
      for (int c = c0; c < c1; c++)
        for (int r = r0; r < r1; r++) y[(long)c * ldy + r] = x[(long)r * cols + c];
    }
}

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

// Row j of t (at t + j·stride) = accumulator pair j.
#define STORE_ACCUMULATORS(t, stride)                                                         \
  _mm256_storeu_ps(t, acc0a); _mm256_storeu_ps(t + 8, acc0b);                                 \
  _mm256_storeu_ps(t + stride, acc1a); _mm256_storeu_ps(t + stride + 8, acc1b);               \
  _mm256_storeu_ps(t + 2 * stride, acc2a); _mm256_storeu_ps(t + 2 * stride + 8, acc2b);       \
  _mm256_storeu_ps(t + 3 * stride, acc3a); _mm256_storeu_ps(t + 3 * stride + 8, acc3b);       \
  _mm256_storeu_ps(t + 4 * stride, acc4a); _mm256_storeu_ps(t + 4 * stride + 8, acc4b);       \
  _mm256_storeu_ps(t + 5 * stride, acc5a); _mm256_storeu_ps(t + 5 * stride + 8, acc5b)

// Cache blocking: CHUNK output positions share one pass over a block of KC weight rows
// (16 KB for a 16-row tile), so the weights are read from L1, not L2, for all the tiles.
enum { CHUNK = 96, KC = 256, PB = 128 };

// The one tile both products use. Row j of t (16 floats at t + j·stride, channels last)
// gets Σ_{s<count} rows[s·M + 0..<16] · x[base[s] + o_j], j < 6; replacing t when `first`,
// adding to it otherwise.
// - forward / input gradient: rows = Wᵀ, base = koff (s = k), o = 6 output positions;
// - weight gradient: rows = channels-last dy, base = poff (s = p), o = koff of 6 columns.
TARGET static void tile(const float *rows, int count, int M, const float *x, const int32_t *base,
                        const int32_t o[TILE], float *t, long stride, int first) {
  __m256 acc0a, acc0b, acc1a, acc1b, acc2a, acc2b, acc3a, acc3b, acc4a, acc4b, acc5a, acc5b;
  if (first) {
    acc0a = acc0b = acc1a = acc1b = acc2a = acc2b = _mm256_setzero_ps();
    acc3a = acc3b = acc4a = acc4b = acc5a = acc5b = _mm256_setzero_ps();
  } else {
    acc0a = _mm256_loadu_ps(t), acc0b = _mm256_loadu_ps(t + 8);
    acc1a = _mm256_loadu_ps(t + stride), acc1b = _mm256_loadu_ps(t + stride + 8);
    acc2a = _mm256_loadu_ps(t + 2 * stride), acc2b = _mm256_loadu_ps(t + 2 * stride + 8);
    acc3a = _mm256_loadu_ps(t + 3 * stride), acc3b = _mm256_loadu_ps(t + 3 * stride + 8);
    acc4a = _mm256_loadu_ps(t + 4 * stride), acc4b = _mm256_loadu_ps(t + 4 * stride + 8);
    acc5a = _mm256_loadu_ps(t + 5 * stride), acc5b = _mm256_loadu_ps(t + 5 * stride + 8);
  }
  const int32_t o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4], o5 = o[5];
  for (int s = 0; s < count; s++, rows += M) {
    const float *xs = x + base[s];
    const __m256 r0 = _mm256_loadu_ps(rows), r1 = _mm256_loadu_ps(rows + 8);
    FMA2(0, xs + o0); FMA2(1, xs + o1); FMA2(2, xs + o2);
    FMA2(3, xs + o3); FMA2(4, xs + o4); FMA2(5, xs + o5);
  }
  STORE_ACCUMULATORS(t, stride);
}

TARGET static void gather_gemm_avx2(const float *wt, int K, int M, const float *x,
                                    const int32_t *koff, const int32_t *poff, int P,
                                    const float *bias, float *y, long ldy) {
  float acc[CHUNK * ROWS] __attribute__((aligned(32)));
  int32_t o[CHUNK / TILE][TILE];
  for (int p0 = 0; p0 < P; p0 += CHUNK) {
    const int count = P - p0 < CHUNK ? P - p0 : CHUNK, tiles = (count + TILE - 1) / TILE;
    // Past the last position, tiles repeat it: valid reads, results dropped.
    for (int t = 0; t < tiles; t++)
      for (int j = 0; j < TILE; j++) {
        const int p = t * TILE + j;
        o[t][j] = poff[p0 + (p < count ? p : count - 1)];
      }
    for (int m0 = 0; m0 < M; m0 += ROWS) {
      for (int kb = 0; kb < K; kb += KC) {
        const int kc = K - kb < KC ? K - kb : KC;
        for (int t = 0; t < tiles; t++)
          tile(wt + (long)kb * M + m0, kc, M, x, koff + kb, o[t], acc + t * TILE * ROWS, ROWS, kb == 0);
      }
      for (int m = 0; m < ROWS; m++) {
        const float b = bias ? bias[m0 + m] : 0.0f;
        float *row = y + (long)(m0 + m) * ldy + p0;
        for (int j = 0; j < count; j++) row[j] = acc[j * ROWS + m] + b;
      }
    }
  }
}

TARGET static void weight_grad_avx2(const float *g, long gStride, int P, int M,
                                    const float *x, long xStride, int batch,
                                    const int32_t *koff, int K, int k0, int k1,
                                    const int32_t *poff, float *dw, float *scratch) {
  // scratch: dwᵀ for columns k0..<k1 (+ one tile of spare rows), channels last.
  const int width = k1 - k0;
  for (long i = 0; i < (long)(width + TILE) * M; i++) scratch[i] = 0;
  for (int b = 0; b < batch; b++) {
    const float *gb = g + b * gStride, *xb = x + b * xStride;
    // PB positions at a time: their g (8 KB per 16 rows) stays in L1 for every column tile.
    for (int p0 = 0; p0 < P; p0 += PB) {
      const int count = P - p0 < PB ? P - p0 : PB;
      for (int kt = k0; kt < k1; kt += TILE) {
        const int n = k1 - kt < TILE ? k1 - kt : TILE;
        int32_t kk[TILE];
        for (int j = 0; j < TILE; j++) kk[j] = koff[kt + (j < n ? j : n - 1)];
        for (int m0 = 0; m0 < M; m0 += ROWS)
          tile(gb + (long)p0 * M + m0, count, M, xb, poff + p0, kk, scratch + (long)(kt - k0) * M + m0, M, 0);
      }
    }
  }
  for (int m = 0; m < M; m++)
    for (int k = k0; k < k1; k++) dw[(long)m * K + k] += scratch[(long)(k - k0) * M + m];
}

void dl_gather_gemm(const float *wt, int K, int M, const float *x, const int32_t *koff,
                    const int32_t *poff, int P, const float *bias, float *y, long ldy) {
  gather_gemm_avx2(wt, K, M, x, koff, poff, P, bias, y, ldy);
}

void dl_gather_weight_grad(const float *g, long gStride, int P, int M,
                           const float *x, long xStride, int batch,
                           const int32_t *koff, int K, int k0, int k1, const int32_t *poff,
                           float *dw, float *scratch) {
  weight_grad_avx2(g, gStride, P, M, x, xStride, batch, koff, K, k0, k1, poff, dw, scratch);
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
                           float *dw, float *scratch) {
  (void)scratch;
  for (int b = 0; b < batch; b++)
    for (int m = 0; m < M; m++)
      for (int k = k0; k < k1; k++) {
        float sum = 0;
        for (int p = 0; p < P; p++) sum += g[b * gStride + (long)p * M + m] * x[b * xStride + koff[k] + poff[p]];
        dw[(long)m * K + k] += sum;
      }
}
#endif

// The direct-convolution kernels at one vector width, included by GatherGEMM.c once per
// width with W (lanes), TARGET (the attribute enabling them) and NAME(x) (x with the width's
// suffix), like WinogradWidth.h. The same code at every width: GCC/Clang vector extensions.
//
// A tile keeps R vectors of rows (R·W channels) by N columns of the result in R·N registers
// and streams the shared dimension through them: per step R vector loads, N broadcasts, R·N
// fused multiply-adds. The main tile is 2 vectors × 6 columns; a last 16 rows that do not
// fill 2 vectors (AVX-512 only: every M is a multiple of 16) take 1 vector × 12 columns.

typedef float NAME(gvf) __attribute__((vector_size(4 * W)));
#define vf NAME(gvf)
#define INLINE static inline __attribute__((always_inline)) TARGET
#define load NAME(gload)
#define store NAME(gstore)
#define tile NAME(tile)
#define columns NAME(columns)
#define column_tiles NAME(column_tiles)

INLINE vf load(const float *p) { vf v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(float *p, vf v) { memcpy(p, &v, sizeof v); }

// The one tile both products use. Row j of t (R·W floats at t + j·stride, channels last)
// gets Σ_{s<count} rows[s·M + 0..<R·W] · x[base[s] + o_j], j < N; replacing t when `first`,
// adding to it otherwise.
// - forward / input gradient: rows = Wᵀ, base = koff (s = k), o = N output positions;
// - weight gradient: rows = channels-last dy, base = poff (s = p), o = koff of N columns.
INLINE void tile(const float *rows, int count, int M, const float *x, const int32_t *base,
                 const int32_t *o, float *t, long stride, int first, const int R, const int N) {
  vf acc[12][2];
  int32_t oj[12];
#pragma clang loop unroll(full)
  for (int j = 0; j < N; j++) {
    oj[j] = o[j];
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) acc[j][v] = first ? (vf){0} : load(t + j * stride + v * W);
  }
  for (int s = 0; s < count; s++, rows += M) {
    const float *xs = x + base[s];
    vf r[2];
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) r[v] = load(rows + v * W);
#pragma clang loop unroll(full)
    for (int j = 0; j < N; j++) {
      const float b = xs[oj[j]];
#pragma clang loop unroll(full)
      for (int v = 0; v < R; v++) acc[j][v] += b * r[v];
    }
  }
#pragma clang loop unroll(full)
  for (int j = 0; j < N; j++)
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) store(t + j * stride + v * W, acc[j][v]);
}

TARGET void NAME(gather_gemm)(const float *wt, int K, int M, const float *x, const int32_t *koff,
                              const int32_t *poff, int P, const float *bias, float *y, long ldy) {
  float acc[CHUNK * 2 * W] __attribute__((aligned(64)));
  int32_t o[CHUNK];
  for (int p0 = 0; p0 < P; p0 += CHUNK) {
    const int count = P - p0 < CHUNK ? P - p0 : CHUNK;
    // Past the last position, tiles repeat it: valid reads, results dropped.
    for (int p = 0; p < CHUNK; p++) o[p] = poff[p0 + (p < count ? p : count - 1)];
    for (int m0 = 0; m0 < M;) {
      const int wide = M - m0 >= 2 * W, rows = wide ? 2 * W : W, n = wide ? 6 : 12;
      const int tiles = (count + n - 1) / n, kcMax = KC_FLOATS / rows;
      for (int kb = 0; kb < K; kb += kcMax) {
        const int kc = K - kb < kcMax ? K - kb : kcMax;
        const float *w = wt + (long)kb * M + m0;
        for (int t = 0; t < tiles; t++) {
          float *at = acc + t * n * rows;
          if (wide) tile(w, kc, M, x, koff + kb, o + t * n, at, rows, kb == 0, 2, 6);
          else tile(w, kc, M, x, koff + kb, o + t * n, at, rows, kb == 0, 1, 12);
        }
      }
      for (int m = 0; m < rows; m++) {
        const float b = bias ? bias[m0 + m] : 0.0f;
        float *row = y + (long)(m0 + m) * ldy + p0;
        for (int j = 0; j < count; j++) row[j] = acc[j * rows + m] + b;
      }
      m0 += rows;
    }
  }
}

// kk[j] = koff[kt + j] for the n columns of a tile from kt; past k1 the last column repeats.
INLINE void columns(const int32_t *koff, int kt, int k1, int n, int32_t *kk) {
  const int left = k1 - kt < n ? k1 - kt : n;
  for (int j = 0; j < n; j++) kk[j] = koff[kt + (j < left ? j : left - 1)];
}

// The N columns from kt (tile) for the row blocks of R vectors in m0 ..< m1, into t.
INLINE void column_tiles(const float *gp, int count, int M, const float *xb, const int32_t *pp,
                         const int32_t *koff, int kt, int k1, float *t, int m0, int m1,
                         const int R, const int N) {
  int32_t kk[12];
  columns(koff, kt, k1, N, kk);
  for (int m = m0; m < m1; m += R * W) tile(gp + m, count, M, xb, pp, kk, t + m, M, 0, R, N);
}

TARGET void NAME(weight_grad)(const float *g, long gStride, int P, int M,
                              const float *x, long xStride, int batch,
                              const int32_t *koff, int K, int k0, int k1,
                              const int32_t *poff, float *dw, float *scratch) {
  // scratch: dwᵀ for columns k0..<k1 (+ one tile of spare rows), channels last.
  const int width = k1 - k0;
  for (long i = 0; i < (long)(width + SPARE_COLUMNS) * M; i++) scratch[i] = 0;
  for (int b = 0; b < batch; b++) {
    const float *gb = g + b * gStride, *xb = x + b * xStride;
    // PB positions at a time: their g (8 KB per 16 rows) stays in L1 for every column tile.
    for (int p0 = 0; p0 < P; p0 += PB) {
      const int count = P - p0 < PB ? P - p0 : PB;
      const float *gp = gb + (long)p0 * M;
      const int32_t *pp = poff + p0;
      // Column tiles outside, so the 2·W-row blocks share the x values each tile reads. The
      // one-vector tail takes 12 columns at a time, and 6 for a last 6 or fewer.
      const int mWide = M / (2 * W) * (2 * W);
      for (int kt = k0; kt < k1; kt += 6)
        column_tiles(gp, count, M, xb, pp, koff, kt, k1, scratch + (long)(kt - k0) * M, 0, mWide,
                     2, 6);
      for (int kt = k0; mWide < M && kt < k1;) {  // the last W rows (AVX-512, M = 16, 48, …)
        float *t = scratch + (long)(kt - k0) * M;
        if (k1 - kt > 6) {
          column_tiles(gp, count, M, xb, pp, koff, kt, k1, t, mWide, M, 1, 12);
          kt += 12;
        } else {
          column_tiles(gp, count, M, xb, pp, koff, kt, k1, t, mWide, M, 1, 6);
          kt += 6;
        }
      }
    }
  }
  for (int m = 0; m < M; m++)
    for (int k = k0; k < k1; k++) dw[(long)m * K + k] += scratch[(long)(k - k0) * M + m];
}

// y[c·ldy + r] = x[r·ldx + c] (dl_transpose) in 8 × 8 blocks of 8-float vectors: eight
// row loads, three rounds of shuffles (pairs, quads, halves), eight column stores; the edges
// that do not fill a block go one value at a time.
typedef float NAME(v8) __attribute__((vector_size(32)));
TARGET void NAME(transpose)(const float *x, int rows, int cols, long ldx, float *y, long ldy) {
  typedef NAME(v8) v8;
  const int rows8 = rows / 8 * 8, cols8 = cols / 8 * 8;
  for (int c0 = 0; c0 < cols8; c0 += 8)  // y's rows filled one after another
    for (int r0 = 0; r0 < rows8; r0 += 8) {
      v8 r[8], t[8], u[8];
      for (int i = 0; i < 8; i++) memcpy(&r[i], x + (r0 + i) * ldx + c0, sizeof(v8));
      for (int i = 0; i < 8; i += 2) {  // t[i]: r[i], r[i+1] interleaved within each half
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
      }
      for (int i = 0; i < 8; i += 4)  // u: four rows' values of one column in each half
        for (int j = 0; j < 2; j++) {
          u[i + 2 * j] = __builtin_shufflevector(t[i + j], t[i + j + 2], 0, 1, 8, 9, 4, 5, 12, 13);
          u[i + 2 * j + 1] = __builtin_shufflevector(t[i + j], t[i + j + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        }
      for (int c = 0; c < 4; c++) {  // halves of rows 0–3 and 4–7: columns c and c + 4
        const v8 lo = __builtin_shufflevector(u[c], u[c + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        const v8 hi = __builtin_shufflevector(u[c], u[c + 4], 4, 5, 6, 7, 12, 13, 14, 15);
        memcpy(y + (long)(c0 + c) * ldy + r0, &lo, sizeof(v8));
        memcpy(y + (long)(c0 + c + 4) * ldy + r0, &hi, sizeof(v8));
      }
    }
  for (int r = 0; r < rows; r++)
    for (int c = r < rows8 ? cols8 : 0; c < cols; c++) y[(long)c * ldy + r] = x[r * ldx + c];
}

#undef vf
#undef INLINE
#undef load
#undef store
#undef tile
#undef columns
#undef column_tiles

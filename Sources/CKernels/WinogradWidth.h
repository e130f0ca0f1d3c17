// The Winograd kernels at one vector width, included by Winograd.c once per width with
//   W          lanes per vector (16: AVX-512, 8: AVX2, 4: portable),
//   TARGET     the function attribute that enables them (empty for portable),
//   NAME(x)    x with the width's suffix (x_w16, x_w8, x_w4).
// The code is the same at every width: vectors are GCC/Clang vector extensions of W floats.
// Channels go W to a vector; the products' register blocks are 6 tiles × 2 vectors, or
// 12 tiles × 1 vector for a last 16 columns that do not fill 2 vectors (AVX-512 only, since
// every M here is a multiple of 16).

typedef float NAME(vf) __attribute__((vector_size(4 * W)));
typedef int NAME(vi) __attribute__((vector_size(4 * W)));
#define vf NAME(vf)
#define vi NAME(vi)
#define INLINE static inline __attribute__((always_inline)) TARGET
#define load NAME(load)
#define store NAME(store)
#define bt_apply NAME(bt_apply)
#define b_apply NAME(b_apply)
#define at_apply NAME(at_apply)
#define a_apply NAME(a_apply)
#define weights NAME(weights)
#define weights_for NAME(weights_for)
#define forward_tiles NAME(forward_tiles)
#define input_gradient_tiles NAME(input_gradient_tiles)
#define block NAME(block)
#define products NAME(products)
#define pool_blocks NAME(pool_blocks)
#define take_larger NAME(take_larger)

INLINE vf load(const float *p) { vf v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(float *p, vf v) { memcpy(p, &v, sizeof v); }

// The transforms for tiles of M×M outputs (M = 2 or 4, a constant where they are inlined)
// from N = M + 4 inputs; the matrices are in Winograd.h.

// out[l] = Σ_j Bᵀ[l][j] d[j] (N values), reading d[j] at d + j·stride.
INLINE void bt_apply(const vf *d, int stride, vf *out, const int M) {
  const vf d0 = d[0], d1 = d[stride], d2 = d[2 * stride], d3 = d[3 * stride], d4 = d[4 * stride], d5 = d[5 * stride];
  if (M == 2) {
    out[0] = 4 * d0 - 5 * d2 + d4;
    out[1] = -4 * (d1 + d2) + d3 + d4;
    out[2] = 4 * (d1 - d2) - d3 + d4;
    out[3] = 2 * (d3 - d1) - d2 + d4;
    out[4] = 2 * (d1 - d3) - d2 + d4;
    out[5] = 4 * d1 - 5 * d3 + d5;
    return;
  }
  const vf d6 = d[6 * stride], d7 = d[7 * stride];
  out[0] = d6 - d0 + 5.25f * (d2 - d4);
  out[7] = d7 - d1 + 5.25f * (d3 - d5);
  vf p = d2 + d6 - 4.25f * d4, q = d1 + d5 - 4.25f * d3;
  out[1] = p + q, out[2] = p - q;
  p = 0.25f * d2 - 1.25f * d4 + d6, q = 0.5f * d1 - 2.5f * d3 + 2 * d5;
  out[3] = p + q, out[4] = p - q;
  p = 4 * d2 - 5 * d4 + d6, q = 2 * d1 - 2.5f * d3 + 0.5f * d5;
  out[5] = p + q, out[6] = p - q;
}

// out[j] = Σ_l Bᵀ[l][j] e[l] (the transpose), reading e[l] at e + l·stride.
INLINE void b_apply(const vf *e, int stride, vf *out, const int M) {
  const vf e0 = e[0], e1 = e[stride], e2 = e[2 * stride], e3 = e[3 * stride], e4 = e[4 * stride], e5 = e[5 * stride];
  if (M == 2) {
    out[0] = 4 * e0;
    out[1] = 4 * (e2 - e1 + e5) + 2 * (e4 - e3);
    out[2] = -5 * e0 - 4 * (e1 + e2) - e3 - e4;
    out[3] = e1 - e2 + 2 * (e3 - e4) - 5 * e5;
    out[4] = e0 + e1 + e2 + e3 + e4;
    out[5] = e5;
    return;
  }
  const vf e6 = e[6 * stride], e7 = e[7 * stride];
  const vf s1 = e1 + e2, m1 = e1 - e2, s3 = e3 + e4, m3 = e3 - e4, s5 = e5 + e6, m5 = e5 - e6;
  out[0] = -e0;
  out[1] = m1 + 0.5f * m3 + 2 * m5 - e7;
  out[2] = 5.25f * e0 + s1 + 0.25f * s3 + 4 * s5;
  out[3] = 5.25f * e7 - 4.25f * m1 - 2.5f * (m3 + m5);
  out[4] = -5.25f * e0 - 4.25f * s1 - 1.25f * s3 - 5 * s5;
  out[5] = m1 + 2 * m3 + 0.5f * m5 - 5.25f * e7;
  out[6] = e0 + s1 + s3 + s5;
  out[7] = e7;
}

// out[q] = Σ_i Aᵀ[q][i] m[i] (N values to M), reading m[i] at m + i·stride.
INLINE void at_apply(const vf *m, int stride, vf *out, const int M) {
  const vf m0 = m[0], m1 = m[stride], m2 = m[2 * stride], m3 = m[3 * stride], m4 = m[4 * stride], m5 = m[5 * stride];
  if (M == 2) {
    out[0] = m0 + m1 + m2 + m3 + m4;
    out[1] = m1 - m2 + 2 * (m3 - m4) + m5;
    return;
  }
  const vf m6 = m[6 * stride], m7 = m[7 * stride];
  const vf s1 = m1 + m2, d1 = m1 - m2, s3 = m3 + m4, d3 = m3 - m4, s5 = m5 + m6, d5 = m5 - m6;
  out[0] = m0 + s1 + s3 + s5;
  out[1] = d1 + 2 * d3 + 0.5f * d5;
  out[2] = s1 + 4 * s3 + 0.25f * s5;
  out[3] = d1 + 8 * d3 + 0.125f * d5 + m7;
}

// out[i] = (A u)[i] (M values to N), reading u[j] at u + j·stride: u at the points.
INLINE void a_apply(const vf *u, int stride, vf *out, const int M) {
  const vf u0 = u[0], u1 = u[stride];
  if (M == 2) {
    out[0] = u0, out[1] = u0 + u1, out[2] = u0 - u1, out[3] = u0 + 2 * u1, out[4] = u0 - 2 * u1, out[5] = u1;
    return;
  }
  const vf u2 = u[2 * stride], u3 = u[3 * stride];
  vf even = u0 + u2, odd = u1 + u3;
  out[1] = even + odd, out[2] = even - odd;
  even = u0 + 4 * u2, odd = 2 * u1 + 8 * u3;
  out[3] = even + odd, out[4] = even - odd;
  even = u0 + 0.25f * u2, odd = 0.5f * u1 + 0.125f * u3;
  out[5] = even + odd, out[6] = even - odd;
  out[0] = u0, out[7] = u3;
}

// U = G w Gᵀ (N×N) for W (o, c) pairs at once, lane j reading w at g + j·25.
INLINE void weights(const float *g, vf *out, const int M) {
  const int N = M + 4;
  const float(*G)[5] = M == 2 ? G2 : G4;
  vf w[25], tmp[8][5];  // G w
  for (int k = 0; k < 25; k++)
    for (int j = 0; j < W; j++) w[k][j] = g[j * 25 + k];
  for (int l = 0; l < N; l++)
#pragma clang loop unroll(full)
    for (int q = 0; q < 5; q++) {
      vf s = {0};
#pragma clang loop unroll(full)
      for (int k = 0; k < 5; k++) s += G[l][k] * w[k * 5 + q];
      tmp[l][q] = s;
    }
  for (int l = 0; l < N; l++)
    for (int i = 0; i < N; i++) {
      vf s = {0};
#pragma clang loop unroll(full)
      for (int q = 0; q < 5; q++) s += tmp[l][q] * G[i][q];
      out[l * N + i] = s;
    }
}

INLINE void weights_for(const float *w, int O, int C, int o0, int o1, float *ut, float *u, const int M) {
  const int O16 = round_up(O, 16), C16 = round_up(C, 16), P = (M + 4) * (M + 4);
  for (int xi = 0; xi < P; xi++) {
    for (int o = o0; o < o1; o++) memset(u + ((long)xi * O + o) * C16 + C, 0, sizeof(float) * (C16 - C));
    if (o1 == O)
      for (int c = 0; c < C; c++) memset(ut + ((long)xi * C + c) * O16 + O, 0, sizeof(float) * (O16 - O));
  }
  // u: lanes over input channels, W at a time (a last, partial group reads channels c0 .. C − 1
  // only), so each of the P rows is stored in one piece.
  for (int o = o0; o < o1; o++)
    for (int c0 = 0; c0 < C; c0 += W) {
      const int lanes = C - c0 < W ? C - c0 : W;
      float g[W * 25] = {0};
      memcpy(g, w + ((long)o * C + c0) * 25, sizeof(float) * 25 * lanes);
      vf out[64];
      weights(g, out, M);
      for (int xi = 0; xi < P; xi++)
        memcpy(u + ((long)xi * O + o) * C16 + c0, &out[xi], sizeof(float) * lanes);
    }
  // ut: lanes over this item's output channels, for the same reason (one value per lane
  // stored with a stride of O16 floats took longer than the transforms).
  for (int c = 0; c < C; c++)
    for (int oa = o0; oa < o1; oa += W) {
      const int lanes = o1 - oa < W ? o1 - oa : W;
      float g[W * 25] = {0};
      for (int j = 0; j < lanes; j++)
        memcpy(g + j * 25, w + ((long)(oa + j) * C + c) * 25, sizeof(float) * 25);
      vf out[64];
      weights(g, out, M);
      for (int xi = 0; xi < P; xi++)
        memcpy(ut + ((long)xi * C + c) * O16 + oa, &out[xi], sizeof(float) * lanes);
    }
}

TARGET void NAME(wino_weights)(const float *w, int O, int C, int o0, int o1, int m, float *ut, float *u) {
  if (m == 4) weights_for(w, O, C, o0, o1, ut, u, 4);
  else weights_for(w, O, C, o0, o1, ut, u, 2);
}

// out rows t0 ..< t0 + T, columns m0 ..< m0 + R·W: Σ_{k<K} row[t][k] · wx[k][m], with the
// T × R accumulators in registers; per k, R vector loads, T broadcasts, T·R multiply-adds.
// R and T are constants where it is called, so the loops unroll and acc lives in registers.
INLINE void block(const float *wx, int K, int M, int m0, const float *row, int stride,
                  float *ox, const int R, const int T) {
  vf acc[12][2];
#pragma clang loop unroll(full)
  for (int r = 0; r < T; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) acc[r][v] = (vf){0};
  for (int k = 0; k < K; k++) {
    vf wv[2];
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) wv[v] = load(wx + (long)k * M + m0 + v * W);
#pragma clang loop unroll(full)
    for (int r = 0; r < T; r++) {
      const float s = row[r * stride + k];
#pragma clang loop unroll(full)
      for (int v = 0; v < R; v++) acc[r][v] += s * wv[v];
    }
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < T; r++)
#pragma clang loop unroll(full)
    for (int v = 0; v < R; v++) store(ox + (long)r * M + m0 + v * W, acc[r][v]);
}

// out[ξ][t][m] = Σ_{k<K} in[ξ][t][k] · w[ξ][k][m] for ξ < P and the chunk's TBm tiles (in rows
// `stride` floats apart; w and out rows M floats, M a multiple of 16). w[ξ] and in[ξ] (a few
// KB each) stay in L1.
INLINE void products(const float *w, int K, int M, const float *in, int stride, float *out,
                     const int P, const int TBm) {
  for (int xi = 0; xi < P; xi++) {
    const float *wx = w + (long)xi * K * M, *ix = in + (long)xi * TBm * stride;
    float *ox = out + (long)xi * TBm * M;
    const int mWide = M / (2 * W) * (2 * W);
    for (int t0 = 0; t0 < TBm; t0 += 6)
      for (int m0 = 0; m0 < mWide; m0 += 2 * W)
        block(wx, K, M, m0, ix + (long)t0 * stride, stride, ox + (long)t0 * M, 2, 6);
    if (mWide < M)  // the last W columns (AVX-512, M an odd multiple of 16)
      for (int t0 = 0; t0 < TBm; t0 += 12)
        block(wx, K, M, mWide, ix + (long)t0 * stride, stride, ox + (long)t0 * M, 1, 12);
  }
}

// Where v > *m (so the first of equal values stays, and a NaN *m stays): *m = v, *pos = at.
INLINE void take_larger(vf v, int at, vf *m, vi *pos) {
  const vi more = v > *m;
  *m = (vf)(((vi)v & more) | ((vi)*m & ~more));
  *pos = (at & more) | (*pos & ~more);
}

// The pool epilogue for `lanes` channels' 2×2 blocks (a, b / c, d, one lane per channel),
// channel k's result at pool->y[at + k·stride]: dl_pool_window's arithmetic, in vectors
// (the same comparisons, so the same first of equal values and NaN), then stored lane by lane.
INLINE void pool_blocks(vf a, vf b, vf c, vf d, int lanes, const DLPoolEpilogue *pool, long at,
                        long stride) {
  vf m = a;
  vi pos = (vi){0};
  take_larger(b, 1, &m, &pos);
  take_larger(c, 2, &m, &pos);
  take_larger(d, 3, &m, &pos);
  const vf r = (vf)((vi)m & ~(m < 0));  // max(m, 0); NaN stays NaN
  int keep[W];  // dropout's mask, -1 where kept
  for (int k = 0; k < W; k++)
    keep[k] = k < lanes && (pool->keep == NULL || pool->keep[at + k * stride]) ? -1 : 0;
  vi kept;
  memcpy(&kept, keep, sizeof kept);
  const vi passes = kept & (r > 0);
  float y[W];
  int route[W];
  store(y, (vf)((vi)(r * pool->scale) & kept));
  const vi routes = (pos & passes) | (4 & ~passes);
  memcpy(route, &routes, sizeof route);
  for (int k = 0; k < lanes; k++) {
    pool->y[at + k * stride] = y[k];
    pool->route[at + k * stride] = (uint8_t)route[k];
  }
}

// With `pool`, each 2×2 block goes through the pool epilogue (Winograd.h) instead of into y.
INLINE void forward_tiles(const float *xt, int C, int Hp, int Wp, int th, int tw, const float *ut,
                          int O, const float *bias, float *y, const DLPoolEpilogue *pool, long n0,
                          long n1, const int M) {
  const int N = M + 4, P = N * N, TBm = chunk_tiles(M);
  const int C16 = round_up(C, 16), O16 = round_up(O, 16), T = th * tw, Wo = M * tw;
  const long outPlane = (long)M * M * T;
  const int half = M / 2, pooledWidth = half * tw;  // pool windows per tile row; per pooled row
  const long pooledPlane = (long)half * half * T;
  float *v = thread_scratch((long)P * TBm * (C16 + O16)), *prod = v + (long)P * TBm * C16;
  for (long c0 = n0; c0 < n1; c0 += TBm) {
    const int count = n1 - c0 < TBm ? (int)(n1 - c0) : TBm;
    // V[ξ][t][c] = (Bᵀ d B)[ξ]; tiles past the count repeat the last one (results dropped).
    for (int t = 0; t < TBm; t++) {
      const float *patch = xt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, Hp, Wp, C16, M);
      for (int c = 0; c < C16; c += W) {
        vf d[8][8], r[8][8], out[8];
        for (int j = 0; j < N; j++)
          for (int q = 0; q < N; q++) d[j][q] = load(patch + ((long)j * Wp + q) * C16 + c);
        for (int j = 0; j < N; j++) bt_apply(d[j], 1, r[j], M);  // along each row: r[j][i] = Σ_q Bᵀ[i][q] d[j][q]
        for (int i = 0; i < N; i++) {
          bt_apply(&r[0][i], 8, out, M);  // down each column: V[l][i] = Σ_j Bᵀ[l][j] r[j][i]
          for (int l = 0; l < N; l++) store(v + ((long)(l * N + i) * TBm + t) * C16 + c, out[l]);
        }
      }
    }
    products(ut, C, O16, v, C16, prod, P, TBm);
    // y = Aᵀ m A + bias, W output channels at a time, written back channels first.
    for (int t = 0; t < count; t++) {
      const long n = c0 + t, sample = n / T;
      const int ty = (int)(n % T) / tw, tx = (int)(n % T) % tw;
      float *yt = pool ? NULL : y + tile_offset(n, T, tw, O * M * th, Wo, 1, M);
      for (int o = 0; o < O; o += W) {
        vf s[8][4], out[4][4];  // s[l][q] = Σ_i m[l][i] Aᵀ[q][i]; out[p][q] = Σ_l Aᵀ[p][l] s[l][q]
        for (int l = 0; l < N; l++) {
          vf m[8];
          for (int i = 0; i < N; i++) m[i] = load(prod + ((long)(l * N + i) * TBm + t) * O16 + o);
          at_apply(m, 1, s[l], M);
        }
        const int lanes = O - o < W ? O - o : W;
        float biases[W] = {0};
        if (bias) memcpy(biases, bias + o, sizeof(float) * lanes);
        const vf bv = load(biases);
        for (int q = 0; q < M; q++) {
          vf column[4];
          at_apply(&s[0][q], 4, column, M);
          for (int p = 0; p < M; p++) out[p][q] = column[p] + bv;
        }
        if (pool) {  // the tile's half × half pool windows, each 2×2
          for (int wy = 0; wy < half; wy++)
            for (int wx = 0; wx < half; wx++) {
              const long at = (sample * O + o) * pooledPlane + (long)(ty * half + wy) * pooledWidth + tx * half + wx;
              pool_blocks(out[2 * wy][2 * wx], out[2 * wy][2 * wx + 1], out[2 * wy + 1][2 * wx],
                          out[2 * wy + 1][2 * wx + 1], lanes, pool, at, pooledPlane);
            }
          continue;
        }
        float values[4][4][W];
        for (int p = 0; p < M; p++)
          for (int q = 0; q < M; q++) store(values[p][q], out[p][q]);
        for (int k = 0; k < lanes; k++) {
          float *dst = yt + (o + k) * outPlane;
          for (int p = 0; p < M; p++)
            for (int q = 0; q < M; q++) dst[p * Wo + q] = values[p][q][k];
        }
      }
    }
  }
}

TARGET void NAME(wino_forward)(const float *xt, int C, int Hp, int Wp, int th, int tw, int m,
                               const float *ut, int O, const float *bias, float *y,
                               const DLPoolEpilogue *pool, long n0, long n1) {
  if (m == 4) forward_tiles(xt, C, Hp, Wp, th, tw, ut, O, bias, y, pool, n0, n1, 4);
  else forward_tiles(xt, C, Hp, Wp, th, tw, ut, O, bias, y, pool, n0, n1, 2);
}

INLINE void input_gradient_tiles(const float *dyt, int O, int ldo, int th, int tw, const float *u,
                                 int C, int H, int Wd, int pad, float *dx, int s0, int s1, const int M) {
  const int N = M + 4, P = N * N, TBm = chunk_tiles(M);
  const int O16 = round_up(O, 16), C16 = round_up(C, 16), T = th * tw;
  const int Hp = H + 2 * pad, Wp = Wd + 2 * pad, Wo = M * tw;
  const long plane = (long)Hp * Wp * C16;  // one sample of dxt
  float *d = thread_scratch((long)P * TBm * (O16 + C16) + (s1 - s0) * plane);
  float *prod = d + (long)P * TBm * O16, *dxt = prod + (long)P * TBm * C16;
  // The samples' dx builds up channels last in dxt (padded), then goes out channels first.
  // A chunk's tiles may come from several of these samples.
  memset(dxt, 0, sizeof(float) * (s1 - s0) * plane);
  const long n1 = (long)s1 * T;
  for (long c0 = (long)s0 * T; c0 < n1; c0 += TBm) {
    const int count = n1 - c0 < TBm ? (int)(n1 - c0) : TBm;
    // D[ξ][t][o] = (A g Aᵀ)[ξ] for the M×M tile g of dy; tiles past the count repeat the last.
    for (int t = 0; t < TBm; t++) {
      const float *g = dyt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, M * th, Wo, ldo, M);
      for (int o = 0; o < O16; o += W) {
        vf rows[4][8], tile[4], out[8];  // A along each row of the tile, then down each column
        for (int p = 0; p < M; p++) {
          for (int q = 0; q < M; q++) tile[q] = load(g + ((long)p * Wo + q) * ldo + o);
          a_apply(tile, 1, rows[p], M);
        }
        for (int i = 0; i < N; i++) {
          a_apply(&rows[0][i], 8, out, M);
          for (int l = 0; l < N; l++) store(d + ((long)(l * N + i) * TBm + t) * O16 + o, out[l]);
        }
      }
    }
    products(u, O, C16, d, O16, prod, P, TBm);
    // dx patch += B E Bᵀ; neighbouring tiles' patches overlap, so one tile at a time.
    for (int t = 0; t < count; t++) {
      float *patch = dxt + tile_offset(c0 + t - (long)s0 * T, T, tw, Hp, Wp, C16, M);  // dxt starts at s0
      for (int c = 0; c < C16; c += W) {
        vf e[8][8], f[8][8], out[8];
        for (int l = 0; l < N; l++)
          for (int i = 0; i < N; i++) e[l][i] = load(prod + ((long)(l * N + i) * TBm + t) * C16 + c);
        for (int i = 0; i < N; i++) {
          b_apply(&e[0][i], 8, out, M);  // f[j][i] = Σ_l Bᵀ[l][j] e[l][i]
          for (int j = 0; j < N; j++) f[j][i] = out[j];
        }
        for (int j = 0; j < N; j++) {
          b_apply(f[j], 1, out, M);  // patch[j][q] = Σ_i f[j][i] Bᵀ[i][q]
          for (int q = 0; q < N; q++) {
            float *p = patch + ((long)j * Wp + q) * C16 + c;
            store(p, load(p) + out[q]);
          }
        }
      }
    }
  }
  // Back to channels first, without the padding: row r of every channel at once, a transpose
  // of Wd positions × C channels (a strided copy, one value at a time, was 13% of this kernel).
  for (int sample = s0; sample < s1; sample++) {
    const float *dxs = dxt + (sample - s0) * plane;
    for (int r = 0; r < H; r++)
      dl_transpose(dxs + ((long)(r + pad) * Wp + pad) * C16, Wd, C, C16,
                   dx + ((long)sample * C * H + r) * Wd, (long)H * Wd);
  }
}

TARGET void NAME(wino_input_gradient)(const float *dyt, int O, int ldo, int th, int tw, int m,
                                      const float *u, int C, int H, int Wd, int pad, float *dx,
                                      int s0, int s1) {
  if (m == 4) input_gradient_tiles(dyt, O, ldo, th, tw, u, C, H, Wd, pad, dx, s0, s1, 4);
  else input_gradient_tiles(dyt, O, ldo, th, tw, u, C, H, Wd, pad, dx, s0, s1, 2);
}

#undef vf
#undef vi
#undef INLINE
#undef load
#undef store
#undef bt_apply
#undef b_apply
#undef at_apply
#undef a_apply
#undef weights
#undef weights_for
#undef forward_tiles
#undef input_gradient_tiles
#undef block
#undef products
#undef pool_blocks
#undef take_larger

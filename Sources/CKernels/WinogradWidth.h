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
#define bt6 NAME(bt6)
#define b6 NAME(b6)
#define a6 NAME(a6)
#define weights NAME(weights)
#define block NAME(block)
#define products NAME(products)
#define pool_blocks NAME(pool_blocks)
#define take_larger NAME(take_larger)

INLINE vf load(const float *p) { vf v; memcpy(&v, p, sizeof v); return v; }
INLINE void store(float *p, vf v) { memcpy(p, &v, sizeof v); }

// out[l] = Σ_j Bᵀ[l][j] d[j], reading d[j] at d + j·stride.
INLINE void bt6(const vf *d, int stride, vf out[6]) {
  const vf d0 = d[0], d1 = d[stride], d2 = d[2 * stride], d3 = d[3 * stride], d4 = d[4 * stride], d5 = d[5 * stride];
  out[0] = 4 * d0 - 5 * d2 + d4;
  out[1] = -4 * (d1 + d2) + d3 + d4;
  out[2] = 4 * (d1 - d2) - d3 + d4;
  out[3] = 2 * (d3 - d1) - d2 + d4;
  out[4] = 2 * (d1 - d3) - d2 + d4;
  out[5] = 4 * d1 - 5 * d3 + d5;
}

// out[j] = Σ_l Bᵀ[l][j] e[l] (the transpose), reading e[l] at e + l·stride.
INLINE void b6(const vf *e, int stride, vf out[6]) {
  const vf e0 = e[0], e1 = e[stride], e2 = e[2 * stride], e3 = e[3 * stride], e4 = e[4 * stride], e5 = e[5 * stride];
  out[0] = 4 * e0;
  out[1] = 4 * (e2 - e1 + e5) + 2 * (e4 - e3);
  out[2] = -5 * e0 - 4 * (e1 + e2) - e3 - e4;
  out[3] = e1 - e2 + 2 * (e3 - e4) - 5 * e5;
  out[4] = e0 + e1 + e2 + e3 + e4;
  out[5] = e5;
}

// out[i] = (A u)[i] for a 2-vector u: u0, u0+u1, u0−u1, u0+2u1, u0−2u1, u1.
INLINE void a6(vf u0, vf u1, vf out[6]) {
  out[0] = u0, out[1] = u0 + u1, out[2] = u0 - u1, out[3] = u0 + 2 * u1, out[4] = u0 - 2 * u1, out[5] = u1;
}

// U = G w Gᵀ for W (o, c) pairs at once, lane j reading w at g + j·25.
INLINE void weights(const float *g, vf out[36]) {
  vf w[25], tmp[6][5];  // G w
  for (int k = 0; k < 25; k++)
    for (int j = 0; j < W; j++) w[k][j] = g[j * 25 + k];
#pragma clang loop unroll(full)
  for (int l = 0; l < 6; l++)
#pragma clang loop unroll(full)
    for (int q = 0; q < 5; q++) {
      vf s = {0};
#pragma clang loop unroll(full)
      for (int k = 0; k < 5; k++) s += G[l][k] * w[k * 5 + q];
      tmp[l][q] = s;
    }
#pragma clang loop unroll(full)
  for (int l = 0; l < 6; l++)
#pragma clang loop unroll(full)
    for (int i = 0; i < 6; i++) {
      vf s = {0};
#pragma clang loop unroll(full)
      for (int q = 0; q < 5; q++) s += tmp[l][q] * G[i][q];
      out[l * 6 + i] = s;
    }
}

TARGET void NAME(wino_weights)(const float *w, int O, int C, int o0, int o1, float *ut, float *u) {
  const int O16 = round_up(O, 16), C16 = round_up(C, 16);
  for (int xi = 0; xi < 36; xi++) {
    for (int o = o0; o < o1; o++) memset(u + ((long)xi * O + o) * C16 + C, 0, sizeof(float) * (C16 - C));
    if (o1 == O)
      for (int c = 0; c < C; c++) memset(ut + ((long)xi * C + c) * O16 + O, 0, sizeof(float) * (O16 - O));
  }
  // u: lanes over input channels, W at a time (a last, partial group reads channels c0 .. C − 1
  // only), so each of the 36 rows is stored in one piece.
  for (int o = o0; o < o1; o++)
    for (int c0 = 0; c0 < C; c0 += W) {
      const int lanes = C - c0 < W ? C - c0 : W;
      float g[W * 25] = {0};
      memcpy(g, w + ((long)o * C + c0) * 25, sizeof(float) * 25 * lanes);
      vf out[36];
      weights(g, out);
      for (int xi = 0; xi < 36; xi++)
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
      vf out[36];
      weights(g, out);
      for (int xi = 0; xi < 36; xi++)
        memcpy(ut + ((long)xi * C + c) * O16 + oa, &out[xi], sizeof(float) * lanes);
    }
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

// out[ξ][t][m] = Σ_{k<K} in[ξ][t][k] · w[ξ][k][m] for the chunk's TB tiles (in rows `stride`
// floats apart; w and out rows M floats, M a multiple of 16). w[ξ] and in[ξ] (a few KB each)
// stay in L1.
INLINE void products(const float *w, int K, int M, const float *in, int stride, float *out) {
  for (int xi = 0; xi < 36; xi++) {
    const float *wx = w + (long)xi * K * M, *ix = in + (long)xi * TB * stride;
    float *ox = out + (long)xi * TB * M;
    const int mWide = M / (2 * W) * (2 * W);
    for (int t0 = 0; t0 < TB; t0 += 6)
      for (int m0 = 0; m0 < mWide; m0 += 2 * W)
        block(wx, K, M, m0, ix + (long)t0 * stride, stride, ox + (long)t0 * M, 2, 6);
    if (mWide < M)  // the last W columns (AVX-512, M an odd multiple of 16)
      for (int t0 = 0; t0 < TB; t0 += 12)
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
TARGET void NAME(wino_forward)(const float *xt, int C, int Hp, int Wp, int th, int tw,
                               const float *ut, int O, const float *bias, float *y,
                               const DLPoolEpilogue *pool, long n0, long n1) {
  const int C16 = round_up(C, 16), O16 = round_up(O, 16), T = th * tw, Wo = 2 * tw;
  const long outPlane = 4L * T;
  float *v = thread_scratch(36L * TB * (C16 + O16)), *prod = v + 36L * TB * C16;
  for (long c0 = n0; c0 < n1; c0 += TB) {
    const int count = n1 - c0 < TB ? (int)(n1 - c0) : TB;
    // V[ξ][t][c] = (Bᵀ d B)[ξ]; tiles past the count repeat the last one (results dropped).
    for (int t = 0; t < TB; t++) {
      const float *patch = xt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, Hp, Wp, C16);
      for (int c = 0; c < C16; c += W) {
        vf d[6][6], r[6][6], out[6];
        for (int j = 0; j < 6; j++)
          for (int q = 0; q < 6; q++) d[j][q] = load(patch + ((long)j * Wp + q) * C16 + c);
        for (int j = 0; j < 6; j++) bt6(d[j], 1, r[j]);  // along each row: r[j][i] = Σ_q Bᵀ[i][q] d[j][q]
        for (int i = 0; i < 6; i++) {
          bt6(&r[0][i], 6, out);  // down each column: V[l][i] = Σ_j Bᵀ[l][j] r[j][i]
          for (int l = 0; l < 6; l++) store(v + ((long)(l * 6 + i) * TB + t) * C16 + c, out[l]);
        }
      }
    }
    products(ut, C, O16, v, C16, prod);
    // y = Aᵀ m A + bias, W output channels at a time, written back channels first.
    for (int t = 0; t < count; t++) {
      float *yt = pool ? NULL : y + tile_offset(c0 + t, T, tw, O * 2 * th, Wo, 1);
      const long pooled = (c0 + t) / T * O * T + (c0 + t) % T;  // (sample, o = 0, t) in pool->y
      for (int o = 0; o < O; o += W) {
        vf s[6][2];  // s[l][q] = Σ_i m[l][i] Aᵀ[q][i]
        for (int l = 0; l < 6; l++) {
          vf m[6];
          for (int i = 0; i < 6; i++) m[i] = load(prod + ((long)(l * 6 + i) * TB + t) * O16 + o);
          s[l][0] = m[0] + m[1] + m[2] + m[3] + m[4];
          s[l][1] = m[1] - m[2] + 2 * (m[3] - m[4]) + m[5];
        }
        const int lanes = O - o < W ? O - o : W;
        float biases[W] = {0};
        if (bias) memcpy(biases, bias + o, sizeof(float) * lanes);
        const vf bv = load(biases);
        vf top[2], bottom[2];  // the tile's two output rows
        for (int q = 0; q < 2; q++) {
          top[q] = s[0][q] + s[1][q] + s[2][q] + s[3][q] + s[4][q] + bv;
          bottom[q] = s[1][q] - s[2][q] + 2 * (s[3][q] - s[4][q]) + s[5][q] + bv;
        }
        if (pool) {
          pool_blocks(top[0], top[1], bottom[0], bottom[1], lanes, pool, pooled + (long)o * T, T);
          continue;
        }
        float out[2][2][W];
        for (int q = 0; q < 2; q++) store(out[0][q], top[q]), store(out[1][q], bottom[q]);
        for (int k = 0; k < lanes; k++) {
          float *dst = yt + (o + k) * outPlane;
          dst[0] = out[0][0][k], dst[1] = out[0][1][k], dst[Wo] = out[1][0][k], dst[Wo + 1] = out[1][1][k];
        }
      }
    }
  }
}

TARGET void NAME(wino_input_gradient)(const float *dyt, int O, int ldo, int th, int tw, const float *u,
                                      int C, int H, int Wd, int pad, float *dx, int s0, int s1) {
  const int O16 = round_up(O, 16), C16 = round_up(C, 16), T = th * tw;
  const int Hp = H + 2 * pad, Wp = Wd + 2 * pad, Wo = 2 * tw;
  const long plane = (long)Hp * Wp * C16;  // one sample of dxt
  float *d = thread_scratch(36L * TB * (O16 + C16) + (s1 - s0) * plane);
  float *prod = d + 36L * TB * O16, *dxt = prod + 36L * TB * C16;
  // The samples' dx builds up channels last in dxt (padded), then goes out channels first.
  // A chunk's tiles may come from several of these samples.
  memset(dxt, 0, sizeof(float) * (s1 - s0) * plane);
  const long n1 = (long)s1 * T;
  for (long c0 = (long)s0 * T; c0 < n1; c0 += TB) {
    const int count = n1 - c0 < TB ? (int)(n1 - c0) : TB;
    // D[ξ][t][o] = (A g Aᵀ)[ξ] for the 2×2 tile g of dy; tiles past the count repeat the last.
    for (int t = 0; t < TB; t++) {
      const float *g = dyt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, 2 * th, Wo, ldo);
      for (int o = 0; o < O16; o += W) {
        vf h0[6], h1[6], out[6];  // A along each row of the tile
        a6(load(g + o), load(g + ldo + o), h0);
        a6(load(g + (long)Wo * ldo + o), load(g + ((long)Wo + 1) * ldo + o), h1);
        for (int i = 0; i < 6; i++) {
          a6(h0[i], h1[i], out);  // then down each column
          for (int l = 0; l < 6; l++) store(d + ((long)(l * 6 + i) * TB + t) * O16 + o, out[l]);
        }
      }
    }
    products(u, O, C16, d, O16, prod);
    // dx patch += B E Bᵀ; neighbouring tiles' patches overlap, so one tile at a time.
    for (int t = 0; t < count; t++) {
      float *patch = dxt + tile_offset(c0 + t - (long)s0 * T, T, tw, Hp, Wp, C16);  // dxt starts at s0
      for (int c = 0; c < C16; c += W) {
        vf e[6][6], f[6][6], out[6];
        for (int l = 0; l < 6; l++)
          for (int i = 0; i < 6; i++) e[l][i] = load(prod + ((long)(l * 6 + i) * TB + t) * C16 + c);
        for (int i = 0; i < 6; i++) {
          b6(&e[0][i], 6, out);  // f[j][i] = Σ_l Bᵀ[l][j] e[l][i]
          for (int j = 0; j < 6; j++) f[j][i] = out[j];
        }
        for (int j = 0; j < 6; j++) {
          b6(f[j], 1, out);  // patch[j][q] = Σ_i f[j][i] Bᵀ[i][q]
          for (int q = 0; q < 6; q++) {
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

#undef vf
#undef vi
#undef INLINE
#undef load
#undef store
#undef bt6
#undef b6
#undef a6
#undef weights
#undef block
#undef products
#undef pool_blocks
#undef take_larger

// Winograd F(2×2, 5×5) (see Winograd.h for the formulas and layouts).
//
// Everything runs channels last, 8 channels to a vector: a tile's 6×6 patch is 36 vector
// loads, its transforms are vector arithmetic, and the 36 products per chunk of TB tiles are
// small GEMMs whose rows are tiles and whose columns are channels. A chunk's transformed data
// (36 × TB × channels, 100–200 KB) stays in the core's cache from transform to product to
// inverse transform.
#include "Winograd.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
// DigitKit calls these only where dl_gather_available() says AVX2 and FMA are there.
#define VECTOR __attribute__((target("avx2,fma")))
#else
#define VECTOR
#endif
#define INLINE static inline __attribute__((always_inline)) VECTOR

typedef float v8 __attribute__((vector_size(32)));

// Tiles per chunk: 4 blocks of the products' 6 rows.
enum { TB = 24 };

INLINE v8 load8(const float *p) { v8 v; memcpy(&v, p, sizeof v); return v; }
INLINE void store8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

// Interpolation points 0, 1, −1, 2, −2, ∞ (derived by solving Aᵀ[(G w) ⊙ (Bᵀ d)] = w ⋆ d).
// Bᵀ (6×6) and Aᵀ (2×6) are written out below; G (6×5) is:
static const float G[6][5] = {
  {1.0f / 4, 0, 0, 0, 0},
  {-1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6, -1.0f / 6},
  {-1.0f / 6, 1.0f / 6, -1.0f / 6, 1.0f / 6, -1.0f / 6},
  {1.0f / 24, 1.0f / 12, 1.0f / 6, 1.0f / 3, 2.0f / 3},
  {1.0f / 24, -1.0f / 12, 1.0f / 6, -1.0f / 3, 2.0f / 3},
  {0, 0, 0, 0, 1},
};

// out[l] = Σ_j Bᵀ[l][j] d[j], reading d[j] at d + j·stride.
INLINE void bt(const v8 *d, int stride, v8 out[6]) {
  const v8 d0 = d[0], d1 = d[stride], d2 = d[2 * stride], d3 = d[3 * stride], d4 = d[4 * stride], d5 = d[5 * stride];
  out[0] = 4 * d0 - 5 * d2 + d4;
  out[1] = -4 * (d1 + d2) + d3 + d4;
  out[2] = 4 * (d1 - d2) - d3 + d4;
  out[3] = 2 * (d3 - d1) - d2 + d4;
  out[4] = 2 * (d1 - d3) - d2 + d4;
  out[5] = 4 * d1 - 5 * d3 + d5;
}

// out[j] = Σ_l Bᵀ[l][j] e[l] (the transpose), reading e[l] at e + l·stride.
INLINE void b(const v8 *e, int stride, v8 out[6]) {
  const v8 e0 = e[0], e1 = e[stride], e2 = e[2 * stride], e3 = e[3 * stride], e4 = e[4 * stride], e5 = e[5 * stride];
  out[0] = 4 * e0;
  out[1] = 4 * (e2 - e1 + e5) + 2 * (e4 - e3);
  out[2] = -5 * e0 - 4 * (e1 + e2) - e3 - e4;
  out[3] = e1 - e2 + 2 * (e3 - e4) - 5 * e5;
  out[4] = e0 + e1 + e2 + e3 + e4;
  out[5] = e5;
}

// out[i] = (A u)[i] for a 2-vector u: u0, u0+u1, u0−u1, u0+2u1, u0−2u1, u1.
INLINE void a(v8 u0, v8 u1, v8 out[6]) {
  out[0] = u0, out[1] = u0 + u1, out[2] = u0 - u1, out[3] = u0 + 2 * u1, out[4] = u0 - 2 * u1, out[5] = u1;
}

// Per-thread scratch, grown on demand and freed when the thread ends.
static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;
static _Thread_local float *scratch_floats;
static _Thread_local size_t scratch_capacity;
static void make_scratch_key(void) { pthread_key_create(&scratch_key, free); }

static float *thread_scratch(size_t count) {
  if (count > scratch_capacity) {
    pthread_once(&scratch_once, make_scratch_key);
    free(scratch_floats);
    scratch_floats = aligned_alloc(64, (count * sizeof(float) + 63) / 64 * 64);
    scratch_capacity = scratch_floats ? count : 0;
    pthread_setspecific(scratch_key, scratch_floats);
  }
  return scratch_floats;
}

static inline int round_up(int n, int m) { return (n + m - 1) / m * m; }

// U = G w Gᵀ for 8 (o, c) pairs at once, lane j reading w at g + j·25.
INLINE void weights8(const float *g, v8 out[36]) {
  v8 w[25], tmp[6][5];  // G w
  for (int k = 0; k < 25; k++)
    for (int j = 0; j < 8; j++) w[k][j] = g[j * 25 + k];
#pragma clang loop unroll(full)
  for (int l = 0; l < 6; l++)
#pragma clang loop unroll(full)
    for (int q = 0; q < 5; q++) {
      v8 s = {0};
#pragma clang loop unroll(full)
      for (int k = 0; k < 5; k++) s += G[l][k] * w[k * 5 + q];
      tmp[l][q] = s;
    }
#pragma clang loop unroll(full)
  for (int l = 0; l < 6; l++)
#pragma clang loop unroll(full)
    for (int i = 0; i < 6; i++) {
      v8 s = {0};
#pragma clang loop unroll(full)
      for (int q = 0; q < 5; q++) s += tmp[l][q] * G[i][q];
      out[l * 6 + i] = s;
    }
}

VECTOR void dl_wino_weights(const float *w, int O, int C, int o0, int o1, float *ut, float *u) {
  const int O16 = round_up(O, 16), C16 = round_up(C, 16);
  for (int xi = 0; xi < 36; xi++) {
    for (int o = o0; o < o1; o++) memset(u + ((long)xi * O + o) * C16 + C, 0, sizeof(float) * (C16 - C));
    if (o1 == O)
      for (int c = 0; c < C; c++) memset(ut + ((long)xi * C + c) * O16 + O, 0, sizeof(float) * (O16 - O));
  }
  for (int o = o0; o < o1; o++)
    for (int c0 = 0; c0 < C; c0 += 8) {
      // 8 input channels at a time; a last, partial group reads channels c0 .. C − 1 only.
      const int lanes = C - c0 < 8 ? C - c0 : 8;
      float g[8 * 25] = {0};
      memcpy(g, w + ((long)o * C + c0) * 25, sizeof(float) * 25 * lanes);
      v8 out[36];
      weights8(g, out);
      for (int xi = 0; xi < 36; xi++)
        for (int j = 0; j < lanes; j++) {
          ut[((long)xi * C + c0 + j) * O16 + o] = out[xi][j];
          u[((long)xi * O + o) * C16 + c0 + j] = out[xi][j];
        }
    }
}

VECTOR void dl_channels_last(const float *x, int C, int H, int W, int pad, float *xt) {
  const int C8 = round_up(C, 8), Hp = H + 2 * pad, Wp = W + 2 * pad;
  memset(xt, 0, sizeof(float) * Hp * Wp * C8);
  // Written in order, read across channels (one row of each channel, in L1): strided
  // stores stalled on the loads behind them.
  for (int r = 0; r < H; r++)
    for (int q = 0; q < W; q++) {
      float *dst = xt + ((long)(r + pad) * Wp + pad + q) * C8;
      for (int c = 0; c < C; c++) dst[c] = x[((long)c * H + r) * W + q];
    }
}

// out[ξ][t][m] = Σ_{k<K} in[ξ][t][k] · w[ξ][k][m] for the chunk's TB tiles (in rows `stride`
// floats apart; w and out rows M floats, M a multiple of 16). Each step keeps a 6-tile ×
// 16-channel block in 12 vector registers: per k, 2 vector loads, 6 broadcasts, 12 multiply-adds.
// w[ξ] and in[ξ] (a few KB each) stay in L1.
INLINE void products(const float *w, int K, int M, const float *in, int stride, float *out) {
  for (int xi = 0; xi < 36; xi++) {
    const float *wx = w + (long)xi * K * M, *ix = in + (long)xi * TB * stride;
    float *ox = out + (long)xi * TB * M;
    for (int t0 = 0; t0 < TB; t0 += 6)
      for (int m0 = 0; m0 < M; m0 += 16) {
        v8 acc[6][2] = {{0}};
        const float *row = ix + (long)t0 * stride;
        for (int k = 0; k < K; k++) {
          const v8 w0 = load8(wx + (long)k * M + m0), w1 = load8(wx + (long)k * M + m0 + 8);
          for (int r = 0; r < 6; r++) {
            const float s = row[r * stride + k];
            acc[r][0] += s * w0;
            acc[r][1] += s * w1;
          }
        }
        for (int r = 0; r < 6; r++) {
          store8(ox + (long)(t0 + r) * M + m0, acc[r][0]);
          store8(ox + (long)(t0 + r) * M + m0 + 8, acc[r][1]);
        }
      }
  }
}

// Where tile n = sample·T + ty·tw + tx starts, at (2ty, 2tx), in samples of `rows` rows of
// `width` positions of `channels` floats each: channels last, or channels first with
// channels = 1 and rows = O·(rows of a plane).
INLINE long tile_offset(long n, int T, int tw, int rows, int width, int channels) {
  const long sample = n / T;
  const int t = (int)(n % T), ty = t / tw, tx = t % tw;
  return ((sample * rows + 2 * ty) * width + 2 * tx) * (long)channels;
}

VECTOR void dl_wino_forward(const float *xt, int C, int Hp, int Wp, int th, int tw,
                            const float *ut, int O, const float *bias, float *y, long n0, long n1) {
  const int C8 = round_up(C, 8), O16 = round_up(O, 16), T = th * tw, Wo = 2 * tw;
  const long outPlane = 4L * T;
  float *v = thread_scratch(36L * TB * (C8 + O16)), *prod = v + 36L * TB * C8;
  for (long c0 = n0; c0 < n1; c0 += TB) {
    const int count = n1 - c0 < TB ? (int)(n1 - c0) : TB;
    // V[ξ][t][c] = (Bᵀ d B)[ξ]; tiles past the count repeat the last one (results dropped).
    for (int t = 0; t < TB; t++) {
      const float *patch = xt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, Hp, Wp, C8);
      for (int c = 0; c < C8; c += 8) {
        v8 d[6][6], r[6][6], out[6];
        for (int j = 0; j < 6; j++)
          for (int q = 0; q < 6; q++) d[j][q] = load8(patch + ((long)j * Wp + q) * C8 + c);
        for (int j = 0; j < 6; j++) bt(d[j], 1, r[j]);  // along each row: r[j][i] = Σ_q Bᵀ[i][q] d[j][q]
        for (int i = 0; i < 6; i++) {
          bt(&r[0][i], 6, out);  // down each column: V[l][i] = Σ_j Bᵀ[l][j] r[j][i]
          for (int l = 0; l < 6; l++) store8(v + ((long)(l * 6 + i) * TB + t) * C8 + c, out[l]);
        }
      }
    }
    products(ut, C, O16, v, C8, prod);
    // y = Aᵀ m A + bias, 8 output channels at a time, written back channels first.
    for (int t = 0; t < count; t++) {
      float *yt = y + tile_offset(c0 + t, T, tw, O * 2 * th, Wo, 1);
      for (int o = 0; o < O; o += 8) {
        v8 s[6][2];  // s[l][q] = Σ_i m[l][i] Aᵀ[q][i]
        for (int l = 0; l < 6; l++) {
          v8 m[6];
          for (int i = 0; i < 6; i++) m[i] = load8(prod + ((long)(l * 6 + i) * TB + t) * O16 + o);
          s[l][0] = m[0] + m[1] + m[2] + m[3] + m[4];
          s[l][1] = m[1] - m[2] + 2 * (m[3] - m[4]) + m[5];
        }
        const int lanes = O - o < 8 ? O - o : 8;
        float biases[8] = {0};
        if (bias) memcpy(biases, bias + o, sizeof(float) * lanes);
        const v8 bv = load8(biases);
        float out[2][2][8];
        for (int q = 0; q < 2; q++) {
          store8(out[0][q], s[0][q] + s[1][q] + s[2][q] + s[3][q] + s[4][q] + bv);
          store8(out[1][q], s[1][q] - s[2][q] + 2 * (s[3][q] - s[4][q]) + s[5][q] + bv);
        }
        for (int k = 0; k < lanes; k++) {
          float *dst = yt + (o + k) * outPlane;
          dst[0] = out[0][0][k], dst[1] = out[0][1][k], dst[Wo] = out[1][0][k], dst[Wo + 1] = out[1][1][k];
        }
      }
    }
  }
}

VECTOR void dl_wino_input_gradient(const float *dyt, int O, int ldo, int th, int tw, const float *u,
                                   int C, int H, int W, int pad, float *dx, int s0, int s1) {
  const int O8 = round_up(O, 8), C8 = round_up(C, 8), C16 = round_up(C, 16), T = th * tw;
  const int Hp = H + 2 * pad, Wp = W + 2 * pad, Wo = 2 * tw;
  const long plane = (long)Hp * Wp * C8;  // one sample of dxt
  float *d = thread_scratch(36L * TB * (O8 + C16) + (s1 - s0) * plane);
  float *prod = d + 36L * TB * O8, *dxt = prod + 36L * TB * C16;
  // The samples' dx builds up channels last in dxt (padded), then goes out channels first.
  // A chunk's tiles may come from several of these samples.
  memset(dxt, 0, sizeof(float) * (s1 - s0) * plane);
  const long n1 = (long)s1 * T;
  for (long c0 = (long)s0 * T; c0 < n1; c0 += TB) {
    const int count = n1 - c0 < TB ? (int)(n1 - c0) : TB;
    // D[ξ][t][o] = (A g Aᵀ)[ξ] for the 2×2 tile g of dy; tiles past the count repeat the last.
    for (int t = 0; t < TB; t++) {
      const float *g = dyt + tile_offset(c0 + (t < count ? t : count - 1), T, tw, 2 * th, Wo, ldo);
      for (int o = 0; o < O8; o += 8) {
        v8 h0[6], h1[6], out[6];  // A along each row of the tile
        a(load8(g + o), load8(g + ldo + o), h0);
        a(load8(g + (long)Wo * ldo + o), load8(g + ((long)Wo + 1) * ldo + o), h1);
        for (int i = 0; i < 6; i++) {
          a(h0[i], h1[i], out);  // then down each column
          for (int l = 0; l < 6; l++) store8(d + ((long)(l * 6 + i) * TB + t) * O8 + o, out[l]);
        }
      }
    }
    products(u, O, C16, d, O8, prod);
    // dx patch += B E Bᵀ; neighbouring tiles' patches overlap, so one tile at a time.
    for (int t = 0; t < count; t++) {
      float *patch = dxt + tile_offset(c0 + t - (long)s0 * T, T, tw, Hp, Wp, C8);  // dxt starts at s0
      for (int c = 0; c < C8; c += 8) {
        v8 e[6][6], f[6][6], out[6];
        for (int l = 0; l < 6; l++)
          for (int i = 0; i < 6; i++) e[l][i] = load8(prod + ((long)(l * 6 + i) * TB + t) * C16 + c);
        for (int i = 0; i < 6; i++) {
          b(&e[0][i], 6, out);  // f[j][i] = Σ_l Bᵀ[l][j] e[l][i]
          for (int j = 0; j < 6; j++) f[j][i] = out[j];
        }
        for (int j = 0; j < 6; j++) {
          b(f[j], 1, out);  // patch[j][q] = Σ_i f[j][i] Bᵀ[i][q]
          for (int q = 0; q < 6; q++) {
            float *p = patch + ((long)j * Wp + q) * C8 + c;
            store8(p, load8(p) + out[q]);
          }
        }
      }
    }
  }
  // Back to channels first, without the padding.
  for (int sample = s0; sample < s1; sample++) {
    const float *dxs = dxt + (sample - s0) * plane;
    for (int c = 0; c < C; c++)
      for (int r = 0; r < H; r++) {
        const float *src = dxs + ((long)(r + pad) * Wp + pad) * C8 + c;
        float *dst = dx + (((long)sample * C + c) * H + r) * W;
        for (int q = 0; q < W; q++) dst[q] = src[(long)q * C8];
      }
  }
}

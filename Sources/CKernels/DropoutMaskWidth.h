// The dropout mask at one vector width (see DropoutMask.c and EachWidth.h): W / 2 generators,
// one per 64-bit lane, each drawing its own block of 4,096 values.

typedef uint64_t NAME(vu) __attribute__((vector_size(4 * W)));
typedef uint8_t NAME(vb) __attribute__((vector_size(W / 2)));

// Blocks first ..< end, W / 2 at a time; exactly one of fmask (values `kept` or 0) and bmask
// (1 or 0) is non-null.
TARGET static void NAME(dropout_mask)(uint64_t seed, long count, long first, long end,
                                      uint64_t threshold, float kept, float *fmask,
                                      uint8_t *bmask) {
  typedef NAME(vu) vu;
  enum { L = W / 2 };
  for (long b0 = first; b0 < end; b0 += L) {
    const int blocks = end - b0 < L ? (int)(end - b0) : L;
    vu s0, s1, s2, s3;
    for (int l = 0; l < L; l++) {  // lanes past `blocks` run a copy of the last block, unused
      uint64_t s[4];
      seed_state(seed + (uint64_t)(b0 + (l < blocks ? l : blocks - 1)), s);
      s0[l] = s[0], s1[l] = s[1], s2[l] = s[2], s3[l] = s[3];
    }
    for (int i0 = 0; i0 < BLOCK; i0 += STEP) {
      uint8_t keep[STEP][L];  // keep[i][l]: value i0 + i of block b0 + l
      for (int i = 0; i < STEP; i++) {
        const vu x = s1 * 5;
        const vu result = ((x << 7) | (x >> 57)) * 9;
        const vu t = s1 << 17;
        s2 ^= s0, s3 ^= s1, s1 ^= s2, s0 ^= s3, s2 ^= t;
        s3 = (s3 << 45) | (s3 >> 19);
        const NAME(vb) k = __builtin_convertvector((result >> 40) >= threshold, NAME(vb));
        memcpy(keep[i], &k, L);
      }
      for (int l = 0; l < blocks; l++) {
        const long at = (b0 + l) * BLOCK + i0;
        const int n = count - at < STEP ? (int)(count - at) : STEP;
        if (fmask)
          for (int i = 0; i < n; i++) fmask[at + i] = keep[i][l] ? kept : 0;
        else
          for (int i = 0; i < n; i++) bmask[at + i] = keep[i][l] & 1;
      }
    }
  }
}

// Which vector width the kernels (GatherGEMM.h, Winograd.h) run at, chosen at run time.
//
// One source per kernel, built twice on x86-64: 8 lanes (AVX2 + FMA) and 16 lanes
// (AVX-512 F/VL/BW/DQ + FMA). The widest the CPU runs is used, unless DIGITLAB_SIMD names
// avx2, avx512 or portable (0 lanes: DigitKit then uses im2col + BLAS, as on other CPUs).
#ifndef DIGITLAB_SIMD_LEVEL_H
#define DIGITLAB_SIMD_LEVEL_H

/// The width in use: 16 (AVX-512), 8 (AVX2 + FMA) or 0 (portable: no kernels).
/// The first call reads DIGITLAB_SIMD; an unknown value, or a width this CPU lacks, prints
/// one line on stderr and falls back to the best available.
int dl_simd_width(void);

/// The widest this CPU runs: 16, 8 or 0.
int dl_simd_best_width(void);

/// Uses `width` (0, 8 or 16) from now on, or the default (DIGITLAB_SIMD, else the best) for -1.
/// A width this CPU lacks gives the best available. Returns the width now in use.
/// Not for use while kernels run on other threads.
int dl_simd_set_width(int width);

/// The width dl_simd_set_width last set (as it was given, before any fallback), or -1 for none.
int dl_simd_forced_width(void);

#endif

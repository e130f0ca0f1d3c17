// Includes the kernel body named by WIDTH_BODY (a header written once for W lanes) three
// times: 16 lanes (AVX-512), 8 (AVX2 + FMA) on x86-64 with GCC or Clang, and 4 (no target
// attribute, so it compiles on any CPU). Each copy's functions get the suffix _w16, _w8 or
// _w4 through NAME(x). Defines X86_KERNELS when the x86 widths are built.
#define CAT_(x, w) x##_w##w
#define CAT(x, w) CAT_(x, w)
#define NAME(x) CAT(x, W)

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define X86_KERNELS 1
#define W 16
#define TARGET __attribute__((target("avx512f,avx512vl,avx512bw,avx512dq,avx2,fma")))
#include WIDTH_BODY
#undef W
#undef TARGET
#define W 8
#define TARGET __attribute__((target("avx2,fma")))
#include WIDTH_BODY
#undef W
#undef TARGET
#endif

#define W 4
#define TARGET
#include WIDTH_BODY
#undef W
#undef TARGET

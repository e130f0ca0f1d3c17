// The one BLAS switch: Accelerate on Apple platforms, OpenBLAS elsewhere.
#if defined(__APPLE__)
#define ACCELERATE_NEW_LAPACK
#include <Accelerate/Accelerate.h>
#else
#include <cblas.h>
#endif

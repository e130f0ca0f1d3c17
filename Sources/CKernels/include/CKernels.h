// DigitKit's C kernels: direct-convolution products and the worker pool.
#include "GatherGEMM.h"
#include "WorkerPool.h"

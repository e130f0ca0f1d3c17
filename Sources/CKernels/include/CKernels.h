// DigitKit's C kernels: direct-convolution products, Winograd transforms and the worker pool.
#include "GatherGEMM.h"
#include "Winograd.h"
#include "WorkerPool.h"

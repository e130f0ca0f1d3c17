// DigitKit's C kernels: direct-convolution products, Winograd transforms, fused pool → ReLU
// → dropout, the worker pool, and the vector width they run at.
#include "GatherGEMM.h"
#include "PoolReLU.h"
#include "SIMDLevel.h"
#include "DropoutMask.h"
#include "Winograd.h"
#include "WorkerPool.h"

#ifndef DIGITLAB_DROPOUT_MASK_H
#define DIGITLAB_DROPOUT_MASK_H

#include <stdint.h>

/// Dropout's keep mask for values [first·4096, min(count, end·4096)): blocks first ..< end of
/// 4,096 values, block b drawn by its own xoshiro256** generator seeded (through SplitMix64,
/// as DigitKit's SeededGenerator) with seed + b. Value i of a block is dropped when the top 24
/// bits of the generator's i-th draw are below `threshold` (⌈p·2²⁴⌉), else kept:
/// mask[i] = kept, or 0 when dropped. Several blocks are drawn at once, one per vector lane.
/// The float version writes `kept`; the byte version writes 1 (fused passes' masks).
void dl_dropout_mask_f32(uint64_t seed, long count, long first, long end, uint64_t threshold,
                         float kept, float *mask);
void dl_dropout_mask_u8(uint64_t seed, long count, long first, long end, uint64_t threshold,
                        uint8_t *mask);

#endif

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Cutting a physical memory range into the blocks that become the root
 * task's untyped capabilities at boot.
 *
 * seL4 hands out every usable byte of physical memory (RAM, and device space
 * up to 2^47) as untyped caps, each a naturally aligned power-of-two block of
 * 2^4 .. 2^47 bytes, and it cuts device and RAM ranges in the same way; this
 * is that cut, pure arithmetic, host-tested.
 */
#ifndef BOOT_UNTYPED_SPLIT_H
#define BOOT_UNTYPED_SPLIT_H

#include <stddef.h>
#include <stdint.h>

/* Smallest and largest untyped, log2 bytes (seL4_MinUntypedBits, seL4_MaxUntypedBits). */
#define UNTYPED_SPLIT_MIN_BITS 4u
#define UNTYPED_SPLIT_MAX_BITS 47u

/* A physical address range [start, end). Empty when start >= end. */
struct phys_range {
    uint64_t start, end;
};

/*
 * Splits r into maximal naturally aligned power-of-two blocks, ascending,
 * and calls emit(paddr, size_bits, ctx) for each; returns how many.
 *
 * Walking up from r.start, each block is as large as the rest of the range
 * allows, no larger than the alignment of its address (address 0 counts as
 * aligned to everything), and no larger than 2^47. Blocks smaller than 2^4
 * bytes are dropped, not emitted: so are the bytes before the first 16-byte
 * boundary and the bytes after the last one. This is the cut seL4 makes, so
 * the root task sees the same untyped list on devkernel.
 *
 * emit may be NULL to count the blocks without receiving them.
 */
size_t untyped_split(struct phys_range r, void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx),
                     void *ctx);

#endif /* BOOT_UNTYPED_SPLIT_H */

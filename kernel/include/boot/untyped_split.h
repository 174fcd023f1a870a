/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Cutting a physical memory range into the blocks that become the root
 * task's untyped capabilities at boot.
 *
 * seL4 hands out every usable byte of physical memory (RAM, and device space
 * up to 2^47) as untyped caps, each a power-of-two block of 2^4 .. 2^47
 * bytes. It cuts device and RAM ranges in the same way, but it measures a
 * block's alignment at the block's kernel window address (see
 * untyped_split_kernel_window), not at its physical address. This is that
 * cut, pure arithmetic, host-tested.
 */
#ifndef BOOT_UNTYPED_SPLIT_H
#define BOOT_UNTYPED_SPLIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Smallest and largest untyped, log2 bytes (seL4_MinUntypedBits, seL4_MaxUntypedBits). */
#define UNTYPED_SPLIT_MIN_BITS 4u
#define UNTYPED_SPLIT_MAX_BITS 47u

/*
 * Where physical address 0 appears in the kernel's window (PPTR_BASE in
 * memlayout.h): the window address of paddr is paddr + this, modulo 2^64, so
 * physical 2^39 is window address 0.
 */
#define UNTYPED_SPLIT_WINDOW_BASE 0xffffff8000000000ull

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
 * boundary and the bytes after the last one.
 *
 * emit may be NULL to count the blocks without receiving them.
 */
size_t untyped_split(struct phys_range r, void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx),
                     void *ctx);

/*
 * The cut seL4 makes at boot, for device memory and RAM alike: the same walk
 * as untyped_split, except that a block's alignment is that of its kernel
 * window address (paddr + UNTYPED_SPLIT_WINDOW_BASE, modulo 2^64). Below
 * 2^39 the two differ only at physical 0 (window address 2^64 - 2^39,
 * aligned to 2^39 at most); from 2^39 up, blocks are aligned relative to
 * 2^39 instead of 0. Emits physical addresses; returns how many blocks.
 */
size_t untyped_split_kernel_window(struct phys_range r,
                                   void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx), void *ctx);

/* True when a block of 2^size_bits at paddr is one seL4 would make at boot:
   4 <= size_bits <= 47 and its kernel window address aligned to its size. */
bool untyped_split_block_valid(uint64_t paddr, unsigned size_bits);

#endif /* BOOT_UNTYPED_SPLIT_H */

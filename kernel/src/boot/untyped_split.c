/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The untyped cut (see boot/untyped_split.h): a greedy walk that takes, at
 * each address, the largest block that is aligned there and still fits.
 * Greedy is optimal here: an aligned block of 2^k at a can never be replaced
 * by fewer blocks, and taking it leaves a + 2^k at least as aligned.
 *
 * The rules seL4 16.0.0 follows at boot when it turns memory into the root
 * task's untypeds, as read off its behaviour on x86_64:
 * - Every range is first moved into the kernel window (paddr + 2^64 - 2^39,
 *   wrapping past 2^64 for physical addresses from 2^39 up), and cut there.
 * - At each point, the block is the largest power of two not longer than what
 *   is left of the range, at most 2^47, and at most the alignment of the
 *   current window address, where window address 0 counts as aligned to
 *   anything. So device space above 2^39 comes out as 2^46 at 2^39, then
 *   2^45, 2^44, ... descending up to 2^47, not ascending from 2^39 as a
 *   physical cut would give; and physical 0 starts with at most 2^39.
 * - Blocks under 2^4 bytes are skipped, and the walk moves on past them.
 * - A block's recorded address is the physical one (window address minus the
 *   base). Both device gaps and free RAM go through the same walk; on this
 *   machine RAM lies below 2^39, where only address 0 cuts differently.
 */
#include <boot/untyped_split.h>

/* Index of the highest set bit; x != 0. */
static unsigned highest_bit(uint64_t x)
{
    return 63u - (unsigned)__builtin_clzll(x);
}

/* Index of the lowest set bit; x != 0. */
static unsigned lowest_bit(uint64_t x)
{
    return (unsigned)__builtin_ctzll(x);
}

/* The walk, with alignment measured at paddr + align_base (modulo 2^64). */
static size_t split_aligned_at(struct phys_range r, uint64_t align_base,
                               void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx), void *ctx)
{
    size_t count = 0;
    uint64_t at = r.start;

    /* Each step advances by 2^bits <= r.end - at, so `at` never passes r.end or wraps. */
    while (at < r.end) {
        unsigned bits = highest_bit(r.end - at);
        if (bits > UNTYPED_SPLIT_MAX_BITS) {
            bits = UNTYPED_SPLIT_MAX_BITS;
        }
        uint64_t aligned_address = at + align_base;
        if (aligned_address != 0 && lowest_bit(aligned_address) < bits) {
            bits = lowest_bit(aligned_address);
        }
        /* Too small to hold any object: seL4 drops it, and so do we. */
        if (bits >= UNTYPED_SPLIT_MIN_BITS) {
            if (emit != NULL) {
                emit(at, bits, ctx);
            }
            count++;
        }
        at += (uint64_t)1 << bits;
    }
    return count;
}

size_t untyped_split(struct phys_range r, void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx),
                     void *ctx)
{
    return split_aligned_at(r, 0, emit, ctx);
}

size_t untyped_split_kernel_window(struct phys_range r,
                                   void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx), void *ctx)
{
    return split_aligned_at(r, UNTYPED_SPLIT_WINDOW_BASE, emit, ctx);
}

bool untyped_split_block_valid(uint64_t paddr, unsigned size_bits)
{
    if (size_bits < UNTYPED_SPLIT_MIN_BITS || size_bits > UNTYPED_SPLIT_MAX_BITS) {
        return false;
    }
    uint64_t window_address = paddr + UNTYPED_SPLIT_WINDOW_BASE;
    return (window_address & (((uint64_t)1 << size_bits) - 1)) == 0;
}

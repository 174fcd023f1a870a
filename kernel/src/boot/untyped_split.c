/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The untyped cut (see boot/untyped_split.h): a greedy walk that takes, at
 * each address, the largest block that is aligned there and still fits.
 * Greedy is optimal here: an aligned block of 2^k at a can never be replaced
 * by fewer blocks, and taking it leaves a + 2^k at least as aligned.
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

size_t untyped_split(struct phys_range r, void (*emit)(uint64_t paddr, unsigned size_bits, void *ctx),
                     void *ctx)
{
    size_t count = 0;
    uint64_t at = r.start;

    /* Each step advances by 2^bits <= r.end - at, so `at` never passes r.end or wraps. */
    while (at < r.end) {
        unsigned bits = highest_bit(r.end - at);
        if (bits > UNTYPED_SPLIT_MAX_BITS) {
            bits = UNTYPED_SPLIT_MAX_BITS;
        }
        if (at != 0 && lowest_bit(at) < bits) {
            bits = lowest_bit(at);
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

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Tests of the untyped split: exact block lists for hand-checked ranges,
 * the 2^47 cap and the 2^4 floor, and properties (alignment, ascending
 * order, exact coverage of the 16-byte aligned part, maximality) over many
 * deterministic random ranges.
 */
#include "boot_tests.h"

#include <boot/untyped_split.h>

#include <stdbool.h>
#include <stdlib.h>

struct block {
    uint64_t paddr;
    unsigned bits;
};

struct blocks {
    struct block list[256];
    size_t count;
};

static void collect(uint64_t paddr, unsigned size_bits, void *ctx)
{
    struct blocks *b = ctx;
    ck_assert_uint_lt(b->count, 256);
    b->list[b->count++] = (struct block){ paddr, size_bits };
}

static size_t split(uint64_t start, uint64_t end, struct blocks *out)
{
    out->count = 0;
    size_t n = untyped_split((struct phys_range){ start, end }, collect, out);
    ck_assert_uint_eq(n, out->count);
    return n;
}

static void expect_block(const struct blocks *b, size_t i, uint64_t paddr, unsigned bits)
{
    ck_assert_uint_lt(i, b->count);
    ck_assert_uint_eq(b->list[i].paddr, paddr);
    ck_assert_uint_eq(b->list[i].bits, bits);
}

START_TEST(aligned_range_is_one_block)
{
    struct blocks b;
    ck_assert_uint_eq(split(0x100000, 0x200000, &b), 1);
    expect_block(&b, 0, 0x100000, 20);
    ck_assert_uint_eq(split(0x40000000, 0x80000000, &b), 1);
    expect_block(&b, 0, 0x40000000, 30);
}
END_TEST

START_TEST(aligned_start_uneven_length)
{
    /* An uneven RAM range with an aligned start: ascending, then descending block sizes. */
    struct blocks b;
    static const struct block want[] = {
        { 0x100000, 20 },   { 0x200000, 21 },   { 0x400000, 22 },   { 0x800000, 23 },
        { 0x1000000, 24 },  { 0x2000000, 25 },  { 0x4000000, 26 },  { 0x8000000, 27 },
        { 0x10000000, 27 }, { 0x18000000, 26 }, { 0x1c000000, 25 }, { 0x1e000000, 24 },
        { 0x1f000000, 23 }, { 0x1f800000, 22 }, { 0x1fc00000, 21 }, { 0x1fe00000, 20 },
        { 0x1ff00000, 19 }, { 0x1ff80000, 18 }, { 0x1ffc0000, 17 },
    };
    ck_assert_uint_eq(split(0x100000, 0x1ffe0000, &b), 19);
    for (size_t i = 0; i < 19; i++) {
        expect_block(&b, i, want[i].paddr, want[i].bits);
    }
}
END_TEST

START_TEST(unaligned_edges_are_dropped)
{
    /* 8 bytes before 0x1010 and 4 after 0x2000 cannot form 16-byte blocks. */
    struct blocks b;
    ck_assert_uint_eq(split(0x1008, 0x2004, &b), 8);
    expect_block(&b, 0, 0x1010, 4);
    expect_block(&b, 1, 0x1020, 5);
    expect_block(&b, 2, 0x1040, 6);
    expect_block(&b, 3, 0x1080, 7);
    expect_block(&b, 4, 0x1100, 8);
    expect_block(&b, 5, 0x1200, 9);
    expect_block(&b, 6, 0x1400, 10);
    expect_block(&b, 7, 0x1800, 11);
    /* An end just past a large aligned block splits the tail into descending pieces. */
    ck_assert_uint_eq(split(0x0, 0x1030, &b), 3);
    expect_block(&b, 0, 0x0, 12);
    expect_block(&b, 1, 0x1000, 5);
    expect_block(&b, 2, 0x1020, 4);
}
END_TEST

START_TEST(zero_start_counts_as_aligned)
{
    struct blocks b;
    ck_assert_uint_eq(split(0, 0x10, &b), 1);
    expect_block(&b, 0, 0, 4);
    ck_assert_uint_eq(split(0, 1ULL << 47, &b), 1);
    expect_block(&b, 0, 0, 47);
    /* The device space below the first RAM seL4 reserves: [0, 0x100000) is one 1 MiB block. */
    ck_assert_uint_eq(split(0, 0x100000, &b), 1);
    expect_block(&b, 0, 0, 20);
}
END_TEST

START_TEST(huge_ranges_cap_at_2_pow_47)
{
    struct blocks b;
    ck_assert_uint_eq(split(0, 1ULL << 48, &b), 2);
    expect_block(&b, 0, 0, 47);
    expect_block(&b, 1, 1ULL << 47, 47);
    /* 2^48 is aligned to 2^48, but no untyped may exceed 2^47. */
    ck_assert_uint_eq(split(1ULL << 47, 1ULL << 49, &b), 3);
    expect_block(&b, 0, 1ULL << 47, 47);
    expect_block(&b, 1, 1ULL << 48, 47);
    expect_block(&b, 2, 3ULL << 47, 47);
    /* Device space above the last RAM up to CONFIG_PADDR_USER_DEVICE_TOP (2^47). */
    ck_assert_uint_eq(split(0x20000000, 1ULL << 47, &b), 18);
    expect_block(&b, 0, 0x20000000, 29);
    for (unsigned i = 1; i < 18; i++) {
        expect_block(&b, i, 1ULL << (29 + i), 29 + i);
    }
    /* Nearly all of the 64-bit space: 2^17 - 1 blocks of 2^47, then 2^46 .. 2^4; 15 bytes dropped. */
    ck_assert_uint_eq(untyped_split((struct phys_range){ 0, UINT64_MAX }, NULL, NULL), (1u << 17) - 1 + 43);
}
END_TEST

START_TEST(tiny_and_empty_ranges)
{
    struct blocks b;
    ck_assert_uint_eq(split(0x10, 0x20, &b), 1);
    expect_block(&b, 0, 0x10, 4);
    ck_assert_uint_eq(split(0x10, 0x1f, &b), 0);
    ck_assert_uint_eq(split(0x8, 0x18, &b), 0); /* 16 bytes, but never 16-byte aligned */
    ck_assert_uint_eq(split(0x1001, 0x1010, &b), 0);
    ck_assert_uint_eq(split(0x1000, 0x1000, &b), 0);
    ck_assert_uint_eq(split(0x2000, 0x1000, &b), 0); /* start > end: empty */
    ck_assert_uint_eq(split(UINT64_MAX, UINT64_MAX, &b), 0);
    ck_assert_uint_eq(split(UINT64_MAX - 0x1f, UINT64_MAX, &b), 1);
    expect_block(&b, 0, UINT64_MAX - 0x1f, 4); /* 0x...e0; the last 15 bytes are dropped */
}
END_TEST

static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Checks a split of [start, end) against the definition. */
static void check_split_properties(uint64_t start, uint64_t end)
{
    struct blocks b;
    split(start, end, &b);
    uint64_t first = (start + 15) & ~15ULL;
    uint64_t last = end & ~15ULL;
    if (first < start || first >= last || start >= end) {
        ck_assert_uint_eq(b.count, 0);
        return;
    }
    uint64_t at = first;
    for (size_t i = 0; i < b.count; i++) {
        const struct block *k = &b.list[i];
        ck_assert_uint_ge(k->bits, 4);
        ck_assert_uint_le(k->bits, 47);
        ck_assert_uint_eq(k->paddr, at); /* ascending and gap-free */
        ck_assert_uint_eq(k->paddr & ((1ULL << k->bits) - 1), 0);
        ck_assert_uint_le(1ULL << k->bits, last - k->paddr);
        /* Maximal: doubling would break alignment, the end, or the cap. */
        bool could_double = k->bits < 47 && (k->paddr & ((2ULL << k->bits) - 1)) == 0 &&
                            (2ULL << k->bits) <= end - k->paddr;
        ck_assert_msg(!could_double, "block %#lx/%u could be larger", (unsigned long)k->paddr, k->bits);
        at = k->paddr + (1ULL << k->bits);
    }
    ck_assert_uint_eq(at, last);
}

START_TEST(random_ranges_satisfy_the_definition)
{
    uint64_t rng = 0x5eed0003ULL;
    for (int i = 0; i < 3000; i++) {
        uint64_t r = next_random(&rng);
        /* Mix scales: tiny, page-ish, and up to 2^52 so the cap is reached. */
        unsigned scale = 4 + (unsigned)(r % 49);
        uint64_t start = next_random(&rng) & ((1ULL << scale) - 1);
        uint64_t len = next_random(&rng) & ((1ULL << (4 + next_random(&rng) % 49)) - 1);
        if (next_random(&rng) % 4 == 0) {
            start &= ~0xfffULL;
        }
        uint64_t end = start + len;
        check_split_properties(start, end);
    }
}
END_TEST

Suite *untyped_split_suite(void)
{
    Suite *s = suite_create("untyped_split");
    TCase *tc = tcase_create("split");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, aligned_range_is_one_block);
    tcase_add_test(tc, aligned_start_uneven_length);
    tcase_add_test(tc, unaligned_edges_are_dropped);
    tcase_add_test(tc, zero_start_counts_as_aligned);
    tcase_add_test(tc, huge_ranges_cap_at_2_pow_47);
    tcase_add_test(tc, tiny_and_empty_ranges);
    tcase_add_test(tc, random_ranges_satisfy_the_definition);
    suite_add_tcase(s, tc);
    return s;
}

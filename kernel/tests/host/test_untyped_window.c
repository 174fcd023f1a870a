/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Tests of the kernel window cut (untyped_split_kernel_window), the one the
 * boot code uses: the device untyped list real seL4 16.0.0 gives a root task
 * on x86_64 pc99 under QEMU with 512 MiB of RAM, rebuilt from the device gaps
 * of that machine; the blocks above 2^39; physical address 0; agreement with
 * the natural cut where the two must agree, over many random ranges; and the
 * boot info builder taking every block the cut makes.
 */
#include "boot_tests.h"

#include <boot/boot_info.h>
#include <boot/untyped_split.h>

#include <stdbool.h>
#include <stdlib.h>

struct window_block {
    uint64_t paddr;
    unsigned bits;
};

struct window_blocks {
    struct window_block list[128];
    size_t count;
};

static void collect_window(uint64_t paddr, unsigned size_bits, void *ctx)
{
    struct window_blocks *b = ctx;
    ck_assert_uint_lt(b->count, 128);
    b->list[b->count++] = (struct window_block){ paddr, size_bits };
}

/*
 * The device part of seL4's untypedList, in its order, as real seL4 16.0.0
 * (debug build of the x86_64 pc99 configuration) reports it under
 * `qemu-system-x86_64 -m 512M`: everything below 2^47 that is not RAM
 * [0x100000, 0x1ffe0000), the IOAPIC page 0xfec00000, the local APIC page
 * 0xfee00000 or the 8 bytes below 4 GiB.
 */
static const struct window_block sel4_device_untypeds[] = {
    { 0x0, 20 },           { 0x1ffe0000, 17 },     { 0x20000000, 29 },     { 0x40000000, 30 },
    { 0x80000000, 30 },    { 0xc0000000, 29 },     { 0xe0000000, 28 },     { 0xf0000000, 27 },
    { 0xf8000000, 26 },    { 0xfc000000, 25 },     { 0xfe000000, 23 },     { 0xfe800000, 22 },
    { 0xfec01000, 12 },    { 0xfec02000, 13 },     { 0xfec04000, 14 },     { 0xfec08000, 15 },
    { 0xfec10000, 16 },    { 0xfec20000, 17 },     { 0xfec40000, 18 },     { 0xfec80000, 19 },
    { 0xfed00000, 20 },    { 0xfee01000, 12 },     { 0xfee02000, 13 },     { 0xfee04000, 14 },
    { 0xfee08000, 15 },    { 0xfee10000, 16 },     { 0xfee20000, 17 },     { 0xfee40000, 18 },
    { 0xfee80000, 19 },    { 0xfef00000, 20 },     { 0xff000000, 23 },     { 0xff800000, 22 },
    { 0xffc00000, 21 },    { 0xffe00000, 20 },     { 0xfff00000, 19 },     { 0xfff80000, 18 },
    { 0xfffc0000, 17 },    { 0xfffe0000, 16 },     { 0xffff0000, 15 },     { 0xffff8000, 14 },
    { 0xffffc000, 13 },    { 0xffffe000, 12 },     { 0xfffff000, 11 },     { 0xfffff800, 10 },
    { 0xfffffc00, 9 },     { 0xfffffe00, 8 },      { 0xffffff00, 7 },      { 0xffffff80, 6 },
    { 0xffffffc0, 5 },     { 0xffffffe0, 4 },      { 0x100000000, 32 },    { 0x200000000, 33 },
    { 0x400000000, 34 },   { 0x800000000, 35 },    { 0x1000000000, 36 },   { 0x2000000000, 37 },
    { 0x4000000000, 38 },  { 0x8000000000, 46 },   { 0x408000000000, 45 }, { 0x608000000000, 44 },
    { 0x708000000000, 43 }, { 0x788000000000, 42 }, { 0x7c8000000000, 41 }, { 0x7e8000000000, 40 },
    { 0x7f8000000000, 39 },
};

/* The device gaps of that machine, ascending, as the boot code walks them. */
static const struct phys_range qemu_512m_device_gaps[] = {
    { 0x0, 0x100000 },
    { 0x1ffe0000, 0xfec00000 },
    { 0xfec01000, 0xfee00000 },
    { 0xfee01000, 0xfffffff8 },
    { 0x100000000, 1ULL << 47 },
};

START_TEST(device_gaps_give_sel4s_list)
{
    struct window_blocks got = { .count = 0 };
    for (size_t i = 0; i < sizeof(qemu_512m_device_gaps) / sizeof(qemu_512m_device_gaps[0]); i++) {
        size_t before = got.count;
        size_t n = untyped_split_kernel_window(qemu_512m_device_gaps[i], collect_window, &got);
        ck_assert_uint_eq(n, got.count - before);
    }
    size_t want = sizeof(sel4_device_untypeds) / sizeof(sel4_device_untypeds[0]);
    ck_assert_uint_eq(got.count, want);
    for (size_t i = 0; i < want; i++) {
        ck_assert_msg(got.list[i].paddr == sel4_device_untypeds[i].paddr &&
                          got.list[i].bits == sel4_device_untypeds[i].bits,
                      "entry %zu: got %#lx/%u, seL4 has %#lx/%u", i, (unsigned long)got.list[i].paddr,
                      got.list[i].bits, (unsigned long)sel4_device_untypeds[i].paddr, sel4_device_untypeds[i].bits);
    }
}
END_TEST

START_TEST(above_2_pow_39_descends_from_the_window_origin)
{
    /* Physical 2^39 is window address 0: aligned to everything, so the biggest block comes first. */
    struct window_blocks b = { .count = 0 };
    ck_assert_uint_eq(untyped_split_kernel_window((struct phys_range){ 1ULL << 39, 1ULL << 47 }, collect_window, &b),
                      8);
    for (unsigned i = 0; i < 8; i++) {
        ck_assert_uint_eq(b.list[i].bits, 46 - i);
    }
    ck_assert_uint_eq(b.list[1].paddr, (1ULL << 39) + (1ULL << 46));
    /* The natural cut of the same range would ascend instead: 2^39, 2^40, ... */
    ck_assert_uint_eq(untyped_split((struct phys_range){ 1ULL << 39, 1ULL << 47 }, NULL, NULL), 8);
    /* [2^40, 2^41) is naturally one block, but its window address 2^39 is aligned to 2^39 only: two halves. */
    b.count = 0;
    ck_assert_uint_eq(untyped_split_kernel_window((struct phys_range){ 1ULL << 40, 1ULL << 41 }, collect_window, &b),
                      2);
    ck_assert_uint_eq(b.list[0].paddr, 1ULL << 40);
    ck_assert_uint_eq(b.list[0].bits, 39);
    ck_assert_uint_eq(b.list[1].paddr, 3ULL << 39);
    ck_assert_uint_eq(b.list[1].bits, 39);
}
END_TEST

START_TEST(physical_zero_is_aligned_to_2_pow_39_only)
{
    /* Window address of physical 0 is 2^64 - 2^39. */
    struct window_blocks b = { .count = 0 };
    ck_assert_uint_eq(untyped_split_kernel_window((struct phys_range){ 0, 1ULL << 47 }, collect_window, &b), 9);
    ck_assert_uint_eq(b.list[0].paddr, 0);
    ck_assert_uint_eq(b.list[0].bits, 39);
    ck_assert_uint_eq(b.list[1].paddr, 1ULL << 39);
    ck_assert_uint_eq(b.list[1].bits, 46);
    /* The natural cut takes it in one. */
    ck_assert_uint_eq(untyped_split((struct phys_range){ 0, 1ULL << 47 }, NULL, NULL), 1);
}
END_TEST

START_TEST(validity_follows_the_window)
{
    ck_assert(untyped_split_block_valid(1ULL << 39, 46));
    ck_assert(untyped_split_block_valid(0x408000000000ULL, 45));
    ck_assert(!untyped_split_block_valid(1ULL << 46, 46)); /* physically aligned, not in the window */
    ck_assert(!untyped_split_block_valid(0, 40));
    ck_assert(untyped_split_block_valid(0, 39));
    ck_assert(untyped_split_block_valid(0x1000, 12));
    ck_assert(!untyped_split_block_valid(0x1000, 13));
    ck_assert(!untyped_split_block_valid(0x1000, 3));
    ck_assert(!untyped_split_block_valid(1ULL << 39, 48));
}
END_TEST

static uint64_t window_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct compare_ctx {
    struct window_blocks natural;
    size_t next;
    uint64_t shift;
};

static void compare_with_natural(uint64_t paddr, unsigned size_bits, void *ctx)
{
    struct compare_ctx *c = ctx;
    ck_assert_uint_lt(c->next, c->natural.count);
    ck_assert_uint_eq(paddr, c->natural.list[c->next].paddr + c->shift);
    ck_assert_uint_eq(size_bits, c->natural.list[c->next].bits);
    ck_assert(untyped_split_block_valid(paddr, size_bits));
    c->next++;
}

START_TEST(random_ranges_match_the_shifted_natural_cut)
{
    /*
     * Within (0, 2^39) the window cut is the natural cut; within [2^39, 2^47]
     * it is the natural cut of the range moved down by 2^39, moved back up.
     */
    uint64_t rng = 0x5eed0039ULL;
    for (int i = 0; i < 2000; i++) {
        bool high = (window_random(&rng) & 1) != 0;
        uint64_t limit = high ? (1ULL << 47) - (1ULL << 39) : (1ULL << 39) - 1;
        uint64_t a = 1 + window_random(&rng) % limit, z = 1 + window_random(&rng) % limit;
        if (window_random(&rng) % 3 == 0) {
            a &= ~0xfffULL;
            a = a == 0 ? 0x1000 : a;
        }
        uint64_t start = a < z ? a : z, end = a < z ? z : a;
        /* Keep a few ranges short so small blocks are exercised too. */
        if (window_random(&rng) % 2 == 0 && end - start > 0x100000) {
            end = start + window_random(&rng) % 0x100000;
        }
        struct compare_ctx c = { .next = 0, .shift = high ? 1ULL << 39 : 0 };
        c.natural.count = 0;
        untyped_split((struct phys_range){ start, end }, collect_window, &c.natural);
        size_t n = untyped_split_kernel_window((struct phys_range){ start + c.shift, end + c.shift },
                                               compare_with_natural, &c);
        ck_assert_uint_eq(n, c.natural.count);
        ck_assert_uint_eq(c.next, c.natural.count);
    }
}
END_TEST

static void add_device(uint64_t paddr, unsigned size_bits, void *ctx)
{
    ck_assert_uint_ne(boot_info_add_untyped(ctx, paddr, size_bits, true), 0);
}

START_TEST(boot_info_takes_every_window_block)
{
    seL4_BootInfo *bi = calloc(1, 4096);
    ck_assert_ptr_nonnull(bi);
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    boot_info_begin_untypeds(&b);
    for (size_t i = 0; i < sizeof(qemu_512m_device_gaps) / sizeof(qemu_512m_device_gaps[0]); i++) {
        untyped_split_kernel_window(qemu_512m_device_gaps[i], add_device, &b);
    }
    boot_info_finish(&b);
    size_t want = sizeof(sel4_device_untypeds) / sizeof(sel4_device_untypeds[0]);
    ck_assert_uint_eq(bi->untyped.end - bi->untyped.start, want);
    for (size_t i = 0; i < want; i++) {
        ck_assert_uint_eq(bi->untypedList[i].paddr, sel4_device_untypeds[i].paddr);
        ck_assert_uint_eq(bi->untypedList[i].sizeBits, sel4_device_untypeds[i].bits);
        ck_assert_uint_eq(bi->untypedList[i].isDevice, 1);
    }
    free(bi);
}
END_TEST

Suite *untyped_window_suite(void)
{
    Suite *s = suite_create("untyped_window");
    TCase *tc = tcase_create("window");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, device_gaps_give_sel4s_list);
    tcase_add_test(tc, above_2_pow_39_descends_from_the_window_origin);
    tcase_add_test(tc, physical_zero_is_aligned_to_2_pow_39_only);
    tcase_add_test(tc, validity_follows_the_window);
    tcase_add_test(tc, random_ranges_match_the_shifted_natural_cut);
    tcase_add_test(tc, boot_info_takes_every_window_block);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Tests of the boot info builder: the fixed field values, the slot layout
 * real seL4 produced in the boot recorded in ABI section 11, and the two
 * limits (230 untypedList entries, 4096 CNode slots).
 */
#include "boot_tests.h"

#include <boot/boot_info.h>
#include <boot/untyped_split.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A page-sized, 0xaa-filled home for the boot info, so stale bytes show. */
static seL4_BootInfo *dirty_page(void)
{
    seL4_BootInfo *bi = malloc(4096);
    ck_assert_ptr_nonnull(bi);
    memset(bi, 0xaa, 4096);
    return bi;
}

static void expect_region(seL4_SlotRegion r, uint64_t start, uint64_t end)
{
    ck_assert_uint_eq(r.start, start);
    ck_assert_uint_eq(r.end, end);
}

START_TEST(layout_matches_the_abi)
{
    ck_assert_uint_eq(sizeof(seL4_BootInfo), 3848);
    ck_assert_uint_le(sizeof(seL4_BootInfo), 4096);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, extraLen), 0);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, ipcBuffer), 32);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, empty), 40);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, userImageFrames), 72);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, userImagePaging), 88);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, extraBIPages), 120);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, initThreadCNodeSizeBits), 136);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, untyped), 152);
    ck_assert_uint_eq(offsetof(seL4_BootInfo, untypedList), 168);
    ck_assert_uint_eq(sizeof(seL4_UntypedDesc), 16);
    ck_assert_uint_eq(offsetof(seL4_UntypedDesc, sizeBits), 8);
    ck_assert_uint_eq(offsetof(seL4_UntypedDesc, isDevice), 9);
}
END_TEST

START_TEST(begin_sets_fixed_fields)
{
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x408000, 0x50c);
    ck_assert_ptr_eq(b.bi, bi);
    ck_assert_uint_eq(b.next_slot, 16);
    ck_assert_uint_eq(b.slot_limit, 4096);
    ck_assert_uint_eq(bi->extraLen, 0x50c);
    ck_assert_uint_eq(bi->nodeID, 0);
    ck_assert_uint_eq(bi->numNodes, 1);
    ck_assert_uint_eq(bi->numIOPTLevels, UINT64_MAX);
    ck_assert_uint_eq((uint64_t)(uintptr_t)bi->ipcBuffer, 0x408000);
    ck_assert_uint_eq(bi->initThreadCNodeSizeBits, 12);
    ck_assert_uint_eq(bi->initThreadDomain, 0);
    expect_region(bi->empty, 0, 0);
    expect_region(bi->sharedFrames, 0, 0);
    expect_region(bi->userImageFrames, 0, 0);
    expect_region(bi->userImagePaging, 0, 0);
    expect_region(bi->ioSpaceCaps, 0, 0);
    expect_region(bi->extraBIPages, 0, 0);
    expect_region(bi->untyped, 0, 0);
    const uint8_t *list = (const uint8_t *)bi->untypedList;
    for (size_t i = 0; i < sizeof(bi->untypedList); i++) {
        ck_assert_uint_eq(list[i], 0);
    }
    /* Only the structure is the builder's: the rest of the page is left alone. */
    ck_assert_uint_eq(((uint8_t *)bi)[sizeof(*bi)], 0xaa);
    free(bi);
}
END_TEST

START_TEST(regions_follow_the_observed_boot)
{
    /* hello-dump on real seL4 (ABI section 11): image 0x400000-0x408000, 94 untypeds. */
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x408000, 0x50c);
    bi->userImagePaging = boot_info_reserve(&b, 3);
    bi->extraBIPages = boot_info_reserve(&b, 1);
    bi->userImageFrames = boot_info_reserve(&b, 8);
    boot_info_begin_untypeds(&b);
    for (unsigned i = 0; i < 94; i++) {
        uint64_t slot = boot_info_add_untyped(&b, (uint64_t)i << 20, 20, i < 40);
        ck_assert_uint_eq(slot, 0x1c + i);
    }
    boot_info_finish(&b);
    expect_region(bi->userImagePaging, 0x10, 0x13);
    expect_region(bi->extraBIPages, 0x13, 0x14);
    expect_region(bi->userImageFrames, 0x14, 0x1c);
    expect_region(bi->untyped, 0x1c, 0x7a);
    expect_region(bi->empty, 0x7a, 0x1000);
    expect_region(bi->sharedFrames, 0, 0);
    expect_region(bi->ioSpaceCaps, 0, 0);
    ck_assert_uint_eq(bi->untypedList[0].paddr, 0);
    ck_assert_uint_eq(bi->untypedList[0].isDevice, 1);
    ck_assert_uint_eq(bi->untypedList[93].paddr, 93ULL << 20);
    ck_assert_uint_eq(bi->untypedList[93].sizeBits, 20);
    ck_assert_uint_eq(bi->untypedList[93].isDevice, 0);
    ck_assert_uint_eq(bi->untypedList[94].sizeBits, 0); /* unused entries stay zero */
    free(bi);
}
END_TEST

START_TEST(untyped_entries_are_exact)
{
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    boot_info_begin_untypeds(&b);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0xfee00000, 20, true), 16);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 1ULL << 39, 46, true), 17); /* seL4's block at 2^39 */
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0x1ffffff0, 4, false), 18);
    seL4_UntypedDesc want[3] = {
        { .paddr = 0xfee00000, .sizeBits = 20, .isDevice = 1 },
        { .paddr = 1ULL << 39, .sizeBits = 46, .isDevice = 1 },
        { .paddr = 0x1ffffff0, .sizeBits = 4, .isDevice = 0 },
    };
    ck_assert_mem_eq(bi->untypedList, want, sizeof(want)); /* padding bytes included */
    boot_info_finish(&b);
    expect_region(bi->untyped, 16, 19);
    expect_region(bi->empty, 19, 4096);
    free(bi);
}
END_TEST

START_TEST(refuses_blocks_sel4_would_not_make)
{
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    boot_info_begin_untypeds(&b);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0x1000, 3, false), 0);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0, 48, true), 0);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0x1010, 5, false), 0); /* not 32-byte aligned */
    ck_assert_uint_eq(b.next_slot, 16);
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0x1020, 5, false), 16);
    free(bi);
}
END_TEST

START_TEST(list_full_at_230)
{
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    bi->userImageFrames = boot_info_reserve(&b, 100);
    boot_info_begin_untypeds(&b);
    for (unsigned i = 0; i < 230; i++) {
        ck_assert(!boot_info_untyped_list_full(&b));
        ck_assert_uint_eq(boot_info_add_untyped(&b, (uint64_t)i << 12, 12, false), 116 + i);
    }
    ck_assert(boot_info_untyped_list_full(&b));
    ck_assert(!boot_info_cnode_full(&b));
    /* seL4 drops further untypeds (and boots on): no slot, no entry. */
    ck_assert_uint_eq(boot_info_add_untyped(&b, 230ULL << 12, 12, false), 0);
    ck_assert_uint_eq(b.next_slot, 346);
    ck_assert_uint_eq(bi->untypedList[229].paddr, 229ULL << 12);
    boot_info_finish(&b);
    expect_region(bi->untyped, 116, 346);
    expect_region(bi->empty, 346, 4096);
    free(bi);
}
END_TEST

START_TEST(cnode_full_at_4096)
{
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    /* More than the CNode holds: nothing is handed out. */
    expect_region(boot_info_reserve(&b, 4081), 16, 16);
    ck_assert_uint_eq(b.next_slot, 16);
    expect_region(boot_info_reserve(&b, 0), 16, 16);
    bi->userImageFrames = boot_info_reserve(&b, 4096 - 16 - 5);
    expect_region(bi->userImageFrames, 16, 4091);
    boot_info_begin_untypeds(&b);
    for (unsigned i = 0; i < 5; i++) {
        ck_assert_uint_eq(boot_info_add_untyped(&b, (uint64_t)i << 4, 4, true), 4091 + i);
    }
    ck_assert(boot_info_cnode_full(&b));
    ck_assert(!boot_info_untyped_list_full(&b));
    ck_assert_uint_eq(boot_info_add_untyped(&b, 0x100, 4, true), 0);
    expect_region(boot_info_reserve(&b, 1), 4096, 4096);
    ck_assert_uint_eq(b.next_slot, 4096);
    boot_info_finish(&b);
    expect_region(bi->untyped, 4091, 4096);
    expect_region(bi->empty, 4096, 4096);
    free(bi);
}
END_TEST

static void add_to_boot_info(uint64_t paddr, unsigned size_bits, void *ctx)
{
    struct boot_info_builder *b = ctx;
    ck_assert_uint_ne(boot_info_add_untyped(b, paddr, size_bits, false), 0);
}

START_TEST(split_feeds_the_list)
{
    /* What the boot code does with a RAM range: every block lands in order. */
    seL4_BootInfo *bi = dirty_page();
    struct boot_info_builder b;
    boot_info_begin(&b, bi, 0x1000, 0);
    boot_info_begin_untypeds(&b);
    size_t n = untyped_split((struct phys_range){ 0x100000, 0x1ffe0000 }, add_to_boot_info, &b);
    boot_info_finish(&b);
    ck_assert_uint_eq(n, 19);
    expect_region(bi->untyped, 16, 35);
    ck_assert_uint_eq(bi->untypedList[0].paddr, 0x100000);
    ck_assert_uint_eq(bi->untypedList[0].sizeBits, 20);
    ck_assert_uint_eq(bi->untypedList[18].paddr, 0x1ffc0000);
    ck_assert_uint_eq(bi->untypedList[18].sizeBits, 17);
    free(bi);
}
END_TEST

START_TEST(extra_pages_are_a_power_of_two)
{
    ck_assert_uint_eq(boot_info_extra_pages(0), 0);
    ck_assert_uint_eq(boot_info_extra_pages(1), 1);
    ck_assert_uint_eq(boot_info_extra_pages(0x50c), 1); /* the observed x86 extra boot info */
    ck_assert_uint_eq(boot_info_extra_pages(0x1000), 1);
    ck_assert_uint_eq(boot_info_extra_pages(0x1001), 2);
    ck_assert_uint_eq(boot_info_extra_pages(0x2000), 2);
    ck_assert_uint_eq(boot_info_extra_pages(0x2001), 4);
    ck_assert_uint_eq(boot_info_extra_pages(0x5000), 8);
    ck_assert_uint_eq(boot_info_extra_pages(0x100000), 0x100);
    ck_assert_uint_eq(boot_info_extra_pages(UINT64_MAX), 1ULL << 52);
}
END_TEST

Suite *boot_info_suite(void)
{
    Suite *s = suite_create("boot_info");
    TCase *tc = tcase_create("builder");
    tcase_add_test(tc, layout_matches_the_abi);
    tcase_add_test(tc, begin_sets_fixed_fields);
    tcase_add_test(tc, regions_follow_the_observed_boot);
    tcase_add_test(tc, untyped_entries_are_exact);
    tcase_add_test(tc, refuses_blocks_sel4_would_not_make);
    tcase_add_test(tc, list_full_at_230);
    tcase_add_test(tc, cnode_full_at_4096);
    tcase_add_test(tc, split_feeds_the_list);
    tcase_add_test(tc, extra_pages_are_a_power_of_two);
    suite_add_tcase(s, tc);
    return s;
}

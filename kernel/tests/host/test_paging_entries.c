/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Tests of the hardware-free VSpace logic: VM rights masking (every rights
 * word against every VM right), the bits of each kind of paging entry for
 * every attribute value, frame alignment and the user-space limit at its
 * edges (wrap-around included), the address a table is recorded at, the
 * walks over page tables built in ordinary memory (every missing level
 * and the large pages that end a walk early), the ASID arithmetic, and the
 * mapping fields of frame, paging structure and ASID pool caps.
 */
#include "boot_tests.h"

#include <arch/x86_64/paging_entries.h>
#include <object/asid.h>
#include <object/vspace.h>

#include <string.h>

/* "Physical memory" for the walks: page n is at physical address FAKE_BASE + n * 4096. */
#define FAKE_PAGES 16
#define FAKE_BASE 0x200000ull
static uint64_t fake_memory[FAKE_PAGES][512] __attribute__((aligned(4096)));

uint64_t *paging_table(uint64_t paddr)
{
    uint64_t page = (paddr - FAKE_BASE) >> 12;
    ck_assert_uint_lt(page, FAKE_PAGES);
    ck_assert_uint_eq(paddr & 0xfff, 0);
    return fake_memory[page];
}

static uint64_t fake_page(unsigned n)
{
    return FAKE_BASE + (uint64_t)n * 4096;
}

START_TEST(rights_masking)
{
    /* rights word: bit 0 write, bit 1 read (seL4_CapRights_t). */
    for (uint64_t word = 0; word < 16; word++) {
        bool read = word & 2, write = word & 1;
        ck_assert_int_eq(mask_vm_rights(VM_READ_WRITE, word),
                         read ? (write ? VM_READ_WRITE : VM_READ_ONLY) : VM_KERNEL_ONLY);
        ck_assert_int_eq(mask_vm_rights(VM_READ_ONLY, word), read ? VM_READ_ONLY : VM_KERNEL_ONLY);
        ck_assert_int_eq(mask_vm_rights(VM_KERNEL_ONLY, word), VM_KERNEL_ONLY);
    }
    ck_assert(is_write_only_request(VM_READ_WRITE, 1));
    ck_assert(is_write_only_request(VM_READ_WRITE, 0xd));
    ck_assert(!is_write_only_request(VM_READ_WRITE, 3));
    ck_assert(!is_write_only_request(VM_READ_ONLY, 1));
    ck_assert(!is_write_only_request(VM_READ_WRITE, 0));
    /* Bits above the four rights are ignored. */
    ck_assert_int_eq(mask_vm_rights(VM_READ_WRITE, ~0ull), VM_READ_WRITE);
    ck_assert_int_eq(mask_vm_rights(VM_READ_WRITE, 0x10), VM_KERNEL_ONLY);
}
END_TEST

START_TEST(frame_entry_bits)
{
    const uint64_t paddr = 0x12345000;
    for (uint64_t attr = 0; attr < 8; attr++) {
        uint64_t cache = ((attr & 1) ? 0x8 : 0) | ((attr & 2) ? 0x10 : 0);
        uint64_t pte = make_user_pte(paddr, attr, VM_READ_WRITE);
        ck_assert_uint_eq(pte, paddr | cache | ((attr & 4) ? 0x80 : 0) | 0x7);
        uint64_t pde = make_user_pde_large(0x40200000, attr, VM_READ_WRITE);
        ck_assert_uint_eq(pde, 0x40200000 | cache | ((attr & 4) ? 0x1000 : 0) | 0x80 | 0x7);
        /* seL4 leaves PAT clear in 1 GiB entries. */
        uint64_t pdpte = make_user_pdpte_huge(0x80000000, attr, VM_READ_WRITE);
        ck_assert_uint_eq(pdpte, 0x80000000 | cache | 0x80 | 0x7);
        ck_assert_uint_eq(make_user_table_entry(paddr, attr), paddr | cache | 0x7);
    }
    /* Read-only: no write bit; kernel-only: writable but not user. */
    ck_assert_uint_eq(make_user_pte(paddr, 0, VM_READ_ONLY), paddr | 0x5);
    ck_assert_uint_eq(make_user_pte(paddr, 0, VM_KERNEL_ONLY), paddr | 0x3);
    ck_assert_uint_eq(make_user_pde_large(0x200000, 0, VM_READ_ONLY), 0x200000 | 0x80 | 0x5);
    /* Attribute bits above PAT are ignored. */
    ck_assert_uint_eq(make_user_pte(paddr, ~0ull, VM_READ_WRITE), paddr | 0x9f);
    /* No address bit leaks into the flags, and none above bit 51 is kept. */
    ck_assert_uint_eq(make_user_pte(0xffff000000000fffull, 0, VM_READ_WRITE), 0x000f000000000007ull);
}
END_TEST

START_TEST(entry_predicates)
{
    ck_assert(!pte_present(0));
    ck_assert(pte_is_table(make_user_table_entry(0x5000, 0)));
    ck_assert(!pte_is_table(make_user_pde_large(0x200000, 0, VM_READ_WRITE)));
    ck_assert(!pte_is_table(make_user_pdpte_huge(0x40000000, 0, VM_READ_WRITE)));
    ck_assert(!pte_is_table(0x5000)); /* not present */
    ck_assert_uint_eq(pte_frame_address(make_user_pde_large(0x40200000, 7, VM_READ_ONLY), PD_SHIFT), 0x40200000);
    ck_assert_uint_eq(pte_frame_address(make_user_pte(0x1234000, 7, VM_READ_ONLY), PT_SHIFT), 0x1234000);
    ck_assert_uint_eq(pte_frame_address(make_user_pdpte_huge(0xc0000000, 7, VM_READ_WRITE), PDPT_SHIFT), 0xc0000000);
}
END_TEST

START_TEST(alignment)
{
    ck_assert(frame_vaddr_aligned(FRAME_4K, 0));
    ck_assert(frame_vaddr_aligned(FRAME_4K, 0x1000));
    ck_assert(!frame_vaddr_aligned(FRAME_4K, 0x1008));
    ck_assert(!frame_vaddr_aligned(FRAME_4K, 1));
    ck_assert(frame_vaddr_aligned(FRAME_2M, 0x200000));
    ck_assert(!frame_vaddr_aligned(FRAME_2M, 0x201000));
    ck_assert(frame_vaddr_aligned(FRAME_1G, 0x1000000000ull));
    ck_assert(!frame_vaddr_aligned(FRAME_1G, 0x1000200000ull));
}
END_TEST

START_TEST(user_space_limit)
{
    /* The last 4 KiB page below 2^47 cannot be mapped: its end passes USER_TOP. */
    ck_assert(frame_range_in_user_space(FRAME_4K, 0x7fffffffe000ull));
    ck_assert(!frame_range_in_user_space(FRAME_4K, 0x7ffffffff000ull));
    ck_assert(frame_range_in_user_space(FRAME_2M, 0x7fffffa00000ull));
    ck_assert(!frame_range_in_user_space(FRAME_2M, 0x7fffffe00000ull));
    ck_assert(frame_range_in_user_space(FRAME_1G, 0x7fff80000000ull));
    ck_assert(!frame_range_in_user_space(FRAME_1G, 0x7fffc0000000ull));
    ck_assert(!frame_range_in_user_space(FRAME_4K, 0x800000000000ull));
    /* The kernel window and addresses whose end wraps past 2^64. */
    ck_assert(!frame_range_in_user_space(FRAME_4K, 0xffffff8000000000ull));
    ck_assert(!frame_range_in_user_space(FRAME_4K, 0xfffffffffffff000ull));
    ck_assert(!frame_range_in_user_space(FRAME_1G, 0xffffffffc0000000ull));
    ck_assert(frame_range_in_user_space(FRAME_4K, 0));
}
END_TEST

START_TEST(table_addresses)
{
    ck_assert_uint_eq(table_base_address(0x1012345678ull, PML4_SHIFT), 0);
    ck_assert_uint_eq(table_base_address(0x1012345678ull, PDPT_SHIFT), 0x1000000000ull);
    ck_assert_uint_eq(table_base_address(0x10001fffffull, PD_SHIFT), 0x1000000000ull);
    ck_assert_uint_eq(table_base_address(0x7fffffffffffull, PML4_SHIFT), 0x7f8000000000ull);
    ck_assert_uint_eq(pt_index(0x7fffffffffffull, PML4_SHIFT), 255);
    ck_assert_uint_eq(pt_index(0xffffff8000000000ull, PML4_SHIFT), 511);
    ck_assert_uint_eq(pt_index(0x1000000000ull + 0x3000, PT_SHIFT), 3);
}
END_TEST

/* A PML4 in page 0; the walks below add levels to it. */
static uint64_t fresh_pml4(void)
{
    memset(fake_memory, 0, sizeof(fake_memory));
    return fake_page(0);
}

START_TEST(walk_missing_levels)
{
    const uint64_t v = 0x1000000000ull + 0x1234000; /* PML4 0, PDPT 64, PD 9, PT 52 */
    uint64_t pml4 = fresh_pml4();
    ck_assert_ptr_eq(lookup_pml4_slot(pml4, v), &fake_memory[0][0]);

    struct paging_slot s = lookup_pdpt_slot(pml4, v);
    ck_assert_ptr_null(s.slot);
    ck_assert_uint_eq(s.missing_bits, 39);
    ck_assert_uint_eq(lookup_pd_slot(pml4, v).missing_bits, 39);
    ck_assert_uint_eq(lookup_pt_slot(pml4, v).missing_bits, 39);

    fake_memory[0][0] = make_user_table_entry(fake_page(1), 0);
    s = lookup_pdpt_slot(pml4, v);
    ck_assert_ptr_eq(s.slot, &fake_memory[1][64]);
    s = lookup_pd_slot(pml4, v);
    ck_assert_ptr_null(s.slot);
    ck_assert_uint_eq(s.missing_bits, 30);
    ck_assert_uint_eq(lookup_pt_slot(pml4, v).missing_bits, 30);

    fake_memory[1][64] = make_user_table_entry(fake_page(2), 0);
    s = lookup_pd_slot(pml4, v);
    ck_assert_ptr_eq(s.slot, &fake_memory[2][9]);
    s = lookup_pt_slot(pml4, v);
    ck_assert_ptr_null(s.slot);
    ck_assert_uint_eq(s.missing_bits, 21);

    /* The kernel's half is never walked, even where its PML4 entry is present. */
    fake_memory[0][511] = make_user_table_entry(fake_page(4), 0);
    ck_assert_ptr_null(lookup_pdpt_slot(pml4, 0xffffff8000000000ull).slot);
    ck_assert_uint_eq(lookup_pt_slot(pml4, 0xffffffff80100000ull).missing_bits, 39);
    ck_assert_ptr_null(lookup_pdpt_slot(pml4, 0x800000000000ull).slot);

    fake_memory[2][9] = make_user_table_entry(fake_page(3), 3);
    s = lookup_pt_slot(pml4, v);
    ck_assert_ptr_eq(s.slot, &fake_memory[3][52]);
    ck_assert_uint_eq(s.missing_bits, 0);
}
END_TEST

START_TEST(walk_stops_at_large_pages)
{
    const uint64_t v = 0x1000000000ull + 0x1234000;
    uint64_t pml4 = fresh_pml4();
    fake_memory[0][0] = make_user_table_entry(fake_page(1), 0);
    /* A 1 GiB page where the page directory would be: no PD, no PT. */
    fake_memory[1][64] = make_user_pdpte_huge(0x40000000, 0, VM_READ_WRITE);
    ck_assert_ptr_eq(lookup_pdpt_slot(pml4, v).slot, &fake_memory[1][64]);
    ck_assert_uint_eq(lookup_pd_slot(pml4, v).missing_bits, 30);
    ck_assert_uint_eq(lookup_pt_slot(pml4, v).missing_bits, 30);
    /* A 2 MiB page where the page table would be: no PT. */
    fake_memory[1][64] = make_user_table_entry(fake_page(2), 0);
    fake_memory[2][9] = make_user_pde_large(0x400000, 4, VM_READ_ONLY);
    ck_assert_ptr_eq(lookup_pd_slot(pml4, v).slot, &fake_memory[2][9]);
    ck_assert_uint_eq(lookup_pt_slot(pml4, v).missing_bits, 21);
}
END_TEST

START_TEST(asid_arithmetic)
{
    ck_assert_uint_eq(asid_high(1), 0);
    ck_assert_uint_eq(asid_low(1), 1);
    ck_assert_uint_eq(asid_high(512), 1);
    ck_assert_uint_eq(asid_low(512), 0);
    ck_assert_uint_eq(asid_high(4095), 7);
    ck_assert_uint_eq(asid_low(4095), 511);

    uint64_t table[N_ASID_POOLS] = {0x1000};
    ck_assert_uint_eq(asid_table_first_free(table), 1);
    for (unsigned i = 0; i < N_ASID_POOLS; i++) {
        table[i] = 0x1000 * (i + 1);
    }
    ck_assert_uint_eq(asid_table_first_free(table), N_ASID_POOLS);
    table[5] = 0;
    ck_assert_uint_eq(asid_table_first_free(table), 5);

    uint64_t pool[ASID_POOL_ENTRIES] = {0};
    /* ASID 0 is never handed out, so pool 0 starts at entry 1; other pools at 0. */
    ck_assert_uint_eq(asid_pool_first_free(pool, 0), 1);
    ck_assert_uint_eq(asid_pool_first_free(pool, 512), 0);
    pool[1] = 0x5001;
    ck_assert_uint_eq(asid_pool_first_free(pool, 0), 2);
    for (unsigned i = 0; i < ASID_POOL_ENTRIES; i++) {
        pool[i] = 0x5001;
    }
    ck_assert_uint_eq(asid_pool_first_free(pool, 1024), ASID_POOL_ENTRIES);
    pool[100] = 0;
    ck_assert_uint_eq(asid_pool_first_free(pool, 1024), 100);
}
END_TEST

START_TEST(cap_mapping_fields)
{
    /* A frame cap's mapping lives in w1 only: size, rights, device and address are untouched. */
    struct cap frame = cap_frame(0x12345000, FRAME_2M, VM_READ_WRITE, true, 0, 0);
    struct cap mapped = cap_set_mapping(frame, 4095, 0x7fffffe00000ull);
    ck_assert_uint_eq(mapped.w0, frame.w0);
    ck_assert_uint_eq(cap_mapped_asid(mapped), 4095);
    ck_assert_uint_eq(cap_mapped_vaddr(mapped), 0x7fffffe00000ull);
    ck_assert_uint_eq(cap_frame_vaddr(mapped), 0x7fffffe00000ull);
    ck_assert_uint_eq(cap_set_mapping(mapped, ASID_INVALID, 0).w1, 0);
    struct cap read_only = cap_frame_set_rights(mapped, VM_READ_ONLY);
    ck_assert_int_eq(cap_frame_rights(read_only), VM_READ_ONLY);
    ck_assert_int_eq(cap_frame_size(read_only), FRAME_2M);
    ck_assert(cap_frame_is_device(read_only));
    ck_assert_uint_eq(cap_frame_paddr(read_only), 0x12345000);
    ck_assert_uint_eq(read_only.w1, mapped.w1);

    /* Paging structures: the mapped bit, and a PML4 is a valid root only with it. */
    struct cap pml4 = cap_table(cap_pml4_cap, 0x5000, false, 0, 0);
    ck_assert(!cap_table_is_mapped(pml4));
    ck_assert(!is_valid_vspace_root(pml4));
    struct cap assigned = cap_table_set_mapped(cap_set_mapping(pml4, 2, 0), true);
    ck_assert(is_valid_vspace_root(assigned));
    ck_assert_uint_eq(cap_table_paddr(assigned), 0x5000);
    ck_assert_uint_eq(cap_type(assigned), cap_pml4_cap);
    ck_assert(!cap_table_is_mapped(cap_table_set_mapped(assigned, false)));
    ck_assert(!is_valid_vspace_root(cap_table(cap_pdpt_cap, 0x5000, true, 2, 0)));

    /* An ASID pool cap keeps its first ASID. */
    struct cap pool = cap_asid_pool(0x9000, 3 << ASID_LOW_BITS);
    ck_assert_uint_eq(cap_type(pool), cap_asid_pool_cap);
    ck_assert_uint_eq(cap_asid_pool_base(pool), 1536);
    ck_assert_uint_eq(cap_table_paddr(pool), 0x9000);
}
END_TEST

Suite *paging_entries_suite(void)
{
    Suite *s = suite_create("paging_entries");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, rights_masking);
    tcase_add_test(tc, frame_entry_bits);
    tcase_add_test(tc, entry_predicates);
    tcase_add_test(tc, alignment);
    tcase_add_test(tc, user_space_limit);
    tcase_add_test(tc, table_addresses);
    tcase_add_test(tc, walk_missing_levels);
    tcase_add_test(tc, walk_stops_at_large_pages);
    tcase_add_test(tc, asid_arithmetic);
    tcase_add_test(tc, cap_mapping_fields);
    suite_add_tcase(s, tc);
    return s;
}

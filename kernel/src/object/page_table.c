/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Page tables (the last level, 512 entries of 4 KiB pages, covering 2 MiB).
 * Map puts one into a page directory slot of a VSpace, Unmap takes it out;
 * both are decoded by paging_structure.c in seL4's order. What is a page
 * table's own is here: its labels, the address masked to 2 MiB, the page
 * directory slot it goes in (a missing level is 39 or 30 bits; a table or a
 * 2 MiB page there is DeleteFirst), and seL4's wording of its messages.
 */
#include <arch/x86_64/paging.h>
#include <object/paging_structure.h>
#include <object/vspace.h>

static const struct paging_structure_level page_table_level = {
    .map_label = X86PageTableMap,
    .unmap_label = X86PageTableUnmap,
    .reach_shift = PD_SHIFT,
    .size_bits = seL4_PageTableBits,
    .lookup_parent_slot = lookup_pd_slot,
    .unmap = unmap_page_table,
    .says =
        {
            .not_final_cap = "X86PageTable: Cannot unmap if more than one cap exists.",
            .illegal = "X86PageTable: Illegal operation.",
            .truncated = "X86PageTable: Truncated message.",
            .already_mapped = "X86PageTable: Page table is already mapped to a page directory.",
            .too_high = "X86PageTable: Mapping address too high.",
        },
};

exception_t decode_page_table_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                         uint64_t *buffer)
{
    return decode_paging_structure_invocation(&page_table_level, label, length, slot, cap, buffer);
}

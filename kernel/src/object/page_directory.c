/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Page directories (512 entries of page tables or 2 MiB pages, covering
 * 1 GiB). Map puts one into a PDPT slot of a VSpace, Unmap takes it out;
 * both are decoded by paging_structure.c in seL4's order. What is a page
 * directory's own is here: its labels, the address masked to 1 GiB, the
 * PDPT slot it goes in (a missing level is 39 bits; a directory or a 1 GiB
 * page there is DeleteFirst), and seL4's wording of its messages, which
 * names the object three ways.
 */
#include <arch/x86_64/paging.h>
#include <object/paging_structure.h>
#include <object/vspace.h>

static const struct paging_structure_level page_directory_level = {
    .map_label = X86PageDirectoryMap,
    .unmap_label = X86PageDirectoryUnmap,
    .reach_shift = PDPT_SHIFT,
    .size_bits = seL4_PageDirBits,
    .lookup_parent_slot = lookup_pdpt_slot,
    .unmap = unmap_page_directory,
    .says =
        {
            .not_final_cap = "X86PageDirectory: Cannot unmap if more than one cap exist.",
            .illegal = "X64Directory: Illegal operation.",
            .truncated = "X64PageDirectory: Truncated message.",
            .already_mapped = "X64PageDirectory: PD is already mapped to a PML4.",
            .too_high = "X64PageDirectory: Mapping address too high.",
        },
};

exception_t decode_page_directory_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                             uint64_t *buffer)
{
    return decode_paging_structure_invocation(&page_directory_level, label, length, slot, cap, buffer);
}

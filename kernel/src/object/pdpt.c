/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * PDPTs (page directory pointer tables: 512 entries of page directories or
 * 1 GiB pages, covering 512 GiB). Map puts one into a PML4 slot, Unmap
 * takes it out; both are decoded by paging_structure.c in seL4's order.
 * What is a PDPT's own is here: its labels, the address masked to 512 GiB,
 * the PML4 slot it goes in (always there: no level can be missing; a PDPT
 * there is DeleteFirst), and seL4's wording of its messages.
 */
#include <arch/x86_64/paging.h>
#include <object/paging_structure.h>
#include <object/vspace.h>

/* The PML4 is the VSpace itself, so its slot is found without a walk. */
static struct paging_slot lookup_pml4_parent_slot(uint64_t pml4, uint64_t vaddr)
{
    return (struct paging_slot){lookup_pml4_slot(pml4, vaddr), 0};
}

static const struct paging_structure_level pdpt_level = {
    .map_label = X86PDPTMap,
    .unmap_label = X86PDPTUnmap,
    .reach_shift = PML4_SHIFT,
    .size_bits = seL4_PDPTBits,
    .lookup_parent_slot = lookup_pml4_parent_slot,
    .unmap = unmap_pdpt,
    .says =
        {
            .not_final_cap = "X86PDPT: Cannot unmap if more than one cap exist.",
            .illegal = "X86PDPT: Illegal operation.",
            .truncated = "X64PDPT: Truncated message.",
            .already_mapped = "X64PDPT: PDPT is already mapped to a PML4.",
            .too_high = "X64PDPT: Mapping address too high.",
        },
};

exception_t decode_pdpt_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                   uint64_t *buffer)
{
    return decode_paging_structure_invocation(&pdpt_level, label, length, slot, cap, buffer);
}

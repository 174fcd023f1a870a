/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Map and Unmap of a paging structure (page table, page directory or PDPT)
 * into the level above it, for whichever level the caller describes (see
 * paging_structure.h). Map puts the structure into one slot of a VSpace;
 * Unmap takes it out (only through the last cap to it, so no copy is left
 * believing it is mapped) and clears it. Checks in seL4's order: Unmap's
 * last-cap check, the label, two words and a cap, that the structure is
 * not mapped yet (InvalidCapability 0), the VSpace cap (InvalidCapability
 * 1), the address (masked to the structure's reach, at most USER_TOP,
 * which also keeps the kernel's half out of reach), the VSpace's ASID, the
 * level above (a missing level: FailedLookup with its bits), and a free
 * slot (DeleteFirst when a structure or a large page is there).
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/cdt.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/paging_structure.h>
#include <object/vspace.h>

static exception_t perform_paging_structure_unmap(const struct paging_structure_level *level, struct cap cap,
                                                  struct cte *slot)
{
    if (cap_table_is_mapped(cap)) {
        uint64_t paddr = cap_table_paddr(cap);
        level->unmap(cap_mapped_asid(cap), cap_mapped_vaddr(cap), paddr);
        /* A structure that is mapped again starts empty. */
        memset(kva(paddr), 0, 1u << level->size_bits);
    }
    slot->cap = cap_table_set_mapped(slot->cap, false);
    return EXCEPTION_NONE;
}

static exception_t perform_paging_structure_map(struct cap cap, struct cte *slot, uint64_t entry,
                                                uint64_t *parent_slot, uint64_t pml4)
{
    slot->cap = cap;
    *parent_slot = entry;
    flush_page(pml4, cap_mapped_vaddr(cap));
    return EXCEPTION_NONE;
}

exception_t decode_paging_structure_invocation(const struct paging_structure_level *level, uint64_t label,
                                               uint64_t length, struct cte *slot, struct cap cap,
                                               uint64_t *buffer)
{
    if (label == level->unmap_label) {
        if (!is_final_capability(slot)) {
            user_error("%s", level->says.not_final_cap);
            return syscall_error(seL4_RevokeFirst);
        }
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_paging_structure_unmap(level, cap, slot);
    }
    if (label != level->map_label) {
        user_error("%s", level->says.illegal);
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps[0] == NULL) {
        user_error("%s", level->says.truncated);
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_table_is_mapped(cap)) {
        user_error("%s", level->says.already_mapped);
        return invalid_capability(0);
    }
    uint64_t vaddr = table_base_address(get_syscall_arg(0, buffer), level->reach_shift);
    uint64_t attr = get_syscall_arg(1, buffer);
    struct cap vspace = current_extra_caps[0]->cap;

    if (!is_valid_vspace_root(vspace)) {
        return invalid_capability(1);
    }
    uint64_t pml4 = cap_table_paddr(vspace);
    uint64_t asid = cap_mapped_asid(vspace);
    if (vaddr > VSPACE_USER_TOP) {
        user_error("%s", level->says.too_high);
        return invalid_argument(0);
    }
    exception_t status = check_vspace_asid(asid, pml4);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    struct paging_slot parent = level->lookup_parent_slot(pml4, vaddr);
    if (!parent.slot) {
        return missing_paging_level(parent.missing_bits);
    }
    if (pte_present(*parent.slot)) {
        return syscall_error(seL4_DeleteFirst);
    }
    uint64_t entry = make_user_table_entry(cap_table_paddr(cap), attr);
    cap = cap_table_set_mapped(cap_set_mapping(cap, asid, vaddr), true);
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_paging_structure_map(cap, slot, entry, parent.slot, pml4);
}

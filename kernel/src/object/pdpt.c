/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * PDPTs (page directory pointer tables: 512 entries of page directories or
 * 1 GiB pages, covering 512 GiB). Map puts one into a PML4 slot; Unmap
 * takes it out (only through the last cap to it) and clears it. Checks in
 * seL4's order: Unmap's last-cap check, the label, two words and a cap,
 * that the PDPT is not mapped yet (InvalidCapability 0), the VSpace cap
 * (InvalidCapability 1), the address (masked to 512 GiB, at most USER_TOP,
 * which also keeps the kernel's half out of reach), the VSpace's ASID, and
 * a free PML4 slot (DeleteFirst).
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/cdt.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/vspace.h>

static exception_t perform_pdpt_unmap(struct cap cap, struct cte *slot)
{
    if (cap_table_is_mapped(cap)) {
        uint64_t pdpt = cap_table_paddr(cap);
        unmap_pdpt(cap_mapped_asid(cap), cap_mapped_vaddr(cap), pdpt);
        /* A PDPT that is mapped again starts empty. */
        memset(kva(pdpt), 0, 1u << seL4_PDPTBits);
    }
    slot->cap = cap_table_set_mapped(slot->cap, false);
    return EXCEPTION_NONE;
}

static exception_t perform_pdpt_map(struct cap cap, struct cte *slot, uint64_t entry, uint64_t *pml4_slot,
                                    uint64_t pml4)
{
    slot->cap = cap;
    *pml4_slot = entry;
    flush_page(pml4, cap_mapped_vaddr(cap));
    return EXCEPTION_NONE;
}

exception_t decode_pdpt_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                   uint64_t *buffer)
{
    if (label == X86PDPTUnmap) {
        if (!is_final_capability(slot)) {
            user_error("X86PDPT: Cannot unmap if more than one cap exist.");
            return syscall_error(seL4_RevokeFirst);
        }
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_pdpt_unmap(cap, slot);
    }
    if (label != X86PDPTMap) {
        user_error("X86PDPT: Illegal operation.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps[0] == NULL) {
        user_error("X64PDPT: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_table_is_mapped(cap)) {
        user_error("X64PDPT: PDPT is already mapped to a PML4.");
        return invalid_capability(0);
    }
    uint64_t vaddr = table_base_address(get_syscall_arg(0, buffer), PML4_SHIFT);
    uint64_t attr = get_syscall_arg(1, buffer);
    struct cap vspace = current_extra_caps[0]->cap;

    if (!is_valid_vspace_root(vspace)) {
        return invalid_capability(1);
    }
    uint64_t pml4 = cap_table_paddr(vspace);
    uint64_t asid = cap_mapped_asid(vspace);
    if (vaddr > VSPACE_USER_TOP) {
        user_error("X64PDPT: Mapping address too high.");
        return invalid_argument(0);
    }
    exception_t status = check_vspace_asid(asid, pml4);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    uint64_t *pml4_slot = lookup_pml4_slot(pml4, vaddr);
    if (pte_present(*pml4_slot)) {
        return syscall_error(seL4_DeleteFirst);
    }
    uint64_t entry = make_user_table_entry(cap_table_paddr(cap), attr);
    cap = cap_table_set_mapped(cap_set_mapping(cap, asid, vaddr), true);
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_pdpt_map(cap, slot, entry, pml4_slot, pml4);
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Page directories (512 entries of page tables or 2 MiB pages, covering
 * 1 GiB). Map puts one into a PDPT slot of a VSpace; Unmap takes it out
 * (only through the last cap to it) and clears it. Checks in seL4's
 * order: Unmap's last-cap check, the label, two words and a cap, that the
 * directory is not mapped yet (InvalidCapability 0), the VSpace cap
 * (InvalidCapability 1), the address (masked to 1 GiB, at most USER_TOP),
 * the VSpace's ASID, the PDPT (a missing level, 39 bits), and a free slot
 * (DeleteFirst when a directory or a 1 GiB page is there).
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/cdt.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/vspace.h>

static exception_t perform_page_directory_unmap(struct cap cap, struct cte *slot)
{
    if (cap_table_is_mapped(cap)) {
        uint64_t pd = cap_table_paddr(cap);
        unmap_page_directory(cap_mapped_asid(cap), cap_mapped_vaddr(cap), pd);
        /* A directory that is mapped again starts empty. */
        memset(kva(pd), 0, 1u << seL4_PageDirBits);
    }
    slot->cap = cap_table_set_mapped(slot->cap, false);
    return EXCEPTION_NONE;
}

static exception_t perform_page_directory_map(struct cap cap, struct cte *slot, uint64_t entry,
                                              uint64_t *pdpt_slot, uint64_t pml4)
{
    slot->cap = cap;
    *pdpt_slot = entry;
    flush_page(pml4, cap_mapped_vaddr(cap));
    return EXCEPTION_NONE;
}

exception_t decode_page_directory_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                             uint64_t *buffer)
{
    if (label == X86PageDirectoryUnmap) {
        if (!is_final_capability(slot)) {
            user_error("X86PageDirectory: Cannot unmap if more than one cap exist.");
            return syscall_error(seL4_RevokeFirst);
        }
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_page_directory_unmap(cap, slot);
    }
    if (label != X86PageDirectoryMap) {
        user_error("X64Directory: Illegal operation.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps[0] == NULL) {
        user_error("X64PageDirectory: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    if (cap_table_is_mapped(cap)) {
        user_error("X64PageDirectory: PD is already mapped to a PML4.");
        return invalid_capability(0);
    }
    uint64_t vaddr = table_base_address(get_syscall_arg(0, buffer), PDPT_SHIFT);
    uint64_t attr = get_syscall_arg(1, buffer);
    struct cap vspace = current_extra_caps[0]->cap;

    if (!is_valid_vspace_root(vspace)) {
        return invalid_capability(1);
    }
    uint64_t pml4 = cap_table_paddr(vspace);
    uint64_t asid = cap_mapped_asid(vspace);
    if (vaddr > VSPACE_USER_TOP) {
        user_error("X64PageDirectory: Mapping address too high.");
        return invalid_argument(0);
    }
    exception_t status = check_vspace_asid(asid, pml4);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    struct paging_slot pdpt = lookup_pdpt_slot(pml4, vaddr);
    if (!pdpt.slot) {
        return missing_paging_level(pdpt.missing_bits);
    }
    if (pte_present(*pdpt.slot)) {
        return syscall_error(seL4_DeleteFirst);
    }
    uint64_t entry = make_user_table_entry(cap_table_paddr(cap), attr);
    cap = cap_table_set_mapped(cap_set_mapping(cap, asid, vaddr), true);
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_page_directory_map(cap, slot, entry, pdpt.slot, pml4);
}

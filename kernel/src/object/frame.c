/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Frames: 4 KiB pages (in a page table), 2 MiB pages (in a page
 * directory) and 1 GiB pages (in a PDPT), RAM or device memory. Each frame
 * cap maps its frame at most once; copies of the cap map it elsewhere.
 *
 * Map checks in seL4's order: three words and a cap, the VSpace cap
 * (InvalidCapability 1); a mapped cap may only be mapped again in the same
 * VSpace (InvalidCapability 1) at the same address (InvalidArgument 0),
 * which changes rights and attributes; an unmapped one must fit below
 * USER_TOP (InvalidArgument 0). Then the VSpace's ASID, the alignment
 * (AlignmentError), and the walk to the level the size needs (a missing
 * level: FailedLookup with 39, 30 or 21 bits left). A 2 MiB or 1 GiB page
 * cannot replace a table (DeleteFirst); a frame over a frame replaces it.
 * The mapping's rights are the cap's, limited by the rights word.
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/thread.h>
#include <object/asid.h>
#include <object/vspace.h>

static exception_t perform_frame_map(struct cap cap, struct cte *slot, uint64_t *entry_slot, uint64_t entry,
                                     uint64_t pml4)
{
    slot->cap = cap;
    *entry_slot = entry;
    /* The slot may have held another frame (or this one with other rights). */
    flush_page(pml4, cap_mapped_vaddr(cap));
    return EXCEPTION_NONE;
}

static exception_t perform_frame_unmap(struct cap cap, struct cte *slot)
{
    if (cap_mapped_asid(cap) != ASID_INVALID) {
        unmap_page(cap_frame_size(cap), cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_frame_paddr(cap));
    }
    slot->cap = cap_set_mapping(slot->cap, ASID_INVALID, 0);
    return EXCEPTION_NONE;
}

/* A Call gets the frame's physical address in MR0. */
static exception_t perform_frame_get_address(struct cap cap, bool call)
{
    struct tcb *t = current_thread;
    if (call) {
        uint64_t *reply_buffer = lookup_ipc_buffer(true, t);
        t->ctx.rdi = 0;
        unsigned n = set_mr(t, reply_buffer, 0, cap_frame_paddr(cap));
        t->ctx.rsi = message_info_word(0, n);
    }
    set_thread_state(t, THREAD_RUNNING);
    return EXCEPTION_NONE;
}

/* The entry slot and entry for mapping frame cap at vaddr, or an error. */
static exception_t frame_entry(struct cap cap, uint64_t pml4, uint64_t vaddr, enum vm_rights rights, uint64_t attr,
                               uint64_t **entry_slot, uint64_t *entry)
{
    uint64_t paddr = cap_frame_paddr(cap);
    struct paging_slot s;
    switch (cap_frame_size(cap)) {
    case FRAME_4K:
        s = lookup_pt_slot(pml4, vaddr);
        if (!s.slot) {
            return missing_paging_level(s.missing_bits);
        }
        *entry = make_user_pte(paddr, attr, rights);
        break;
    case FRAME_2M:
        s = lookup_pd_slot(pml4, vaddr);
        if (!s.slot) {
            return missing_paging_level(s.missing_bits);
        }
        if (pte_is_table(*s.slot)) {
            return syscall_error(seL4_DeleteFirst);
        }
        *entry = make_user_pde_large(paddr, attr, rights);
        break;
    default:
        s = lookup_pdpt_slot(pml4, vaddr);
        if (!s.slot) {
            return missing_paging_level(s.missing_bits);
        }
        if (pte_is_table(*s.slot)) {
            return syscall_error(seL4_DeleteFirst);
        }
        *entry = make_user_pdpte_huge(paddr, attr, rights);
        break;
    }
    *entry_slot = s.slot;
    return EXCEPTION_NONE;
}

static exception_t decode_frame_map(uint64_t length, struct cte *slot, struct cap cap, uint64_t *buffer)
{
    if (length < 3 || current_extra_caps[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    enum frame_size size = cap_frame_size(cap);
    uint64_t vaddr = get_syscall_arg(0, buffer);
    uint64_t rights_word = get_syscall_arg(1, buffer);
    uint64_t attr = get_syscall_arg(2, buffer);
    struct cap vspace = current_extra_caps[0]->cap;

    if (!is_valid_vspace_root(vspace)) {
        user_error("X86FrameMap: Attempting to map frame into invalid page directory cap.");
        return invalid_capability(1);
    }
    uint64_t pml4 = cap_table_paddr(vspace);
    uint64_t asid = cap_mapped_asid(vspace);
    if (cap_mapped_asid(cap) != ASID_INVALID) {
        if (cap_mapped_asid(cap) != asid) {
            return invalid_capability(1);
        }
        if (cap_mapped_vaddr(cap) != vaddr) {
            user_error("X86Frame: Attempting to map frame into multiple addresses");
            return invalid_argument(0);
        }
    } else if (!frame_range_in_user_space(size, vaddr)) {
        user_error("X86Frame: Mapping address too high.");
        return invalid_argument(0);
    }
    exception_t status = check_vspace_asid(asid, pml4);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    if (is_write_only_request(cap_frame_rights(cap), rights_word)) {
        user_error("Attempted to make unsupported write only mapping");
    }
    enum vm_rights rights = mask_vm_rights(cap_frame_rights(cap), rights_word);
    if (!frame_vaddr_aligned(size, vaddr)) {
        return syscall_error(seL4_AlignmentError);
    }
    uint64_t *entry_slot = NULL;
    uint64_t entry = 0;
    status = frame_entry(cap, pml4, vaddr, rights, attr, &entry_slot, &entry);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_frame_map(cap_set_mapping(cap, asid, vaddr), slot, entry_slot, entry, pml4);
}

exception_t decode_frame_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap, bool call,
                                    uint64_t *buffer)
{
    switch (label) {
    case X86PageMap:
        return decode_frame_map(length, slot, cap, buffer);
    case X86PageUnmap:
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_frame_unmap(cap, slot);
    case X86PageGetAddress:
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_frame_get_address(cap, call);
    default:
        return syscall_error(seL4_IllegalOperation);
    }
}

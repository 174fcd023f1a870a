/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * ASID pools and the kernel's ASID table (see include/object/asid.h), and
 * the pool's one method, Assign: give a PML4 that has no ASID yet the
 * first free ASID of the pool. Checks in seL4's order: the label, an extra
 * cap, that it is a PML4 without ASID (InvalidCapability 1), that the pool
 * is still in the ASID table (FailedLookup, invalid root) and is the one
 * the cap names (InvalidCapability 0), and a free entry (DeleteFirst).
 */
#include <api/invocation.h>
#include <arch/x86_64/paging.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/asid.h>
#include <object/vspace.h>

uint64_t asid_table[N_ASID_POOLS];

static uint64_t *pool_entries(uint64_t pool_paddr)
{
    return kva(pool_paddr);
}

uint64_t find_vspace_for_asid(uint64_t asid)
{
    uint64_t pool = asid_table[asid_high(asid)];
    if (asid >= (uint64_t)N_ASID_POOLS * ASID_POOL_ENTRIES || !pool) {
        return 0;
    }
    uint64_t entry = pool_entries(pool)[asid_low(asid)];
    return (entry & ASID_ENTRY_VALID) ? entry & ~ASID_ENTRY_VALID : 0;
}

void asid_boot_init(uint64_t pool_paddr, uint64_t asid, uint64_t pml4_paddr)
{
    pool_entries(pool_paddr)[asid_low(asid)] = pml4_paddr | ASID_ENTRY_VALID;
    asid_table[asid_high(asid)] = pool_paddr;
}

void delete_asid(uint64_t asid, uint64_t pml4_paddr)
{
    uint64_t pool = asid_table[asid_high(asid)];
    if (!pool) {
        return;
    }
    uint64_t *entry = &pool_entries(pool)[asid_low(asid)];
    if (*entry != (pml4_paddr | ASID_ENTRY_VALID)) {
        return;
    }
    /* Without PCIDs no TLB entry is tagged with the ASID; leaving the space
       (below, if it is loaded) flushes what it had. */
    *entry = 0;
    set_vm_root(current_thread);
}

void delete_asid_pool(uint64_t asid_base, uint64_t pool_paddr)
{
    if (asid_table[asid_high(asid_base)] != pool_paddr) {
        return;
    }
    asid_table[asid_high(asid_base)] = 0;
    set_vm_root(current_thread);
}

static exception_t perform_asid_pool_assign(uint64_t asid, uint64_t pool_paddr, struct cte *vspace_slot)
{
    struct cap c = vspace_slot->cap;
    c = cap_table_set_mapped(cap_set_mapping(c, asid, 0), true);
    vspace_slot->cap = c;
    pool_entries(pool_paddr)[asid_low(asid)] = cap_table_paddr(c) | ASID_ENTRY_VALID;
    return EXCEPTION_NONE;
}

exception_t decode_asid_pool_invocation(uint64_t label, struct cap cap)
{
    if (label != X86ASIDPoolAssign) {
        return syscall_error(seL4_IllegalOperation);
    }
    if (current_extra_caps[0] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    struct cte *vspace_slot = current_extra_caps[0];
    struct cap vspace = vspace_slot->cap;
    if (cap_type(vspace) != cap_pml4_cap || cap_table_is_mapped(vspace)) {
        user_error("X86ASIDPool: Invalid vspace root.");
        return invalid_capability(1);
    }
    uint64_t base = cap_asid_pool_base(cap);
    uint64_t pool = asid_table[asid_high(base)];
    if (!pool) {
        current_lookup_fault = (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
        return failed_lookup(false);
    }
    if (pool != cap_table_paddr(cap)) {
        return invalid_capability(0);
    }
    unsigned i = asid_pool_first_free(pool_entries(pool), base);
    if (i == ASID_POOL_ENTRIES) {
        return syscall_error(seL4_DeleteFirst);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_asid_pool_assign(base + i, pool, vspace_slot);
}

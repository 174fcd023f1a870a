/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * CSpace lookups, with seL4's exact failure reports. A cptr is consumed from
 * its most significant end: at each CNode the guard must match, then radix
 * bits pick a slot; the walk continues while bits remain and the slot holds
 * another CNode cap.
 */
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>

static inline uint64_t mask_bits(uint64_t n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

struct resolve_result resolve_address_bits(struct cap node, uint64_t cptr, uint64_t n_bits)
{
    struct resolve_result r = {EXCEPTION_LOOKUP_FAULT, NULL, n_bits};

    if (cap_type(node) != cap_cnode_cap) {
        current_lookup_fault = (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
        return r;
    }
    for (;;) {
        uint64_t radix = cap_cnode_radix(node);
        uint64_t guard_size = cap_cnode_guard_size(node);
        uint64_t level_bits = radix + guard_size;
        uint64_t guard = cap_cnode_guard(node);

        /* A CNode that resolves no bits would loop forever; seL4 never makes one. */
        if (level_bits == 0) {
            current_lookup_fault = (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
            return r;
        }
        /* The guard is the top guard_size bits of what is left of cptr. */
        uint64_t cap_guard = (cptr >> ((n_bits - guard_size) & 63)) & mask_bits(guard_size);
        if (guard_size > n_bits || guard != cap_guard) {
            current_lookup_fault = (struct lookup_fault){LOOKUP_GUARD_MISMATCH, n_bits, guard_size, guard};
            return r;
        }
        if (level_bits > n_bits) {
            current_lookup_fault = lookup_fault_depth_mismatch(n_bits, level_bits);
            return r;
        }
        uint64_t offset = (cptr >> (n_bits - level_bits)) & mask_bits(radix);
        struct cte *slot = cnode_slots(node) + offset;

        if (n_bits == level_bits) {
            return (struct resolve_result){EXCEPTION_NONE, slot, 0};
        }
        n_bits -= level_bits;
        if (cap_type(slot->cap) != cap_cnode_cap) {
            return (struct resolve_result){EXCEPTION_NONE, slot, n_bits};
        }
        node = slot->cap;
    }
}

struct resolve_result lookup_slot(struct tcb *thread, uint64_t cptr)
{
    return resolve_address_bits(thread->slots[TCB_CTABLE].cap, cptr, 64);
}

struct resolve_result lookup_slot_for_cnode_op(bool is_source, struct cap root, uint64_t cptr, uint64_t depth)
{
    struct resolve_result r = {EXCEPTION_SYSCALL_ERROR, NULL, 0};

    if (cap_type(root) != cap_cnode_cap) {
        current_lookup_fault = (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
        failed_lookup(is_source);
        return r;
    }
    if (depth < 1 || depth > 64) {
        range_error(1, 64);
        return r;
    }
    struct resolve_result walk = resolve_address_bits(root, cptr, depth);
    if (walk.status != EXCEPTION_NONE) {
        failed_lookup(is_source);
        return r;
    }
    if (walk.bits_remaining != 0) {
        current_lookup_fault = lookup_fault_depth_mismatch(walk.bits_remaining, 0);
        failed_lookup(is_source);
        return r;
    }
    return walk;
}

struct resolve_result lookup_target_slot(struct cap root, uint64_t cptr, uint64_t depth)
{
    return lookup_slot_for_cnode_op(false, root, cptr, depth);
}

exception_t ensure_empty_slot(struct cte *slot)
{
    if (cap_type(slot->cap) != cap_null_cap) {
        return syscall_error(seL4_DeleteFirst);
    }
    return EXCEPTION_NONE;
}

void cte_insert(struct cap cap, struct cte *src, struct cte *dest)
{
    cdt_insert(cap, src, dest);
}

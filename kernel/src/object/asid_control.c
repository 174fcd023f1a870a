/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * ASID control: the one cap that makes ASID pools. MakePool turns an
 * unused 4 KiB RAM untyped into a pool for the next free slot of the ASID
 * table (8 pools, one used by the root task), with a cap in an empty slot.
 * Checks in seL4's order: the label, two extra caps and two words, a free
 * pool (DeleteFirst, before anything about the arguments), the untyped's
 * type, size and kind (InvalidCapability 1), that it has no children
 * (RevokeFirst), the destination slot lookup and that it is empty.
 */
#include <api/invocation.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/asid.h>
#include <object/vspace.h>

static exception_t perform_asid_control_make_pool(uint64_t frame, struct cte *dest, struct cte *parent,
                                                  uint64_t asid_base)
{
    /* The untyped is used up: nothing else can be retyped from it while the pool lives. */
    parent->cap = cap_untyped_set_free_index(parent->cap, 1ull << cap_untyped_size_bits(parent->cap));
    memset(kva(frame), 0, 1u << seL4_ASIDPoolBits);
    cdt_insert(cap_asid_pool(frame, asid_base), parent, dest);
    asid_table[asid_high(asid_base)] = frame;
    return EXCEPTION_NONE;
}

exception_t decode_asid_control_invocation(uint64_t label, uint64_t length, uint64_t *buffer)
{
    if (label != X86ASIDControlMakePool) {
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 2 || current_extra_caps[0] == NULL || current_extra_caps[1] == NULL) {
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t index = get_syscall_arg(0, buffer);
    uint64_t depth = get_syscall_arg(1, buffer);
    struct cte *parent = current_extra_caps[0];
    struct cap untyped = parent->cap;
    struct cap root = current_extra_caps[1]->cap;

    unsigned pool = asid_table_first_free(asid_table);
    if (pool == N_ASID_POOLS) {
        user_error("ASIDControlMakePool: No unallocated pools found.");
        return syscall_error(seL4_DeleteFirst);
    }
    uint64_t asid_base = (uint64_t)pool << ASID_LOW_BITS;

    if (cap_type(untyped) != cap_untyped_cap || cap_untyped_size_bits(untyped) != seL4_ASIDPoolBits ||
        cap_untyped_is_device(untyped)) {
        return invalid_capability(1);
    }
    if (cdt_has_children(parent)) {
        return syscall_error(seL4_RevokeFirst);
    }
    uint64_t frame = cap_untyped_paddr(untyped);

    struct resolve_result dest = lookup_target_slot(root, index, depth);
    if (dest.status != EXCEPTION_NONE) {
        return dest.status;
    }
    if (ensure_empty_slot(dest.slot) != EXCEPTION_NONE) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_asid_control_make_pool(frame, dest.slot, parent, asid_base);
}

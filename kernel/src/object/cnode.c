/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * CNode invocations (object/cnode.h). The decode checks run in seL4's
 * order (target slot, then length and extra caps, destination empty, source
 * lookup, source present, then the cap the operation would make); the
 * performs only move caps in the derivation tree, delete or revoke.
 */
#include <api/invocation.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <kernel/thread.h>
#include <object/cap_ops.h>
#include <object/cnode.h>
#include <object/finalise.h>

static exception_t missing_source(bool is_source, uint64_t depth)
{
    current_lookup_fault = lookup_fault_missing_capability(depth);
    return failed_lookup(is_source);
}

/* Whether a cap allows CancelBadgedSends: an endpoint cap with all rights. */
static bool has_cancel_send_rights(struct cap c)
{
    return cap_type(c) == cap_endpoint_cap && cap_endpoint_can_send(c) && cap_endpoint_can_receive(c) &&
           cap_endpoint_can_grant(c) && cap_endpoint_can_grant_reply(c);
}

static exception_t perform_cnode_rotate(struct cap src_cap, struct cap pivot_cap, struct cte *src, struct cte *pivot,
                                        struct cte *dest)
{
    if (src == dest) {
        cdt_swap(src_cap, src, pivot_cap, pivot);
    } else {
        cdt_move(pivot_cap, pivot, dest);
        cdt_move(src_cap, src, pivot);
    }
    return EXCEPTION_NONE;
}

static exception_t perform_cnode_save_caller(struct cte *dest)
{
    struct cte *caller = &current_thread->slots[TCB_CALLER];
    switch (cap_type(caller->cap)) {
    case cap_null_cap:
        user_error("CNode SaveCaller: Reply cap not present.");
        break;
    case cap_reply_cap:
        if (!cap_reply_is_master(caller->cap)) {
            cdt_move(caller->cap, caller, dest);
        }
        break;
    default:
        break;
    }
    return EXCEPTION_NONE;
}

/* Why derive_cap refused a copy, for the diagnostic line. */
static const char *derive_failure_reason(void)
{
    return current_syscall_error.type == seL4_RevokeFirst
               ? "an untyped with children cannot be copied, revoke it first"
               : "an unmapped paging structure or a PML4 without ASID cannot be copied";
}

/* Why the cap a Copy, Mint or Mutate would make is the null cap. */
static const char *null_cap_reason(uint64_t label, struct cap src, uint64_t data)
{
    switch (cap_type(src)) {
    case cap_endpoint_cap:
    case cap_notification_cap:
        return label == CNodeMutate ? "Mutate cannot set a badge, use Mint"
                                    : "the cap already has a badge, which cannot change";
    case cap_cnode_cap:
        return (data & 63) + cap_cnode_radix(src) > 64 ? "guard size plus radix exceed 64 bits"
                                                       : "the guard does not apply";
    default:
        return "caps of this type cannot be copied";
    }
}

static exception_t decode_copy_family(uint64_t label, uint64_t length, uint64_t cptr, struct cte *dest,
                                      uint64_t *buffer)
{
    if (length < 4 || current_extra_caps[0] == NULL) {
        user_error("CNode Copy/Mint/Move/Mutate: Truncated message. (cptr 0x%lx: %lu words, %s the source root cap)",
                   cptr, length, current_extra_caps[0] ? "with" : "without");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t src_index = get_syscall_arg(2, buffer);
    uint64_t src_depth = get_syscall_arg(3, buffer);
    struct cap src_root = current_extra_caps[0]->cap;

    if (ensure_empty_slot(dest) != EXCEPTION_NONE) {
        user_error("CNode Copy/Mint/Move/Mutate: Destination not empty. (cptr 0x%lx: it holds a cap of type %s)", cptr,
                   cap_type_name(cap_type(dest->cap)));
        return EXCEPTION_SYSCALL_ERROR;
    }
    struct resolve_result r = lookup_slot_for_cnode_op(true, src_root, src_index, src_depth);
    if (r.status != EXCEPTION_NONE) {
        user_lookup_error("CNode Copy/Mint/Move/Mutate: Invalid source slot. (cptr 0x%lx: src_index"
                          " 0x%lx src_depth %lu)",
                          cptr, src_index, src_depth);
        return r.status;
    }
    struct cte *src = r.slot;
    if (cap_type(src->cap) == cap_null_cap) {
        user_error("CNode Copy/Mint/Move/Mutate: Source slot invalid or empty. (cptr 0x%lx: src_index 0x%lx)", cptr,
                   src_index);
        return missing_source(true, src_depth);
    }

    struct cap new_cap;
    bool is_move;
    exception_t status;
    switch (label) {
    case CNodeCopy:
        if (length < 5) {
            user_error("Truncated message for CNode Copy operation. (cptr 0x%lx: %lu words, 5 needed)", cptr, length);
            return syscall_error(seL4_TruncatedMessage);
        }
        status = derive_cap(src, mask_cap_rights(get_syscall_arg(4, buffer), src->cap), &new_cap);
        if (status != EXCEPTION_NONE) {
            user_error("Error deriving cap for CNode Copy operation. (cptr 0x%lx: the source is a cap of type %s: %s)",
                       cptr, cap_type_name(cap_type(src->cap)), derive_failure_reason());
            return status;
        }
        is_move = false;
        break;
    case CNodeMint:
        if (length < 6) {
            user_error("CNode Mint: Truncated message. (cptr 0x%lx: %lu words, 6 needed)", cptr, length);
            return syscall_error(seL4_TruncatedMessage);
        }
        status = derive_cap(src,
                            update_cap_data(false, get_syscall_arg(5, buffer),
                                            mask_cap_rights(get_syscall_arg(4, buffer), src->cap)),
                            &new_cap);
        if (status != EXCEPTION_NONE) {
            user_error("Error deriving cap for CNode Mint operation. (cptr 0x%lx: the source is a cap of type %s: %s)",
                       cptr, cap_type_name(cap_type(src->cap)), derive_failure_reason());
            return status;
        }
        is_move = false;
        break;
    case CNodeMove:
        new_cap = src->cap;
        is_move = true;
        break;
    default: /* CNodeMutate */
        if (length < 5) {
            user_error("CNode Mutate: Truncated message. (cptr 0x%lx: %lu words, 5 needed)", cptr, length);
            return syscall_error(seL4_TruncatedMessage);
        }
        new_cap = update_cap_data(true, get_syscall_arg(4, buffer), src->cap);
        is_move = true;
        break;
    }
    if (cap_type(new_cap) == cap_null_cap) {
        uint64_t data = label == CNodeMint     ? get_syscall_arg(5, buffer)
                        : label == CNodeMutate ? get_syscall_arg(4, buffer)
                                               : 0;
        user_error("CNode Copy/Mint/Move/Mutate: Mutated cap would be invalid. (cptr 0x%lx: source cap of type %s,"
                   " data 0x%lx: %s)",
                   cptr, cap_type_name(cap_type(src->cap)), data, null_cap_reason(label, src->cap, data));
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    if (is_move) {
        cdt_move(new_cap, src, dest);
    } else {
        cdt_insert(new_cap, src, dest);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_rotate(uint64_t length, uint64_t cptr, struct cte *dest, uint64_t *buffer)
{
    if (length < 8 || current_extra_caps[0] == NULL || current_extra_caps[1] == NULL) {
        user_error("CNode Rotate: Truncated message. (cptr 0x%lx: %lu words, 8 words and 2 caps needed)", cptr, length);
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t pivot_data = get_syscall_arg(2, buffer);
    uint64_t pivot_index = get_syscall_arg(3, buffer);
    uint64_t pivot_depth = get_syscall_arg(4, buffer);
    uint64_t src_data = get_syscall_arg(5, buffer);
    uint64_t src_index = get_syscall_arg(6, buffer);
    uint64_t src_depth = get_syscall_arg(7, buffer);
    struct cap pivot_root = current_extra_caps[0]->cap;
    struct cap src_root = current_extra_caps[1]->cap;

    struct resolve_result r = lookup_slot_for_cnode_op(true, src_root, src_index, src_depth);
    if (r.status != EXCEPTION_NONE) {
        user_lookup_error("CNode Rotate: Invalid source slot. (cptr 0x%lx: src_index 0x%lx src_depth %lu)", cptr,
                          src_index, src_depth);
        return r.status;
    }
    struct cte *src = r.slot;
    r = lookup_slot_for_cnode_op(false, pivot_root, pivot_index, pivot_depth);
    if (r.status != EXCEPTION_NONE) {
        user_lookup_error("CNode Rotate: Invalid pivot slot. (cptr 0x%lx: pivot_index 0x%lx pivot_depth %lu)", cptr,
                          pivot_index, pivot_depth);
        return r.status;
    }
    struct cte *pivot = r.slot;
    if (pivot == src || pivot == dest) {
        user_error("CNode Rotate: Pivot slot the same as source or dest slot. (cptr 0x%lx)", cptr);
        return syscall_error(seL4_IllegalOperation);
    }
    if (src != dest && ensure_empty_slot(dest) != EXCEPTION_NONE) {
        user_error("CNode Rotate: Destination not empty. (cptr 0x%lx: it holds a cap of type %s)", cptr,
                   cap_type_name(cap_type(dest->cap)));
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (cap_type(src->cap) == cap_null_cap) {
        user_error("CNode Rotate: Source slot empty. (cptr 0x%lx: src_index 0x%lx)", cptr, src_index);
        return missing_source(true, src_depth);
    }
    if (cap_type(pivot->cap) == cap_null_cap) {
        user_error("CNode Rotate: Pivot slot empty. (cptr 0x%lx: pivot_index 0x%lx)", cptr, pivot_index);
        return missing_source(false, pivot_depth);
    }
    struct cap new_src = update_cap_data(true, src_data, src->cap);
    struct cap new_pivot = update_cap_data(true, pivot_data, pivot->cap);
    if (cap_type(new_src) == cap_null_cap) {
        user_error("CNode Rotate: Source cap invalid. (cptr 0x%lx: a cap of type %s with data 0x%lx)", cptr,
                   cap_type_name(cap_type(src->cap)), src_data);
        return syscall_error(seL4_IllegalOperation);
    }
    if (cap_type(new_pivot) == cap_null_cap) {
        user_error("CNode Rotate: Pivot cap invalid. (cptr 0x%lx: a cap of type %s with data 0x%lx)", cptr,
                   cap_type_name(cap_type(pivot->cap)), pivot_data);
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_cnode_rotate(new_src, new_pivot, src, pivot, dest);
}

exception_t decode_cnode_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cap cap,
                                    uint64_t *buffer)
{
    if (label < CNodeRevoke || label > CNodeSaveCaller) {
        user_error("CNodeCap: Illegal Operation attempted.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 2) {
        user_error("CNode operation: Truncated message. (cptr 0x%lx: %lu words, at least 2 needed)", cptr, length);
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t index = get_syscall_arg(0, buffer);
    uint64_t depth = get_syscall_arg(1, buffer);
    struct resolve_result r = lookup_target_slot(cap, index, depth);
    if (r.status != EXCEPTION_NONE) {
        user_lookup_error("CNode operation: Target slot invalid. (cptr 0x%lx: index 0x%lx depth %lu)", cptr, index,
                          depth);
        return r.status;
    }
    struct cte *dest = r.slot;

    switch (label) {
    case CNodeCopy:
    case CNodeMint:
    case CNodeMove:
    case CNodeMutate:
        return decode_copy_family(label, length, cptr, dest, buffer);
    case CNodeRevoke:
        set_thread_state(current_thread, THREAD_RESTART);
        return cte_revoke(dest);
    case CNodeDelete:
        set_thread_state(current_thread, THREAD_RESTART);
        return cte_delete(dest, true);
    case CNodeSaveCaller:
        if (ensure_empty_slot(dest) != EXCEPTION_NONE) {
            user_error("CNode SaveCaller: Destination slot not empty. (cptr 0x%lx: it holds a cap of type %s)", cptr,
                       cap_type_name(cap_type(dest->cap)));
            return EXCEPTION_SYSCALL_ERROR;
        }
        set_thread_state(current_thread, THREAD_RESTART);
        return perform_cnode_save_caller(dest);
    case CNodeCancelBadgedSends:
        if (!has_cancel_send_rights(dest->cap)) {
            user_error("CNode CancelBadgedSends: Target cap invalid. (cptr 0x%lx: a cap of type %s;"
                       " an endpoint cap with all"
                       " rights is needed)",
                       cptr, cap_type_name(cap_type(dest->cap)));
            return syscall_error(seL4_IllegalOperation);
        }
        set_thread_state(current_thread, THREAD_RESTART);
        if (cap_endpoint_badge(dest->cap) != 0) {
            endpoint_cancel_badged_sends(dest->cap);
        }
        return EXCEPTION_NONE;
    default: /* CNodeRotate */
        return decode_rotate(length, cptr, dest, buffer);
    }
}

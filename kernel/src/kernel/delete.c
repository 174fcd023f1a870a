/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Deletion and revocation (include/kernel/delete.h), seL4's algorithm.
 *
 * finalise_slot keeps finalising what is in a slot until it can be emptied.
 * The last cap to a CNode or TCB turns into a zombie naming the object's
 * slots and how many are left; reduce_zombie empties the last remaining slot
 * and counts down. Emptying that slot may meet another last cap to a
 * container: that one is not reduced in place (that would nest) but its
 * zombie is swapped into the first slot of its own object, where it is
 * "cyclic" and waits until its own slot is deleted or revoked. A zombie whose
 * object holds nothing but itself is removable. So the kernel never recurses
 * more than two levels, whatever users build.
 */
#include <kernel/cdt.h>
#include <kernel/delete.h>
#include <memlayout.h>
#include <object/cap_ops.h>
#include <object/finalise.h>

static struct cte *zombie_slots(struct cap z)
{
    return (struct cte *)kva(cap_zombie_paddr(z));
}

/* What is left in a slot after finalising its cap (seL4's finaliseCap). */
static struct cap finalise_cap(struct cap cap, bool final)
{
    unsigned t = cap_type(cap);
    switch (t) {
    case cap_endpoint_cap:
        if (final) {
            finalise_endpoint(cap);
        }
        return cap_null();
    case cap_notification_cap:
        if (final) {
            finalise_notification(cap);
        }
        return cap_null();
    case cap_cnode_cap:
        if (final) {
            unsigned radix = cap_cnode_radix(cap);
            return cap_zombie(cap_cnode_paddr(cap), false, radix, 1ull << radix);
        }
        return cap_null();
    case cap_thread_cap:
        if (final) {
            struct tcb *tcb = kva(cap_thread_paddr(cap));
            tcb_finalise(tcb);
            return cap_zombie(kpa(&tcb->slots[0]), true, 0, TCB_SLOTS);
        }
        return cap_null();
    case cap_zombie_cap:
        return cap;
    case cap_irq_handler_cap:
        if (final) {
            finalise_irq_handler(cap);
        }
        return cap_null();
    case cap_io_port_cap:
        if (final) {
            finalise_io_port(cap);
        }
        return cap_null();
    case cap_frame_cap:
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
    case cap_asid_pool_cap:
        vspace_finalise_cap(cap, final);
        return cap_null();
    default:
        return cap_null();
    }
}

/* The slot can be emptied: nothing left, or a zombie holding only itself. */
static bool cap_removable(struct cap cap, struct cte *slot)
{
    switch (cap_type(cap)) {
    case cap_null_cap:
        return true;
    case cap_zombie_cap: {
        uint64_t n = cap_zombie_slots_left(cap);
        return n == 0 || (n == 1 && zombie_slots(cap) == slot);
    }
    default:
        return false;
    }
}

/* A zombie sitting in the first slot of its own object. */
static bool cap_cyclic_zombie(struct cap cap, struct cte *slot)
{
    return cap_type(cap) == cap_zombie_cap && zombie_slots(cap) == slot;
}

static void empty_slot(struct cte *slot)
{
    cdt_remove(slot);
}

static exception_t reduce_zombie(struct cte *slot, bool immediate);

struct finalise_result {
    exception_t status;
    bool success; /* the slot may be emptied now */
};

static struct finalise_result finalise_slot(struct cte *slot, bool immediate)
{
    while (cap_type(slot->cap) != cap_null_cap) {
        bool final = is_final_capability(slot);
        struct cap remainder = finalise_cap(slot->cap, final);
        if (cap_removable(remainder, slot)) {
            return (struct finalise_result){EXCEPTION_NONE, true};
        }
        slot->cap = remainder;
        if (!immediate && cap_cyclic_zombie(remainder, slot)) {
            return (struct finalise_result){EXCEPTION_NONE, false};
        }
        exception_t status = reduce_zombie(slot, immediate);
        if (status == EXCEPTION_NONE) {
            status = preemption_point();
        }
        if (status != EXCEPTION_NONE) {
            return (struct finalise_result){status, false};
        }
    }
    return (struct finalise_result){EXCEPTION_NONE, true};
}

exception_t cte_delete(struct cte *slot, bool exposed)
{
    struct finalise_result r = finalise_slot(slot, exposed);
    if (r.status != EXCEPTION_NONE) {
        return r.status;
    }
    if (exposed || r.success) {
        empty_slot(slot);
    }
    return EXCEPTION_NONE;
}

static exception_t reduce_zombie(struct cte *slot, bool immediate)
{
    struct cap z = slot->cap;
    struct cte *first = zombie_slots(z);
    uint64_t n = cap_zombie_slots_left(z);

    if (!immediate) {
        /* Park the zombie in its object's first slot (cyclic); what was there
           comes here and is deleted by the caller's loop. */
        if (first != slot) {
            cdt_swap(slot->cap, slot, first->cap, first);
        }
        return EXCEPTION_NONE;
    }
    struct cte *end = &first[n - 1];
    exception_t status = cte_delete(end, false);
    if (status != EXCEPTION_NONE) {
        return status;
    }
    /* The delete may have swapped another zombie into this slot (when this
       slot is the first of that object); count down only our own. */
    if (cap_type(slot->cap) == cap_zombie_cap && cap_zombie_paddr(slot->cap) == cap_zombie_paddr(z) &&
        cap_zombie_slots_left(slot->cap) == n && cap_zombie_is_tcb(slot->cap) == cap_zombie_is_tcb(z)) {
        slot->cap.w1 = n - 1;
    }
    return EXCEPTION_NONE;
}

exception_t cte_revoke(struct cte *slot)
{
    for (struct cte *next = mdb_next(slot); next && is_mdb_parent_of(slot, next); next = mdb_next(slot)) {
        exception_t status = cte_delete(next, true);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        status = preemption_point();
        if (status != EXCEPTION_NONE) {
            return status;
        }
    }
    return EXCEPTION_NONE;
}

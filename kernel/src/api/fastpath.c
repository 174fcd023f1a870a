/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Fastpath for Call and ReplyRecv, as seL4 has one. The syscall entry
 * (traps.S) calls it before anything else. Each first checks that the call
 * has the one shape it handles: at most four message registers and no caps,
 * a thread without a pending fault, a cap found by a plain CSpace walk that
 * is an endpoint with the rights needed, and a partner that is waiting, has
 * an address space with a live ASID and, by priority, is the thread the
 * scheduler would pick next. Only then does it change anything, and it
 * changes exactly what the general path would: the same queue, thread
 * states, registers and reply cap, then a direct switch to the partner and
 * the return to user mode. Any other shape returns before touching state,
 * and the general path runs.
 *
 * Everything here is inlined into the two entry functions, and nothing on
 * their common path calls a function that returns, so they save no
 * registers and a round trip costs about 510 instructions (seL4 16: 483).
 * The helpers each mirror one step of the general path, named after it.
 */
#include <api/fastpath.h>
#include <api/fastpath_lookup.h>
#include <api/invocation.h>
#include <arch/x86_64/machine.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/asid.h>
#include <object/notification.h>
#include <object/vspace.h>

_Static_assert(FASTPATH_SYS_CALL == SysCall, "traps.S dispatches Call by this number");
_Static_assert(FASTPATH_SYS_REPLY_RECV == SysReplyRecv, "traps.S dispatches ReplyRecv by this number");

/* Message info bits 8..7 (extra caps) and 6..0 (length) together: at most
   four registers and no caps is exactly "these nine bits <= 4". */
#define MESSAGE_SHAPE_MASK 0x1ffull

/* Whether t runs in the PML4 its VSpace cap names, as set_vm_root finds it
   (a PML4 cap with an ASID that still names that PML4), leaving it in
   *pml4. Anything else is left to the general path (which runs such a
   thread in the kernel's PML4). */
static inline bool vspace_root_fast(const struct tcb *t, uint64_t *pml4)
{
    struct cap root = t->slots[TCB_VTABLE].cap;
    if (!is_valid_vspace_root(root)) {
        return false;
    }
    uint64_t asid = cap_mapped_asid(root);
    uint64_t pool = asid_table[asid_high(asid)];
    *pml4 = cap_table_paddr(root);
    return asid < (uint64_t)N_ASID_POOLS * ASID_POOL_ENTRIES && pool &&
           ((const uint64_t *)kva(pool))[asid_low(asid)] == (*pml4 | ASID_ENTRY_VALID);
}

/* The general path would switch to partner now (seL4's possibleSwitchTo and
   schedule() for a woken thread while the current one blocks): partner is in
   the running domain and does not lose against a ready thread. A partner
   still in a ready queue is left to the general path, which takes it out. */
static inline bool partner_runs_next(const struct tcb *cur, const struct tcb *partner)
{
    if (partner->domain != 0 || partner->queued) {
        return false;
    }
    return partner->priority >= cur->priority || highest_ready_priority() <= (int)partner->priority;
}

/* seL4's copyMRs for a message that fits the registers, then the info
   (label, no caps) and badge the receiver gets. */
static inline void transfer_registers(const struct tcb *from, struct tcb *to, uint64_t info_word, uint64_t badge)
{
    uint64_t length = info_word & 0x7f;
    if (length > 0) {
        to->ctx.r10 = from->ctx.r10;
        if (length > 1) {
            to->ctx.r8 = from->ctx.r8;
            if (length > 2) {
                to->ctx.r9 = from->ctx.r9;
                if (length > 3) {
                    to->ctx.r15 = from->ctx.r15;
                }
            }
        }
    }
    to->ctx.rsi = (info_word & ~0xfffull) | length;
    to->ctx.rdi = badge;
}

/* The endpoint cap a Call or ReplyRecv names, when the message fits in
   registers (no extra caps), the caller has no fault pending and the cptr
   resolves by the direct walk. Anything else is left to the general path. */
static inline bool fast_endpoint_cap(const struct tcb *cur, uint64_t info, struct cap *cap)
{
    struct cte *slot;
    if ((info & MESSAGE_SHAPE_MASK) > N_MSG_REGISTERS || cur->fault.type != seL4_Fault_NullFault ||
        !lookup_slot_fast(cur->slots[TCB_CTABLE].cap, cur->ctx.rdi, &slot) ||
        cap_type(slot->cap) != cap_endpoint_cap) {
        return false;
    }
    *cap = slot->cap;
    return true;
}

/* Makes next the current thread in its address space and enters it: what
   schedule() and the return to user mode do for a chosen thread. The
   scheduler action is "resume the current thread" on every kernel entry, so
   nothing else is pending. */
static inline _Noreturn void switch_to_partner(struct tcb *next, uint64_t pml4)
{
    current_thread = next;
    arch_switch_and_return(pml4);
}

void fastpath_call(void)
{
    struct tcb *cur = current_thread;
    uint64_t info = cur->ctx.rsi;
    struct cap cap;
    if (!fast_endpoint_cap(cur, info, &cap) || !cap_endpoint_can_send(cap) ||
        !(cap_endpoint_can_grant(cap) || cap_endpoint_can_grant_reply(cap))) {
        return;
    }
    struct endpoint *ep = kva(cap_endpoint_paddr(cap));
    if (ep_state(ep) != EP_RECV) {
        return;
    }
    struct tcb *dest = ep_queue(ep).head;
    uint64_t pml4;
    if (!vspace_root_fast(dest, &pml4) || !partner_runs_next(cur, dest)) {
        return;
    }
    /* The reply cap goes after cur's master reply cap into dest's caller
       slot. The general path makes the master on a thread's first Call and
       empties a caller slot that still holds a cap (a receiver's is empty). */
    struct cte *master = &cur->slots[TCB_REPLY];
    struct cte *caller = &dest->slots[TCB_CALLER];
    if (cap_type(master->cap) == cap_null_cap || cap_type(caller->cap) != cap_null_cap) {
        return;
    }

    /* What sendIPC does for a Call meeting a waiting receiver: dest leaves
       the head of the queue, takes the message and runs; cur waits for the
       reply, whose cap goes into dest's caller slot. */
    struct tcb *next_waiter = dest->ep_next;
    if (next_waiter) {
        next_waiter->ep_prev = NULL;
        ep->head_state = (uint64_t)(uintptr_t)next_waiter | EP_RECV;
    } else {
        ep->head_state = EP_IDLE;
        ep->tail = 0;
    }
    dest->ep_next = dest->ep_prev = NULL;
    transfer_registers(cur, dest, info, cap_endpoint_badge(cap));
    bool reply_can_grant = dest->blocking_can_grant;
    dest->state = THREAD_RUNNING;
    cur->state = THREAD_BLOCKED_ON_REPLY;
    /* cdt_insert of a reply cap (never revocable) after the master, which
       names cur too. */
    caller->cap = cap_reply(cap_reply_tcb_paddr(master->cap), false, reply_can_grant);
    cdt_link_after(master, caller, 0);
    switch_to_partner(dest, pml4);
}

void fastpath_reply_recv(void)
{
    struct tcb *cur = current_thread;
    uint64_t info = cur->ctx.rsi;
    struct cap cap;
    if (!fast_endpoint_cap(cur, info, &cap) || !cap_endpoint_can_receive(cap)) {
        return;
    }
    struct endpoint *ep = kva(cap_endpoint_paddr(cap));
    if (ep_state(ep) == EP_SEND) {
        return;
    }
    struct notification *n = cur->bound_notification;
    if (n && notification_state(n) == NTFN_ACTIVE) {
        return;
    }
    struct cte *caller_slot = &cur->slots[TCB_CALLER];
    struct cap reply = caller_slot->cap;
    if (cap_type(reply) != cap_reply_cap || cap_reply_is_master(reply)) {
        return;
    }
    struct tcb *caller = kva(cap_reply_tcb_paddr(reply));
    if (caller->state != THREAD_BLOCKED_ON_REPLY || caller->fault.type != seL4_Fault_NullFault) {
        return;
    }
    uint64_t pml4;
    if (!vspace_root_fast(caller, &pml4) || !partner_runs_next(cur, caller)) {
        return;
    }

    /* The reply (doReplyTransfer): the message, the reply cap used up, the
       caller runs. */
    transfer_registers(cur, caller, info, 0);
    cdt_unlink(caller_slot);
    caller->state = THREAD_RUNNING;
    /* The receive (receiveIPC, blocking): cur joins the endpoint's queue. */
    cur->blocking_object = ep;
    cur->blocking_can_grant = cap_endpoint_can_grant(cap);
    cur->state = THREAD_BLOCKED_ON_RECEIVE;
    struct tcb *tail = (struct tcb *)(uintptr_t)ep->tail;
    cur->ep_next = NULL;
    cur->ep_prev = tail;
    if (tail) {
        tail->ep_next = cur; /* a non-empty queue: the endpoint is already in EP_RECV */
    } else {
        ep->head_state = (uint64_t)(uintptr_t)cur | EP_RECV;
    }
    ep->tail = (uint64_t)(uintptr_t)cur;
    switch_to_partner(caller, pml4);
}

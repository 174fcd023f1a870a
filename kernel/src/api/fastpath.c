/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Fastpath for Call and ReplyRecv, as seL4 has one. Each first checks that
 * the call has the one shape it handles: at most four message registers
 * and no caps, a thread without a pending fault, an endpoint cap with the
 * rights needed, and a partner that is waiting, has an address space and,
 * by priority, is the thread the scheduler would pick next. Only then does
 * it change anything, and it changes exactly what the general path would:
 * the same queue, thread states, registers and reply cap, then a direct
 * switch to the partner. Any other shape returns false before touching
 * state, and the general path runs.
 */
#include <api/fastpath.h>
#include <api/invocation.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/notification.h>

/* The message info fields the fastpath needs; false for long or cap-carrying messages. */
static bool short_message(uint64_t info_word, uint64_t *length)
{
    uint64_t extra_caps = (info_word >> 7) & 3;
    *length = info_word & 0x7f;
    return extra_caps == 0 && *length <= N_MSG_REGISTERS;
}

/* The general path would switch to partner now: it preempts the current
   thread, or nothing ready outranks it (seL4's schedule() for a candidate). */
static bool partner_runs_next(const struct tcb *cur, const struct tcb *partner)
{
    if (partner->domain != cur->domain) {
        return false;
    }
    return partner->priority >= cur->priority || highest_ready_priority() <= (int)partner->priority;
}

static bool has_vspace(const struct tcb *t)
{
    struct cap v = t->slots[TCB_VTABLE].cap;
    return cap_type(v) == cap_pml4_cap;
}

/* MRs 0..length-1 (all in registers here), then the reply's info and badge. */
static void transfer_registers(struct tcb *from, struct tcb *to, uint64_t info_word, uint64_t length,
                               uint64_t badge)
{
    if (length > 0) {
        to->ctx.r10 = from->ctx.r10;
    }
    if (length > 1) {
        to->ctx.r8 = from->ctx.r8;
    }
    if (length > 2) {
        to->ctx.r9 = from->ctx.r9;
    }
    if (length > 3) {
        to->ctx.r15 = from->ctx.r15;
    }
    to->ctx.rsi = (info_word & ~0xfffull) | length; /* label, no caps */
    to->ctx.rdi = badge;
}

bool fastpath_call(void)
{
    struct tcb *cur = current_thread;
    uint64_t length;
    if (!short_message(cur->ctx.rsi, &length) || cur->fault.type != seL4_Fault_NullFault) {
        return false;
    }
    struct resolve_result r = lookup_slot(cur, cur->ctx.rdi);
    if (r.status != EXCEPTION_NONE) {
        return false;
    }
    struct cap cap = r.slot->cap;
    if (cap_type(cap) != cap_endpoint_cap || !cap_endpoint_can_send(cap) ||
        !(cap_endpoint_can_grant(cap) || cap_endpoint_can_grant_reply(cap))) {
        return false;
    }
    struct endpoint *ep = kva(cap_endpoint_paddr(cap));
    if (ep_state(ep) != EP_RECV) {
        return false;
    }
    struct tcb_queue q = ep_queue(ep);
    struct tcb *dest = q.head;
    if (!has_vspace(dest) || !partner_runs_next(cur, dest)) {
        return false;
    }

    /* What sendIPC does for a Call meeting a waiting receiver. */
    tcb_queue_remove(&q, dest);
    ep_set(ep, q, EP_RECV);
    transfer_registers(cur, dest, cur->ctx.rsi, length, cap_endpoint_badge(cap));
    bool reply_can_grant = dest->blocking_can_grant;
    dest->state = THREAD_RUNNING;
    cur->state = THREAD_BLOCKED_ON_REPLY;
    setup_reply_master(cur);
    cdt_remove(&dest->slots[TCB_CALLER]);
    cdt_insert(cap_reply(kpa(cur), false, reply_can_grant), &cur->slots[TCB_REPLY], &dest->slots[TCB_CALLER]);
    switch_to_now(dest);
    return true;
}

bool fastpath_reply_recv(void)
{
    struct tcb *cur = current_thread;
    uint64_t length;
    if (!short_message(cur->ctx.rsi, &length) || cur->fault.type != seL4_Fault_NullFault) {
        return false;
    }
    struct resolve_result r = lookup_slot(cur, cur->ctx.rdi);
    if (r.status != EXCEPTION_NONE) {
        return false;
    }
    struct cap cap = r.slot->cap;
    if (cap_type(cap) != cap_endpoint_cap || !cap_endpoint_can_receive(cap)) {
        return false;
    }
    struct endpoint *ep = kva(cap_endpoint_paddr(cap));
    if (ep_state(ep) == EP_SEND) {
        return false;
    }
    struct notification *n = cur->bound_notification;
    if (n && notification_state(n) == NTFN_ACTIVE) {
        return false;
    }
    struct cte *caller_slot = &cur->slots[TCB_CALLER];
    struct cap reply = caller_slot->cap;
    if (cap_type(reply) != cap_reply_cap || cap_reply_is_master(reply)) {
        return false;
    }
    struct tcb *caller = kva(cap_reply_tcb_paddr(reply));
    if (caller->state != THREAD_BLOCKED_ON_REPLY || caller->fault.type != seL4_Fault_NullFault ||
        !has_vspace(caller) || !partner_runs_next(cur, caller)) {
        return false;
    }

    /* The reply (doReplyTransfer), then the receive (receiveIPC blocking). */
    transfer_registers(cur, caller, cur->ctx.rsi, length, 0);
    cdt_remove(caller_slot);
    caller->state = THREAD_RUNNING;
    cur->blocking_object = ep;
    cur->blocking_can_grant = cap_endpoint_can_grant(cap);
    cur->state = THREAD_BLOCKED_ON_RECEIVE;
    struct tcb_queue q = ep_queue(ep);
    tcb_queue_append(&q, cur);
    ep_set(ep, q, EP_RECV);
    switch_to_now(caller);
    return true;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Endpoint IPC (seL4's sendIPC, receiveIPC, cancelIPC and friends). A thread
 * that finds its partner waiting transfers at once and the partner runs
 * again; otherwise it joins the endpoint's queue (when blocking). A Call
 * leaves the caller blocked on a reply cap held by the receiver.
 */
#include <api/invocation.h>
#include <kernel/cdt.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/notification.h>

void tcb_queue_append(struct tcb_queue *q, struct tcb *t)
{
    t->ep_next = NULL;
    t->ep_prev = q->tail;
    if (q->tail) {
        q->tail->ep_next = t;
    } else {
        q->head = t;
    }
    q->tail = t;
}

void tcb_queue_remove(struct tcb_queue *q, struct tcb *t)
{
    if (t->ep_prev) {
        t->ep_prev->ep_next = t->ep_next;
    } else {
        q->head = t->ep_next;
    }
    if (t->ep_next) {
        t->ep_next->ep_prev = t->ep_prev;
    } else {
        q->tail = t->ep_prev;
    }
    t->ep_next = t->ep_prev = NULL;
}

void send_ipc(bool blocking, bool do_call, uint64_t badge, bool can_grant, bool can_grant_reply, struct tcb *thread,
              struct endpoint *ep)
{
    struct tcb_queue q = ep_queue(ep);
    switch (ep_state(ep)) {
    case EP_IDLE:
    case EP_SEND:
        if (blocking) {
            thread->blocking_object = ep;
            thread->blocking_badge = badge;
            thread->blocking_can_grant = can_grant;
            thread->blocking_can_grant_reply = can_grant_reply;
            thread->blocking_is_call = do_call;
            set_thread_state(thread, THREAD_BLOCKED_ON_SEND);
            tcb_queue_append(&q, thread);
            ep_set(ep, q, EP_SEND);
        }
        return;
    case EP_RECV: {
        struct tcb *dest = q.head;
        tcb_queue_remove(&q, dest);
        ep_set(ep, q, EP_RECV);
        do_ipc_transfer(thread, ep, badge, can_grant, dest);
        bool reply_can_grant = dest->blocking_can_grant;
        set_thread_state(dest, THREAD_RUNNING);
        possible_switch_to(dest);
        if (do_call) {
            if (can_grant || can_grant_reply) {
                setup_caller_cap(thread, dest, reply_can_grant);
            } else {
                set_thread_state(thread, THREAD_INACTIVE);
            }
        }
        return;
    }
    }
}

void receive_ipc(struct tcb *thread, struct cap cap, bool blocking)
{
    struct endpoint *ep = kva(cap_endpoint_paddr(cap));
    struct notification *n = thread->bound_notification;
    if (n && notification_state(n) == NTFN_ACTIVE) {
        complete_signal(n, thread);
        return;
    }
    struct tcb_queue q = ep_queue(ep);
    switch (ep_state(ep)) {
    case EP_IDLE:
    case EP_RECV:
        if (blocking) {
            thread->blocking_object = ep;
            thread->blocking_can_grant = cap_endpoint_can_grant(cap);
            set_thread_state(thread, THREAD_BLOCKED_ON_RECEIVE);
            tcb_queue_append(&q, thread);
            ep_set(ep, q, EP_RECV);
        } else {
            /* seL4's doNBRecvFailedTransfer: badge 0, nothing else changes. */
            thread->ctx.rdi = 0;
        }
        return;
    case EP_SEND: {
        struct tcb *sender = q.head;
        tcb_queue_remove(&q, sender);
        ep_set(ep, q, EP_SEND);
        do_ipc_transfer(sender, ep, sender->blocking_badge, sender->blocking_can_grant, thread);
        if (sender->blocking_is_call) {
            if (sender->blocking_can_grant || sender->blocking_can_grant_reply) {
                setup_caller_cap(sender, thread, cap_endpoint_can_grant(cap));
            } else {
                set_thread_state(sender, THREAD_INACTIVE);
            }
        } else {
            set_thread_state(sender, THREAD_RUNNING);
            possible_switch_to(sender);
        }
        return;
    }
    }
}

void cancel_ipc(struct tcb *t)
{
    switch (t->state) {
    case THREAD_BLOCKED_ON_SEND:
    case THREAD_BLOCKED_ON_RECEIVE: {
        struct endpoint *ep = t->blocking_object;
        struct tcb_queue q = ep_queue(ep);
        tcb_queue_remove(&q, t);
        ep_set(ep, q, ep_state(ep));
        set_thread_state(t, THREAD_INACTIVE);
        return;
    }
    case THREAD_BLOCKED_ON_NOTIFICATION:
        cancel_signal(t, t->blocking_object);
        return;
    case THREAD_BLOCKED_ON_REPLY: {
        /* The reply cap goes; the thread stays blocked until its caller decides. */
        t->fault.type = seL4_Fault_NullFault;
        struct cte *master = &t->slots[TCB_REPLY];
        struct cte *caller = mdb_next(master);
        if (caller && cap_type(caller->cap) == cap_reply_cap && cap_reply_tcb_paddr(caller->cap) == kpa(t)) {
            cdt_remove(caller);
        }
        return;
    }
    default:
        return;
    }
}

/* Threads of a deleted endpoint restart their syscall (and then find the cap gone). */
static void restart_queued(struct tcb *t)
{
    if (t->fault.type == seL4_Fault_NullFault) {
        set_thread_state(t, THREAD_RESTART);
        sched_enqueue(t);
    } else {
        set_thread_state(t, THREAD_INACTIVE);
    }
}

void cancel_all_ipc(struct endpoint *ep)
{
    if (ep_state(ep) == EP_IDLE) {
        return;
    }
    struct tcb_queue q = ep_queue(ep);
    ep_set(ep, (struct tcb_queue){NULL, NULL}, EP_IDLE);
    for (struct tcb *t = q.head; t;) {
        struct tcb *next = t->ep_next;
        t->ep_next = t->ep_prev = NULL;
        restart_queued(t);
        t = next;
    }
    reschedule_required();
}

void cancel_badged_sends(struct endpoint *ep, uint64_t badge)
{
    if (ep_state(ep) != EP_SEND) {
        return;
    }
    struct tcb_queue q = ep_queue(ep);
    for (struct tcb *t = q.head; t;) {
        struct tcb *next = t->ep_next;
        if (t->blocking_badge == badge) {
            tcb_queue_remove(&q, t);
            set_thread_state(t, THREAD_RESTART);
            sched_enqueue(t);
        }
        t = next;
    }
    ep_set(ep, q, EP_SEND);
    reschedule_required();
}

void endpoint_finalise(struct endpoint *ep)
{
    cancel_all_ipc(ep);
}

exception_t decode_endpoint_invocation(uint64_t cptr, struct cap cap, bool is_blocking, bool call)
{
    if (!cap_endpoint_can_send(cap)) {
        user_error("Attempted to invoke a read-only endpoint cap #%lu.", cptr);
        return invalid_capability(0);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    send_ipc(is_blocking, call, cap_endpoint_badge(cap), cap_endpoint_can_grant(cap),
             cap_endpoint_can_grant_reply(cap), current_thread, kva(cap_endpoint_paddr(cap)));
    return EXCEPTION_NONE;
}

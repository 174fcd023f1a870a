/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Notification objects (seL4's sendSignal, receiveSignal and binding). A
 * signal wakes the first waiter with the badge, or ORs the badge into the
 * notification's word until someone waits; a bound thread blocked receiving
 * on an endpoint is woken by a signal as if it had waited on the
 * notification.
 */
#include <api/invocation.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/notification.h>

enum notification_state notification_state(const struct notification *n)
{
    return (enum notification_state)(n->head_state & QUEUE_STATE_MASK);
}

static struct tcb_queue ntfn_queue(const struct notification *n)
{
    return (struct tcb_queue){(struct tcb *)(uintptr_t)(n->head_state & ~QUEUE_STATE_MASK),
                              (struct tcb *)(uintptr_t)n->tail};
}

static void ntfn_set(struct notification *n, struct tcb_queue q, enum notification_state s)
{
    n->head_state = (uint64_t)(uintptr_t)q.head | (uint64_t)s;
    n->tail = (uint64_t)(uintptr_t)q.tail;
}

static void ntfn_set_active(struct notification *n, uint64_t badge)
{
    ntfn_set(n, (struct tcb_queue){NULL, NULL}, NTFN_ACTIVE);
    n->msg_identifier = badge;
}

void send_signal(struct notification *n, uint64_t badge)
{
    switch (notification_state(n)) {
    case NTFN_IDLE: {
        struct tcb *t = n->bound_tcb;
        /* A bound thread waiting on an endpoint takes the signal directly; one
           blocked in a Call (on its reply) does not. */
        if (t && t->state == THREAD_BLOCKED_ON_RECEIVE) {
            cancel_ipc(t);
            set_thread_state(t, THREAD_RUNNING);
            t->ctx.rdi = badge;
            possible_switch_to(t);
        } else {
            ntfn_set_active(n, badge);
        }
        return;
    }
    case NTFN_WAITING: {
        struct tcb_queue q = ntfn_queue(n);
        struct tcb *dest = q.head;
        tcb_queue_remove(&q, dest);
        ntfn_set(n, q, q.head ? NTFN_WAITING : NTFN_IDLE);
        set_thread_state(dest, THREAD_RUNNING);
        dest->ctx.rdi = badge;
        possible_switch_to(dest);
        return;
    }
    case NTFN_ACTIVE:
        n->msg_identifier |= badge;
        return;
    }
}

void receive_signal(struct tcb *thread, struct cap cap, bool blocking)
{
    struct notification *n = kva(cap_notification_paddr(cap));
    switch (notification_state(n)) {
    case NTFN_IDLE:
    case NTFN_WAITING:
        if (blocking) {
            struct tcb_queue q = ntfn_queue(n);
            thread->blocking_object = n;
            set_thread_state(thread, THREAD_BLOCKED_ON_NOTIFICATION);
            tcb_queue_append(&q, thread);
            ntfn_set(n, q, NTFN_WAITING);
        } else {
            thread->ctx.rdi = 0;
        }
        return;
    case NTFN_ACTIVE:
        thread->ctx.rdi = n->msg_identifier;
        ntfn_set(n, (struct tcb_queue){NULL, NULL}, NTFN_IDLE);
        return;
    }
}

void complete_signal(struct notification *n, struct tcb *thread)
{
    if (thread && notification_state(n) == NTFN_ACTIVE) {
        thread->ctx.rdi = n->msg_identifier;
        ntfn_set(n, (struct tcb_queue){NULL, NULL}, NTFN_IDLE);
    }
}

void cancel_signal(struct tcb *thread, struct notification *n)
{
    struct tcb_queue q = ntfn_queue(n);
    tcb_queue_remove(&q, thread);
    ntfn_set(n, q, q.head ? NTFN_WAITING : NTFN_IDLE);
    set_thread_state(thread, THREAD_INACTIVE);
}

static void cancel_all_signals(struct notification *n)
{
    if (notification_state(n) != NTFN_WAITING) {
        return;
    }
    struct tcb_queue q = ntfn_queue(n);
    ntfn_set(n, (struct tcb_queue){NULL, NULL}, NTFN_IDLE);
    for (struct tcb *t = q.head; t;) {
        struct tcb *next = t->ep_next;
        t->ep_next = t->ep_prev = NULL;
        set_thread_state(t, THREAD_RESTART);
        sched_enqueue(t);
        t = next;
    }
    reschedule_required();
}

void bind_notification(struct tcb *t, struct notification *n)
{
    n->bound_tcb = t;
    t->bound_notification = n;
}

void unbind_notification(struct tcb *t)
{
    struct notification *n = t->bound_notification;
    if (n) {
        n->bound_tcb = NULL;
        t->bound_notification = NULL;
    }
}

void notification_finalise(struct notification *n)
{
    if (n->bound_tcb) {
        unbind_notification(n->bound_tcb);
    }
    cancel_all_signals(n);
}

exception_t decode_notification_invocation(uint64_t cptr, struct cap cap)
{
    if (!cap_notification_can_send(cap)) {
        user_error("Attempted to invoke a read-only notification cap #%lu.", cptr);
        return invalid_capability(0);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    send_signal(kva(cap_notification_paddr(cap)), cap_notification_badge(cap));
    return EXCEPTION_NONE;
}

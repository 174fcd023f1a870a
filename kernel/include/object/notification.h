/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Notifications: asynchronous signals. A notification is idle, active (with
 * the OR of the badges signalled since the last wait), or holds a queue of
 * waiting threads. One thread may be bound to it: a signal then also wakes
 * that thread when it waits on an endpoint.
 */
#ifndef OBJECT_NOTIFICATION_H
#define OBJECT_NOTIFICATION_H

#include <object/endpoint.h>

enum notification_state { NTFN_IDLE = 0, NTFN_WAITING = 1, NTFN_ACTIVE = 2 };

/* The 32-byte notification object (seL4_NotificationBits). */
struct notification {
    struct tcb *bound_tcb;
    uint64_t msg_identifier; /* OR of the badges while active */
    uint64_t head_state;     /* queue head | state */
    uint64_t tail;
};
_Static_assert(sizeof(struct notification) == 1u << seL4_NotificationBits, "a notification fills its object");

enum notification_state notification_state(const struct notification *n);

/* Signal with badge (seL4's sendSignal); callable from interrupt handling. */
void send_signal(struct notification *n, uint64_t badge);
/* Wait or Poll on the notification named by cap (seL4's receiveSignal). */
void receive_signal(struct tcb *thread, struct cap cap, bool blocking);
/* Gives an active notification's word to thread (seL4's completeSignal). */
void complete_signal(struct notification *n, struct tcb *thread);
/* Takes a thread waiting on n out of its queue; it becomes inactive. */
void cancel_signal(struct tcb *thread, struct notification *n);
void bind_notification(struct tcb *t, struct notification *n);
void unbind_notification(struct tcb *t);
/* The finalise hook for notifications: unbinds it and restarts its waiters. */
void notification_finalise(struct notification *n);

/* Send with a notification cap: a signal (seL4's decodeInvocation for notifications). */
exception_t decode_notification_invocation(uint64_t cptr, struct cap cap);

#endif /* OBJECT_NOTIFICATION_H */

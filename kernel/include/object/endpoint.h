/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Endpoints: synchronous IPC. An endpoint is idle, or holds a queue of
 * threads all waiting to send or all waiting to receive; a send meets a
 * waiting receiver (or the reverse) and the message moves at once. Also the
 * cancelling of IPC that thread suspension and object deletion need.
 */
#ifndef OBJECT_ENDPOINT_H
#define OBJECT_ENDPOINT_H

#include <object/tcb.h>

enum endpoint_state { EP_IDLE = 0, EP_SEND = 1, EP_RECV = 2 };

/* The 16-byte endpoint object (seL4_EndpointBits): queue head with the state
   in its low bits (TCBs are 2 KiB aligned), queue tail. */
struct endpoint {
    uint64_t head_state;
    uint64_t tail;
};
_Static_assert(sizeof(struct endpoint) == 1u << seL4_EndpointBits, "an endpoint fills its object");

/* A queue of threads, blocked on an endpoint or a notification. */
struct tcb_queue {
    struct tcb *head, *tail;
};
void tcb_queue_append(struct tcb_queue *q, struct tcb *t);
void tcb_queue_remove(struct tcb_queue *q, struct tcb *t);

#define QUEUE_STATE_MASK 3ull

static inline enum endpoint_state ep_state(const struct endpoint *ep)
{
    return (enum endpoint_state)(ep->head_state & QUEUE_STATE_MASK);
}

static inline struct tcb_queue ep_queue(const struct endpoint *ep)
{
    return (struct tcb_queue){(struct tcb *)(uintptr_t)(ep->head_state & ~QUEUE_STATE_MASK),
                              (struct tcb *)(uintptr_t)ep->tail};
}

/* Stores the queue; an empty queue makes the endpoint idle. */
static inline void ep_set(struct endpoint *ep, struct tcb_queue q, enum endpoint_state s)
{
    if (!q.head) {
        s = EP_IDLE;
    }
    ep->head_state = (uint64_t)(uintptr_t)q.head | (uint64_t)s;
    ep->tail = (uint64_t)(uintptr_t)q.tail;
}

/* Send on an endpoint (seL4's sendIPC); blocking waits for a receiver. */
void send_ipc(bool blocking, bool do_call, uint64_t badge, bool can_grant, bool can_grant_reply, struct tcb *thread,
              struct endpoint *ep);
/* Receive on the endpoint named by cap (seL4's receiveIPC). */
void receive_ipc(struct tcb *thread, struct cap cap, bool blocking);
/* Takes thread out of whatever IPC it is blocked in; it becomes inactive,
   except a thread blocked on a reply, which only loses its reply cap. */
void cancel_ipc(struct tcb *thread);
/* Restarts every thread queued on ep (when its last cap goes). */
void cancel_all_ipc(struct endpoint *ep);
/* Restarts the threads queued to send on ep with this badge (CNode_CancelBadgedSends). */
void cancel_badged_sends(struct endpoint *ep, uint64_t badge);
/* The finalise hook for endpoints: the last cap to ep is being deleted. */
void endpoint_finalise(struct endpoint *ep);

/* Send or Call with an endpoint cap (seL4's decodeInvocation for endpoints). */
exception_t decode_endpoint_invocation(uint64_t cptr, struct cap cap, bool is_blocking, bool call);

#endif /* OBJECT_ENDPOINT_H */

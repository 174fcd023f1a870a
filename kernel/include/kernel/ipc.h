/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Moving a message from one thread to another: message registers, extra
 * caps (derived into the receive slot, or unwrapped to badges), fault
 * messages and fault replies, and the reply caps that a Call leaves with the
 * receiver. Shared by endpoints, replies and fault delivery.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <kernel/registers.h>
#include <object/endpoint.h>

/* The saved register r of t (see kernel/registers.h). */
uint64_t *user_register(struct tcb *t, enum user_register r);

/* Copies the message (or the sender's fault) from sender to receiver. */
void do_ipc_transfer(struct tcb *sender, struct endpoint *ep, uint64_t badge, bool grant, struct tcb *receiver);
/* Completes a Call: sender waits for the reply cap now in receiver's caller slot. */
void setup_caller_cap(struct tcb *sender, struct tcb *receiver, bool can_grant);
void delete_caller_cap(struct tcb *receiver);
/* Gives t its master reply cap when it has none. */
void setup_reply_master(struct tcb *t);
/* Reply from sender to receiver through the reply cap in slot. */
void do_reply_transfer(struct tcb *sender, struct tcb *receiver, struct cte *slot, bool grant);
/* Send or Call with a reply cap: the reply (seL4's decodeInvocation for replies). */
exception_t decode_reply_invocation(uint64_t cptr, struct cap cap, struct cte *slot);

#endif /* KERNEL_IPC_H */

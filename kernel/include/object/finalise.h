/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What happens to an object when the last cap to it is deleted (seL4's
 * finaliseCap), one hook per object type, called by kernel/delete.c. Each
 * hook leaves no kernel reference to the object behind, so its memory can be
 * retyped afterwards. Containers (CNodes and TCBs) then have their slots
 * emptied by the deletion code itself.
 *
 * src/object/finalise_hooks.c has weak default bodies, so the kernel links
 * before an object type's own file defines the hook; that file's definition
 * replaces the default.
 */
#ifndef OBJECT_FINALISE_H
#define OBJECT_FINALISE_H

#include <object/tcb.h>
#include <object/vspace.h>

/* Endpoint: every waiting thread is released and restarts its call. */
void finalise_endpoint(struct cap cap);
/* Notification: waiting threads are released, a bound TCB is unbound. */
void finalise_notification(struct cap cap);
/* IRQ handler: the interrupt line is released. */
void finalise_irq_handler(struct cap cap);
/* I/O ports: the range may be issued again. */
void finalise_io_port(struct cap cap);
/* CNode_CancelBadgedSends: senders with this badge are released. */
void endpoint_cancel_badged_sends(struct cap cap);
/* Thread: tcb_finalise (object/tcb.h). Frames and paging structures:
   vspace_finalise_cap (object/vspace.h). */

#endif /* OBJECT_FINALISE_H */

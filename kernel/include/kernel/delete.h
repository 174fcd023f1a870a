/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Deleting and revoking caps (seL4's cteDelete and cteRevoke). Deleting the
 * last cap to an object finalises it (object/finalise.h). A CNode or TCB
 * whose last cap goes becomes a zombie cap in that slot, and its slots are
 * emptied one at a time from the last, so nesting depth never costs kernel
 * stack. Every step is a work unit (kernel/preemption.h): the operation may
 * stop with EXCEPTION_PREEMPTED when an interrupt is pending, the caller's
 * thread restarts the system call, and the work continues from where the
 * tree now stands.
 */
#ifndef KERNEL_DELETE_H
#define KERNEL_DELETE_H

#include <kernel/lookup.h>
#include <kernel/preemption.h>
#include <object/cap.h>

/* Deletes the cap in slot; exposed is true for deletes a user asked for. */
exception_t cte_delete(struct cte *slot, bool exposed);
/* Deletes every descendant of slot's cap. */
exception_t cte_revoke(struct cte *slot);

#endif /* KERNEL_DELETE_H */

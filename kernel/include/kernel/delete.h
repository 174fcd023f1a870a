/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Deleting and revoking caps (seL4's cteDelete and cteRevoke). Deleting the
 * last cap to an object finalises it (object/finalise.h). A CNode or TCB
 * whose last cap goes becomes a zombie cap in that slot, and its slots are
 * emptied one at a time from the last, so nesting depth never costs kernel
 * stack. Every step is a work unit; every 100 units the operation stops with
 * EXCEPTION_PREEMPTED if an interrupt is due (a timer tick has passed since
 * the invocation began), the caller's thread restarts the system call, and
 * the work continues from where the tree now stands.
 */
#ifndef KERNEL_DELETE_H
#define KERNEL_DELETE_H

#include <kernel/lookup.h>
#include <object/cap.h>

/* Deletes the cap in slot; exposed is true for deletes a user asked for. */
exception_t cte_delete(struct cte *slot, bool exposed);
/* Deletes every descendant of slot's cap. */
exception_t cte_revoke(struct cte *slot);

/* Starts a fresh budget of work units (at the start of an invocation). */
void preemption_budget_reset(void);
/* Counts one unit of work; EXCEPTION_PREEMPTED when it is time to stop. */
exception_t preemption_point(void);

/* The clock behind preemption (kernel/preemption_clock.c): started with the
   budget; due once a timer tick's worth of time has passed since. */
void preemption_clock_start(void);
bool preemption_due(void);

#endif /* KERNEL_DELETE_H */

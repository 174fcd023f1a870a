/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Preemption points of long kernel operations (seL4's preemptionPoint):
 * clearing an untyped, revoking, and deleting through zombies. Each step of
 * such an operation is one work unit. The kernel counts units across all
 * operations and system calls alike; every
 * CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units the count starts over and
 * the interrupt controller is asked whether an interrupt is pending. Only
 * then does the operation stop with EXCEPTION_PREEMPTED, having left its
 * objects in a state from which it can go on. The caller's thread is in the
 * Restart state: the kernel takes the pending interrupt, schedules, and the
 * thread executes the same system call again, which continues the work.
 */
#ifndef KERNEL_PREEMPTION_H
#define KERNEL_PREEMPTION_H

#include <kernel/lookup.h>

/* Counts one unit of work; EXCEPTION_PREEMPTED when the operation must stop. */
exception_t preemption_point(void);

#endif /* KERNEL_PREEMPTION_H */

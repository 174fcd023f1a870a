/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Thread faults: what happens when a thread does something the kernel turns
 * into a fault message (a bad cap in a syscall, an unknown syscall number, a
 * CPU exception, a page fault). The fault goes as a Call to the thread's
 * fault endpoint; with no usable fault endpoint the fault is reported the
 * way seL4 reports it and the thread is suspended.
 */
#ifndef API_FAULTS_H
#define API_FAULTS_H

#include <object/tcb.h>

/* Delivers current_fault for thread (seL4's handleFault). */
void handle_fault(struct tcb *thread);

#endif /* API_FAULTS_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The debug system calls of seL4's debug build (DebugPutChar is a plain
 * console write and stays in api/syscall.c): their effects and console
 * output are those of seL4 16.
 */
#ifndef API_DEBUG_H
#define API_DEBUG_H

#include <object/tcb.h>

void debug_dump_scheduler(void);
_Noreturn void debug_halt(struct tcb *t);
void debug_snapshot(struct tcb *t);
void debug_cap_identify(struct tcb *t);
void debug_name_thread(struct tcb *t);

/* Every thread, for DebugDumpScheduler, in creation order as in seL4. */
void debug_register_thread(struct tcb *t);
void debug_unregister_thread(struct tcb *t);

#endif /* API_DEBUG_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * FPU/SSE ownership (fpu.c): which thread's state the FPU registers hold,
 * whether CR0.TS makes FPU instructions trap, and the step every thread
 * switch takes, inline because the IPC fastpath takes it on every round
 * trip. The rest of the FPU code (initial state, release, flag changes) is
 * declared in machine.h.
 */
#ifndef ARCH_X86_64_FPU_H
#define ARCH_X86_64_FPU_H

#include <arch/x86_64/cpu.h>
#include <object/tcb.h>

/* The thread whose state the FPU registers hold, or NULL. */
extern struct tcb *fpu_owner;
/* CR0.TS as the kernel last set it, so that switching does not read CR0. */
extern bool fpu_trapping;

/* Sets or clears CR0.TS when it differs from what is wanted. */
void fpu_set_enabled(bool enabled);

/* Makes the FPU t's: trapping for a thread with seL4_TCBFlag_fpuDisabled,
   else enabled with t's state loaded, the previous owner's saved first
   (switched eagerly, as seL4 16 does). */
static inline void fpu_switch_to(struct tcb *t)
{
    if (t->flags & seL4_TCBFlag_fpuDisabled) {
        fpu_set_enabled(false);
        return;
    }
    if (fpu_trapping) {
        fpu_set_enabled(true);
    }
    struct tcb *owner = fpu_owner;
    if (owner == t) {
        return;
    }
    if (owner) {
        fxsave(owner->fpu);
    }
    fxrstor(t->fpu);
    fpu_owner = t;
}

#endif /* ARCH_X86_64_FPU_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Per-thread FPU/SSE state with FXSAVE (512 bytes), switched eagerly: the
 * kernel itself is compiled without SSE, so user state stays in the
 * registers across kernel entries and only moves when another thread runs.
 * CR4.OSFXSR and CR4.OSXMMEXCPT are set in head.S.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <kernel/string.h>
#include <object/tcb.h>

static uint8_t initial_state[FPU_STATE_SIZE] __attribute__((aligned(16)));
static struct tcb *fpu_owner;

void fpu_init(void)
{
    uint32_t mxcsr = 0x1f80; /* all SSE exceptions masked, round to nearest */
    __asm__ volatile("fninit");
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    fxsave(initial_state);
}

void fpu_init_thread(struct tcb *t)
{
    memcpy(t->fpu, initial_state, FPU_STATE_SIZE);
}

void fpu_switch_to(struct tcb *t)
{
    if (fpu_owner == t) {
        return;
    }
    if (fpu_owner) {
        fxsave(fpu_owner->fpu);
    }
    fxrstor(t->fpu);
    fpu_owner = t;
}

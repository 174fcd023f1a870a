/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Per-thread FPU/SSE state with FXSAVE (512 bytes), switched eagerly: the
 * kernel itself is compiled without SSE, so user state stays in the
 * registers across kernel entries and only moves when another thread runs.
 * CR4.OSFXSR and CR4.OSXMMEXCPT are set in head.S.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/machine.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <object/tcb.h>

static uint8_t initial_state[FPU_STATE_SIZE] __attribute__((aligned(16)));
struct tcb *fpu_owner;
bool fpu_trapping; /* fpu_init clears CR0.TS */

#define CR0_TS 0x8ull

void fpu_init(void)
{
    uint32_t mxcsr = 0x1f80; /* all SSE exceptions masked, round to nearest */
    __asm__ volatile("clts");
    fpu_trapping = false;
    __asm__ volatile("fninit");
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    fxsave(initial_state);
}

void fpu_init_thread(struct tcb *t)
{
    memcpy(t->fpu, initial_state, FPU_STATE_SIZE);
}

static inline uint64_t read_cr0(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

/* CR0.TS makes every FPU/SSE instruction raise #NM: a thread with
   seL4_TCBFlag_fpuDisabled then takes a user exception (vector 7), as on seL4. */
void fpu_set_enabled(bool enabled)
{
    if (fpu_trapping == !enabled) {
        return;
    }
    fpu_trapping = !enabled;
    if (enabled) {
        __asm__ volatile("clts" ::: "memory");
    } else {
        write_cr0(read_cr0() | CR0_TS);
    }
}

void fpu_release(struct tcb *t)
{
    if (fpu_owner != t) {
        return;
    }
    bool was_enabled = !fpu_trapping;
    fpu_set_enabled(true);
    fxsave(t->fpu);
    fpu_owner = NULL;
    fpu_set_enabled(was_enabled);
}

void fpu_flags_changed(struct tcb *t)
{
    if (t->flags & seL4_TCBFlag_fpuDisabled) {
        fpu_release(t);
    }
    if (t == current_thread) {
        fpu_switch_to(t);
    }
}

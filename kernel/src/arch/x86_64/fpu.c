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
#include <kernel/thread.h>
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

#define CR0_TS 0x8ull

static inline uint64_t read_cr0(void)
{
    uint64_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}
static inline void write_cr0(uint64_t v) { __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

/* CR0.TS makes every FPU/SSE instruction raise #NM: a thread with
   seL4_TCBFlag_fpuDisabled then takes a user exception (vector 7), as on seL4. */
static void set_fpu_enabled(bool enabled)
{
    uint64_t cr0 = read_cr0();
    uint64_t want = enabled ? cr0 & ~CR0_TS : cr0 | CR0_TS;
    if (want != cr0) {
        write_cr0(want);
    }
}

void fpu_switch_to(struct tcb *t)
{
    if (t->flags & seL4_TCBFlag_fpuDisabled) {
        set_fpu_enabled(false);
        return;
    }
    set_fpu_enabled(true);
    if (fpu_owner == t) {
        return;
    }
    if (fpu_owner) {
        fxsave(fpu_owner->fpu);
    }
    fxrstor(t->fpu);
    fpu_owner = t;
}

void fpu_release(struct tcb *t)
{
    if (fpu_owner != t) {
        return;
    }
    bool was_enabled = !(read_cr0() & CR0_TS);
    set_fpu_enabled(true);
    fxsave(t->fpu);
    fpu_owner = NULL;
    set_fpu_enabled(was_enabled);
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

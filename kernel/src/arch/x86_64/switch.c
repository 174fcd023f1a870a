/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Making a thread the one the CPU runs: its address space, where its next
 * kernel entry saves registers, its FPU state; and the last checks before
 * returning to it, so no saved value can give user mode kernel privileges or
 * fault the kernel (flags, RIP, FS/GS bases; restore_user_context in traps.S
 * supplies the selectors).
 */
#include <arch/x86_64/context.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/fpu.h>
#include <arch/x86_64/machine.h>
#include <arch/x86_64/paging.h>
#include <kernel/thread.h>

/* Flags a thread may set: arithmetic, trap, direction, overflow, alignment check, ID. */
#define USER_RFLAGS_MASK 0x00240dd5ull
#define RFLAGS_FIXED 0x202ull /* IF and the reserved bit 1 */

/* The saved FS and GS bases the MSRs were last loaded from (both MSRs are 0
   from reset and only this file writes them). As seL4 does without FSGSBASE
   instructions, a base is written only when it differs: an MSR write is one
   of the slowest instructions on the way back to user mode. */
static uint64_t loaded_fs_base, loaded_gs_base;

/* Where t's next kernel entry saves its registers, and its FPU state. */
static inline void load_thread_state(struct tcb *t)
{
    uint64_t top = (uint64_t)(uintptr_t)&t->ctx.fs_base;
    tss_set_rsp0(top);
    current_context_top = top;
    fpu_switch_to(t);
}

void arch_switch_to(struct tcb *t)
{
    set_vm_root(t); /* its PML4 if its ASID still names it, else the kernel's */
    load_thread_state(t);
}

static inline __attribute__((always_inline)) _Noreturn void return_to_user(struct tcb *t)
{
    struct user_context *c = &t->ctx;
    c->rflags = (c->rflags & USER_RFLAGS_MASK) | RFLAGS_FIXED;
    /* Returning to a non-canonical RIP faults in ring 0 (with either sysretq or
       iretq); such a value can only come from a register write, so refuse it here:
       the thread then takes a page fault at 0 instead. */
    if (!is_canonical(c->rip)) {
        c->rip = 0;
    }
    /* A non-canonical base is kept in the TCB (as seL4 does) but loaded as 0. */
    if (c->fs_base != loaded_fs_base) {
        loaded_fs_base = c->fs_base;
        wrmsr(MSR_FS_BASE, is_canonical(c->fs_base) ? c->fs_base : 0);
    }
    if (c->gs_base != loaded_gs_base) {
        loaded_gs_base = c->gs_base;
        wrmsr(MSR_GS_BASE, is_canonical(c->gs_base) ? c->gs_base : 0);
    }
    restore_user_context(c);
}

_Noreturn void arch_return_to_user(struct tcb *t)
{
    return_to_user(t);
}

/* Reads current_thread anew after each call, rather than keeping it in a
   register: with no value living across a call, this function saves no
   registers of its own. */
_Noreturn void arch_switch_and_return(uint64_t pml4)
{
    if (read_cr3() != pml4) {
        write_cr3(pml4);
    }
    uint64_t top = (uint64_t)(uintptr_t)&current_thread->ctx.fs_base;
    current_context_top = top;
    tss_set_rsp0(top);
    fpu_switch_to(current_thread);
    return_to_user(current_thread);
}

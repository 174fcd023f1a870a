/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Making a thread the one the CPU runs: its address space, where its next
 * kernel entry saves registers, its FPU state; and the last checks before
 * returning to it, so no saved value can give user mode kernel privileges or
 * fault the kernel (flags, selectors, FS/GS bases).
 */
#include <arch/x86_64/context.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <arch/x86_64/paging.h>
#include <object/tcb.h>

/* Flags a thread may set: arithmetic, trap, direction, overflow, alignment check, ID. */
#define USER_RFLAGS_MASK 0x00240dd5ull
#define RFLAGS_FIXED 0x202ull /* IF and the reserved bit 1 */

void arch_switch_to(struct tcb *t)
{
    set_vm_root(t); /* its PML4 if its ASID still names it, else the kernel's */
    uint64_t top = (uint64_t)(uintptr_t)&t->ctx.fs_base;
    tss_set_rsp0(top);
    current_context_top = top;
    fpu_switch_to(t);
}

_Noreturn void arch_return_to_user(struct tcb *t)
{
    struct user_context *c = &t->ctx;
    c->cs = SEL_USER_CS;
    c->ss = SEL_USER_SS;
    c->rflags = (c->rflags & USER_RFLAGS_MASK) | RFLAGS_FIXED;
    /* Returning to a non-canonical RIP faults in ring 0 (with either sysretq or
       iretq); such a value can only come from a register write, so refuse it here:
       the thread then takes a page fault at 0 instead. */
    if (!is_canonical(c->rip)) {
        c->rip = 0;
    }
    /* A non-canonical base is kept in the TCB (as seL4 does) but not loaded. */
    wrmsr(MSR_FS_BASE, is_canonical(c->fs_base) ? c->fs_base : 0);
    wrmsr(MSR_GS_BASE, is_canonical(c->gs_base) ? c->gs_base : 0);
    restore_user_context(c);
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Programs the syscall instruction: entry point, the selectors syscall and
 * sysretq load, and the flags cleared on entry (interrupts stay off in the
 * kernel; direction, trap and alignment-check flags are cleared too).
 */
#include <arch/x86_64/context.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>

extern char syscall_entry[];

#define RFLAGS_TF 0x100
#define RFLAGS_IF 0x200
#define RFLAGS_DF 0x400
#define RFLAGS_NT 0x4000
#define RFLAGS_AC 0x40000

void syscall_msr_init(void)
{
    /* sysretq: CS = 0x18 + 16 (0x2b), SS = 0x18 + 8; syscall: CS 0x08, SS 0x10. */
    wrmsr(MSR_STAR, ((uint64_t)(SEL_USER_CS - 16 - 3) << 48) | ((uint64_t)SEL_KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)syscall_entry);
    wrmsr(MSR_SFMASK, RFLAGS_TF | RFLAGS_IF | RFLAGS_DF | RFLAGS_NT | RFLAGS_AC);
}

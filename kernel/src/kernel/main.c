/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel starts here. This file is the table of contents: head.S has set
 * up long mode and the higher half, and kernel_main brings up the rest in
 * order, each step one call. Where to read next:
 *
 *   arch/x86_64/head.S      multiboot header, 32-bit entry, boot page tables
 *   arch/x86_64/traps.S     every kernel entry and the return to user mode
 *   arch/x86_64/trap.c      C side of entries: syscalls, exceptions, interrupts
 *   api/syscall.c           syscall dispatch
 *   api/debug.c             the debug calls (DebugHalt, DebugNameThread, ...)
 *   api/invocation.c        invoking a cap: lookup, decode, perform, reply
 *   api/faults.c            faults and seL4's fault reports
 *   object/                 one file per object type (decode, then perform)
 *   kernel/cspace.c         cptr resolution with seL4's lookup failures
 *   kernel/cdt.c            the capability derivation tree
 *   kernel/delete.c         deleting and revoking caps, finalising objects
 *   kernel/thread.c         the scheduler
 *   boot/root_task.c        the root task, its CSpace and boot info
 *   include/memlayout.h     the address map
 *
 * Words the code uses as seL4 does (README.md says more): a cap is a
 * reference to a kernel object with rights; a cte is one slot holding a cap;
 * a cnode is an object that is an array of ctes, and CNodes form a thread's
 * CSpace, where a cptr names a slot; a tcb is a thread; an untyped is a block
 * of physical memory from which other objects are made.
 */
#include <arch/x86_64/machine.h>
#include <arch/x86_64/serial.h>
#include <boot/multiboot.h>
#include <boot/root_task.h>
#include <kernel/thread.h>

_Noreturn void kernel_main(uint32_t multiboot_magic, uint32_t multiboot_info);

static struct boot_input boot_input;

_Noreturn void kernel_main(uint32_t multiboot_magic, uint32_t multiboot_info)
{
    serial_init();                                             /* console, so every later failure is reported */
    gdt_init();                                                /* seL4's segment selectors and the TSS */
    idt_init();                                                /* every vector to traps.S */
    syscall_msr_init();                                        /* the syscall instruction */
    fpu_init();                                                /* FPU/SSE initial state for new threads */
    multiboot_read(multiboot_magic, multiboot_info, &boot_input); /* root task module, memory map */
    vspace_init_kernel();                                      /* drop the boot identity map */
    timer_init();                                              /* TSC frequency, 2 ms tick */
    create_root_task(&boot_input);                             /* image, CSpace, boot info, thread */
    schedule_and_return_to_user();                             /* run it */
}

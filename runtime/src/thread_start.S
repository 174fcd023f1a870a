/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Where a new thread starts. pthread_create writes the stack pointer into
 * RBX and the thread record into R12 as well as into RSP and RDI: a TCB
 * reused after its last thread suspended itself inside a system call may
 * be resumed through the kernel's syscall return path, which does not
 * restore RSP (see thread.c), while RBX and R12 are restored on every
 * path. The CFI marks the outermost frame for unwinders.
 */
    .section .text.sel4rt_thread_start, "ax", @progbits
    .globl sel4rt_thread_start
    .hidden sel4rt_thread_start
    .type sel4rt_thread_start, @function
sel4rt_thread_start:
    .cfi_startproc
    .cfi_undefined rip
    movq %rbx, %rsp
    movq %r12, %rdi
    xorl %ebp, %ebp
    /* RSP is 16-byte aligned here; the call pushes the return address */
    call sel4rt_thread_entry
    ud2
    .cfi_endproc
    .size sel4rt_thread_start, . - sel4rt_thread_start

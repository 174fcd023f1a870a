/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The root task's entry point. The kernel starts the root task with RDI =
 * the boot info address and RSP = 0 (no stack), so _start moves onto the
 * runtime's static stack and calls sel4runtime_start(bootinfo), which never
 * returns. The CFI marks this as the outermost frame so unwinders and
 * debuggers stop here.
 */
#include "layout.h"

    .section .text._start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    .cfi_startproc
    .cfi_undefined rip
    /* the stack follows its guard page in sel4runtime_stack_area */
    leaq sel4runtime_stack_area + SEL4RUNTIME_PAGE_SIZE + SEL4RUNTIME_STACK_SIZE(%rip), %rsp
    xorl %ebp, %ebp
    /* RSP is 16-byte aligned here, as the ABI wants before a call */
    call sel4runtime_start
    ud2
    .cfi_endproc
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits

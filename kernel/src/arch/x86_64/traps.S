/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Kernel entry and exit: one stub per interrupt vector, the syscall entry,
 * and restore_user_context, the only way back to user mode.
 *
 * From user mode every entry saves the registers into the current thread's
 * struct user_context (see context.h) and then switches to the kernel stack;
 * the C handlers never return, they end in restore_user_context. The kernel
 * runs with interrupts off; the only interrupts taken in kernel mode are those
 * that wake the idle loop, handled on the kernel stack and returned from with
 * iretq.
 */
#include <arch/x86_64/context.h>
#include <memlayout.h>

    .text

.macro vector_stub v
    .align 16
vector_\v:
    .if !((\v == 8) || ((\v >= 10) && (\v <= 14)) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30))
    pushq $0
    .endif
    pushq $\v
    jmp interrupt_common
.endm

.macro stub_address v
    .quad vector_\v
.endm

    .global vector_table_start
vector_table_start:
    .altmacro
    .set i, 0
    .rept 256
    vector_stub %i
    .set i, i + 1
    .endr

/* Addresses of the stubs, for the IDT. */
    .section .rodata
    .align 8
    .global interrupt_stubs
interrupt_stubs:
    .set i, 0
    .rept 256
    stub_address %i
    .set i, i + 1
    .endr

.macro save_gprs
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

.macro restore_gprs
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
.endm

interrupt_common:
    save_gprs
    testb $3, CTX_CS(%rsp)
    jz 1f
    /* From user mode: the registers are in the TCB; run C on the kernel stack. */
    movq %rsp, %rdi
    movabsq $kernel_stack_top, %rsp
    xorl %ebp, %ebp
    call c_handle_interrupt
    ud2
1:  /* From kernel mode (the idle loop, or a kernel bug): handle and return. */
    movq %rsp, %rdi
    call c_handle_kernel_trap
    restore_gprs
    addq $16, %rsp
    iretq

/*
 * syscall: RCX = user RIP, R11 = user RFLAGS, RSP still the user's, IF cleared
 * by SFMASK. Builds the same frame an interrupt would, in the current TCB,
 * except for RSP: as in seL4, the user stack pointer is not part of the
 * syscall ABI (it is zeroed on return), so the saved RSP keeps the value of
 * the thread's last other kernel entry (seL4's fault reports show that one).
 */
    .global syscall_entry
syscall_entry:
    movq current_context_top(%rip), %rsp
    pushq $SEL_USER_SS
    subq $8, %rsp       /* RSP slot: left as it was */
    pushq %r11
    pushq $SEL_USER_CS
    pushq %rcx
    pushq $0
    pushq $VECTOR_SYSCALL
    /* As in seL4, the syscall instruction's RCX and R11 (return address and
       flags, saved above as RIP and RFLAGS) do not replace the saved RCX and
       R11: those keep the values of the thread's last other kernel entry. */
    movq (CTX_RCX - CTX_VECTOR)(%rsp), %rcx
    movq (CTX_R11 - CTX_VECTOR)(%rsp), %r11
    save_gprs
    movq %rsp, %rdi
    movabsq $kernel_stack_top, %rsp
    xorl %ebp, %ebp
    call c_handle_syscall
    ud2

/*
 * restore_user_context(ctx): the C code has sanitised cs, ss and rflags and
 * loaded the FS/GS bases. A thread that entered with syscall leaves with
 * sysretq (RCX = RIP, R11 = RFLAGS, RSP = 0 as seL4 does); others with iretq.
 */
    .global restore_user_context
restore_user_context:
    movq %rdi, %rsp
    restore_gprs
    cmpq $VECTOR_SYSCALL, (%rsp)
    je 2f
    addq $16, %rsp
    iretq
2:  movq 16(%rsp), %rcx
    movq 32(%rsp), %r11
    xorl %esp, %esp
    sysretq

    .bss
    .align 8
    .global current_context_top
current_context_top:
    .quad 0

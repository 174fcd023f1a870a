/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Kernel entry and exit: one stub per interrupt vector, the syscall entry,
 * and restore_user_context, the only way back to user mode.
 *
 * From user mode every entry saves the registers into the current thread's
 * struct user_context (see context.h) and then switches to the kernel stack;
 * the C handlers never return, they end in restore_user_context. The kernel
 * runs with interrupts off; the only interrupts taken in kernel mode are those
 * that wake the idle loop and the pending one a preempted operation lets in,
 * handled on the kernel stack and returned from with iretq.
 */
#include <api/fastpath.h>
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

    .text

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
1:  /* From kernel mode (idle loop, preempted operation, or a kernel bug): handle and return. */
    movq %rsp, %rdi
    call c_handle_kernel_trap
    /* Back with interrupts off: one interrupt per opened window, as in
       seL4, where the next one waits for the next window or user mode. */
    andq $~0x200, CTX_RFLAGS(%rsp)
    restore_gprs
    addq $16, %rsp
    iretq

/*
 * syscall: RCX = user RIP, R11 = user RFLAGS, RSP still the user's, IF cleared
 * by SFMASK. Fills the same frame an interrupt would, in the current TCB,
 * with stores below current_context_top, except for some slots: as in
 * seL4, the user stack pointer is not part of the syscall ABI (it is zeroed
 * on return), so the saved RSP keeps the value of the thread's last other
 * kernel entry (seL4's fault reports show that one); likewise the syscall
 * instruction's RCX and R11 (return address and flags, saved as RIP and
 * RFLAGS) do not replace the saved RCX and R11. The error code means
 * something only for exceptions, and CS and SS only to iretq (see
 * restore_user_context).
 *
 * Call and ReplyRecv try the fastpath first: it returns only when it leaves
 * the call to the general path, c_handle_syscall.
 */
#define FRAME(offset) ((offset) - CTX_FS_BASE)(%rsp)
    .global syscall_entry
syscall_entry:
    movq current_context_top(%rip), %rsp
    movq %r11, FRAME(CTX_RFLAGS)
    movq %rcx, FRAME(CTX_RIP)
    movq $VECTOR_SYSCALL, FRAME(CTX_VECTOR)
    movq %rax, FRAME(CTX_RAX)
    movq %rbx, FRAME(CTX_RBX)
    movq %rdx, FRAME(CTX_RDX)
    movq %rsi, FRAME(CTX_RSI)
    movq %rdi, FRAME(CTX_RDI)
    movq %rbp, FRAME(CTX_RBP)
    movq %r8, FRAME(CTX_R8)
    movq %r9, FRAME(CTX_R9)
    movq %r10, FRAME(CTX_R10)
    movq %r12, FRAME(CTX_R12)
    movq %r13, FRAME(CTX_R13)
    movq %r14, FRAME(CTX_R14)
    movq %r15, FRAME(CTX_R15)
    leaq -2(%rcx), %rcx         /* seL4's FaultIP: the syscall instruction itself */
    movq %rcx, FRAME(CTX_FAULT_IP)
    movabsq $kernel_stack_top, %rsp
    cmpq $FASTPATH_SYS_CALL, %rdx
    je 3f
    cmpq $FASTPATH_SYS_REPLY_RECV, %rdx
    je 4f
1:  movq current_context_top(%rip), %rdi
    subq $CTX_FS_BASE, %rdi
    call c_handle_syscall
    ud2
3:  call fastpath_call
    jmp 1b
4:  call fastpath_reply_recv
    jmp 1b
#undef FRAME

/*
 * restore_user_context(ctx): the C code has sanitised rflags and RIP and
 * loaded the FS/GS bases. A thread that entered with syscall leaves with
 * sysretq (RCX = RIP, R11 = RFLAGS, RSP = 0 as seL4 does; the selectors
 * come from the STAR MSR); others with iretq, which takes the selectors
 * from the frame: a TCB is made with the user ones and an interrupt saves
 * the same, but they are stored again here because a wrong CS would fault
 * the kernel.
 */
    .global restore_user_context
restore_user_context:
    cmpq $VECTOR_SYSCALL, CTX_VECTOR(%rdi)
    jne 2f
    movq CTX_RIP(%rdi), %rcx
    movq CTX_RFLAGS(%rdi), %r11
    movq CTX_RAX(%rdi), %rax
    movq CTX_RBX(%rdi), %rbx
    movq CTX_RDX(%rdi), %rdx
    movq CTX_RSI(%rdi), %rsi
    movq CTX_RBP(%rdi), %rbp
    movq CTX_R8(%rdi), %r8
    movq CTX_R9(%rdi), %r9
    movq CTX_R10(%rdi), %r10
    movq CTX_R12(%rdi), %r12
    movq CTX_R13(%rdi), %r13
    movq CTX_R14(%rdi), %r14
    movq CTX_R15(%rdi), %r15
    movq CTX_RDI(%rdi), %rdi
    xorl %esp, %esp
    sysretq
2:  movq $SEL_USER_CS, CTX_CS(%rdi)
    movq $SEL_USER_SS, CTX_SS(%rdi)
    movq %rdi, %rsp
    restore_gprs
    addq $16, %rsp
    iretq

    .bss
    .align 8
    .global current_context_top
current_context_top:
    .quad 0

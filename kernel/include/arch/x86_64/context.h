/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * A thread's saved user registers, laid out so that the CPU's interrupt frame
 * and the entry stubs in traps.S fill it in place: TSS.rsp0 and the syscall
 * entry's stack both point at the end of the hardware frame (&fs_base), so
 * every kernel entry from user mode saves straight into the current TCB.
 */
#ifndef ARCH_X86_64_CONTEXT_H
#define ARCH_X86_64_CONTEXT_H

/* Offsets used by traps.S (bytes). */
#define CTX_R15 0
#define CTX_R14 8
#define CTX_R13 16
#define CTX_R12 24
#define CTX_R11 32
#define CTX_R10 40
#define CTX_R9 48
#define CTX_R8 56
#define CTX_RBP 64
#define CTX_RDI 72
#define CTX_RSI 80
#define CTX_RDX 88
#define CTX_RCX 96
#define CTX_RBX 104
#define CTX_RAX 112
#define CTX_VECTOR 120
#define CTX_ERROR 128
#define CTX_RIP 136
#define CTX_CS 144
#define CTX_RFLAGS 152
#define CTX_RSP 160
#define CTX_SS 168
#define CTX_FS_BASE 176
#define CTX_FAULT_IP 192

/* The vector recorded when a thread entered through the syscall instruction. */
#define VECTOR_SYSCALL 0x100

/* seL4's user segment selectors (ABI section 15). */
#define SEL_KERNEL_CS 0x08
#define SEL_KERNEL_DS 0x10
#define SEL_USER_CS 0x2b
#define SEL_USER_SS 0x33
#define SEL_USER_FS 0x3b
#define SEL_USER_GS 0x43
#define SEL_TSS 0x48

#ifndef __ASSEMBLER__
#include <stdint.h>

struct user_context {
    /* pushed by the entry stubs (lowest address first) */
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector; /* interrupt vector, or VECTOR_SYSCALL */
    uint64_t error;  /* hardware error code, 0 when there is none */
    /* the hardware interrupt frame; the syscall stub builds the same */
    uint64_t rip, cs, rflags, rsp, ss;
    /* kept by the kernel, not on the entry path; fs_base must stay 16-aligned */
    uint64_t fs_base, gs_base;
    /* address of the instruction that entered the kernel (seL4's FaultIP) */
    uint64_t fault_ip;
    uint64_t pad;
};

_Static_assert(__builtin_offsetof(struct user_context, r15) == CTX_R15, "r15 offset");
_Static_assert(__builtin_offsetof(struct user_context, r14) == CTX_R14, "r14 offset");
_Static_assert(__builtin_offsetof(struct user_context, r13) == CTX_R13, "r13 offset");
_Static_assert(__builtin_offsetof(struct user_context, r12) == CTX_R12, "r12 offset");
_Static_assert(__builtin_offsetof(struct user_context, r11) == CTX_R11, "r11 offset");
_Static_assert(__builtin_offsetof(struct user_context, r10) == CTX_R10, "r10 offset");
_Static_assert(__builtin_offsetof(struct user_context, r9) == CTX_R9, "r9 offset");
_Static_assert(__builtin_offsetof(struct user_context, r8) == CTX_R8, "r8 offset");
_Static_assert(__builtin_offsetof(struct user_context, rbp) == CTX_RBP, "rbp offset");
_Static_assert(__builtin_offsetof(struct user_context, rdi) == CTX_RDI, "rdi offset");
_Static_assert(__builtin_offsetof(struct user_context, rsi) == CTX_RSI, "rsi offset");
_Static_assert(__builtin_offsetof(struct user_context, rdx) == CTX_RDX, "rdx offset");
_Static_assert(__builtin_offsetof(struct user_context, rcx) == CTX_RCX, "rcx offset");
_Static_assert(__builtin_offsetof(struct user_context, rbx) == CTX_RBX, "rbx offset");
_Static_assert(__builtin_offsetof(struct user_context, rax) == CTX_RAX, "rax offset");
_Static_assert(__builtin_offsetof(struct user_context, error) == CTX_ERROR, "error offset");
_Static_assert(__builtin_offsetof(struct user_context, rflags) == CTX_RFLAGS, "rflags offset");
_Static_assert(__builtin_offsetof(struct user_context, vector) == CTX_VECTOR, "vector offset");
_Static_assert(__builtin_offsetof(struct user_context, rip) == CTX_RIP, "rip offset");
_Static_assert(__builtin_offsetof(struct user_context, cs) == CTX_CS, "cs offset");
_Static_assert(__builtin_offsetof(struct user_context, ss) == CTX_SS, "ss offset");
_Static_assert(__builtin_offsetof(struct user_context, fs_base) == CTX_FS_BASE, "fs_base offset");
_Static_assert(__builtin_offsetof(struct user_context, fault_ip) == CTX_FAULT_IP, "fault_ip offset");
_Static_assert(sizeof(struct user_context) % 16 == 0, "context keeps 16-byte alignment");

/* Loads ctx into the CPU and enters user mode; never returns. */
_Noreturn void restore_user_context(struct user_context *ctx);

/* Set by the scheduler: where the next entry from user mode saves registers. */
extern uint64_t current_context_top;
#endif

#endif /* ARCH_X86_64_CONTEXT_H */

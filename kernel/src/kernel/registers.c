/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * User registers by seL4's numbering, and seL4's sanitising of values one
 * thread writes into another's registers: instruction and segment base
 * addresses must be canonical (else 0), and of RFLAGS only the low 12 bits
 * stay, with interrupts on, the trap flag off and the fixed bits as the CPU
 * wants them.
 */
#include <kernel/registers.h>

uint64_t *context_register(struct user_context *c, enum user_register r)
{
    switch (r) {
    case REG_RIP: return &c->fault_ip;
    case REG_RSP: return &c->rsp;
    case REG_RFLAGS: return &c->rflags;
    case REG_RAX: return &c->rax;
    case REG_RBX: return &c->rbx;
    case REG_RCX: return &c->rcx;
    case REG_RDX: return &c->rdx;
    case REG_RSI: return &c->rsi;
    case REG_RDI: return &c->rdi;
    case REG_RBP: return &c->rbp;
    case REG_R8: return &c->r8;
    case REG_R9: return &c->r9;
    case REG_R10: return &c->r10;
    case REG_R11: return &c->r11;
    case REG_R12: return &c->r12;
    case REG_R13: return &c->r13;
    case REG_R14: return &c->r14;
    case REG_R15: return &c->r15;
    case REG_FS_BASE: return &c->fs_base;
    default: return &c->gs_base;
    }
}

#define FLAGS_HIGH 0x2ull
#define FLAGS_LOW 0x28ull
#define FLAGS_IF 0x200ull
#define FLAGS_TF 0x100ull
#define FLAGS_MASK 0xfffull

uint64_t sanitise_register(enum user_register r, uint64_t v)
{
    if (r == REG_RIP || r == REG_FS_BASE || r == REG_GS_BASE) {
        /* A non-canonical address: seL4 cannot guess what was meant and uses 0. */
        if (v > 0x00007fffffffffffull && v < 0xffff800000000000ull) {
            v = 0;
        }
    }
    if (r == REG_RFLAGS) {
        v |= FLAGS_HIGH | FLAGS_IF;
        v &= ~(FLAGS_LOW | FLAGS_TF);
        v &= FLAGS_MASK;
    }
    return v;
}

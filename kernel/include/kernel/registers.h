/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * A thread's user registers by seL4's numbering (seL4_UserContext order,
 * ABI section 13), as TCB_Read/Write/CopyRegisters and fault messages name
 * them, and what seL4 makes of a value another thread writes into one.
 * Pure logic: no hardware access, tested on the host.
 */
#ifndef KERNEL_REGISTERS_H
#define KERNEL_REGISTERS_H

#include <stdint.h>

#include <arch/x86_64/context.h>

/* seL4_UserContext word order: 18 frame registers, then 2 gp registers. */
enum user_register {
    REG_RIP, REG_RSP, REG_RFLAGS, REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI, REG_RBP,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15, REG_FS_BASE, REG_GS_BASE,
    N_FRAME_REGISTERS = REG_FS_BASE,
    N_USER_REGISTERS = 20,
};

/* The saved register r in c (REG_RIP is seL4's FaultIP, the restart address). */
uint64_t *context_register(struct user_context *c, enum user_register r);
/* What seL4 makes of a value written to register r by another thread. */
uint64_t sanitise_register(enum user_register r, uint64_t v);

#endif /* KERNEL_REGISTERS_H */

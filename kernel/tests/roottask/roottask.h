/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the test root tasks (smoke.c, vspace.c, vspace_trace.c) share: the
 * system call numbers and the raw syscall instruction, printing through
 * DebugPutChar, a check that counts failures, and reading the boot info's
 * untyped list. Each test stays one translation unit built by `gcc` alone
 * (run.sh), so everything here is static: a test that does not use a
 * helper costs nothing and gets no warning. Each test still spells its own
 * seL4_Call, since the tests pass their extra caps and read their replies
 * differently.
 */
#ifndef ROOTTASK_H
#define ROOTTASK_H

#include <stdint.h>

typedef uint64_t word;

/* System call numbers (ABI section 3). */
enum { SYS_CALL = -1, SYS_YIELD = -7, SYS_PUTCHAR = -9, SYS_DUMP_SCHEDULER = -10, SYS_CAP_IDENTIFY = -12,
       SYS_NAME_THREAD = -14, SYS_SET_TLS_BASE = -30 };

/* The IPC buffer; each test's main sets it from the boot info. */
static word *ipc_buffer;
/* Failed checks; each test exits QEMU with this as the status (0 = all passed). */
static int failures;

/* One system call: RDI and RSI in and out, message registers 0-3 in R10,
   R8, R9 and R15 in and out. The kernel zeroes RSP, so it is kept in RBX. */
static inline word raw_syscall(word sys, word *rdi, word *rsi, word *mr)
{
    register word r10 __asm__("r10") = mr[0];
    register word r8 __asm__("r8") = mr[1];
    register word r9 __asm__("r9") = mr[2];
    register word r15 __asm__("r15") = mr[3];
    __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                     : "+D"(*rdi), "+S"(*rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    mr[0] = r10;
    mr[1] = r8;
    mr[2] = r9;
    mr[3] = r15;
    return *rdi;
}

/* Prints through DebugPutChar, one call per character, so the output does
   not depend on an IOPort cap. */
static inline void print(const char *s)
{
    for (; *s; s++) {
        word rdi = (word)*s, rsi = 0, mr[4] = {0};
        raw_syscall(SYS_PUTCHAR, &rdi, &rsi, mr);
    }
}

/* v in hexadecimal digits, without a prefix. */
static inline void print_hex(word v)
{
    char digits[16], buf[17];
    int n = 0, i = 0;
    do {
        digits[n++] = "0123456789abcdef"[v % 16];
        v /= 16;
    } while (v);
    while (n) {
        buf[i++] = digits[--n];
    }
    buf[i] = 0;
    print(buf);
}

/* v as 0x followed by its hexadecimal digits. */
static inline void print_num(word v)
{
    print("0x");
    print_hex(v);
}

/* Counts and reports a check whose result is not the expected one. */
static inline void check(const char *what, word got, word want)
{
    if (got != want) {
        failures++;
        print("FAIL ");
        print(what);
        print(": got ");
        print_num(got);
        print(" want ");
        print_num(want);
        print("\n");
    }
}

/* The RAM untyped with the most memory, from the boot info's untyped list. */
static inline word biggest_ram_untyped(const word *bootinfo)
{
    word first = bootinfo[19], end = bootinfo[20], best = 0, best_bits = 0;
    const uint8_t *list = (const uint8_t *)&bootinfo[21];
    for (word slot = first; slot < end; slot++) {
        const uint8_t *desc = list + (slot - first) * 16; /* paddr, sizeBits, isDevice, padding */
        if (!desc[9] && desc[8] > best_bits) {
            best = slot;
            best_bits = desc[8];
        }
    }
    return best;
}

#endif /* ROOTTASK_H */

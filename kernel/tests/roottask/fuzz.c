/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * devkernel hostile-input test: a root task that makes many random system
 * calls (random cap slots, labels, lengths, extra caps, message registers,
 * IPC buffer contents, TLS bases) and then exits QEMU with status 0. The
 * kernel must neither crash nor hang; a fault of this task ends the run
 * early (no exit status), a kernel panic prints "devkernel: panic". Writes
 * to I/O ports are left out: they would drive real devices. Run it with
 * `run.sh fuzz`.
 */
#include <stdint.h>

typedef uint64_t word;

enum { SYS_CALL = -1, SYS_SEND = -3, SYS_NB_SEND = -4, SYS_YIELD = -7, SYS_PUTCHAR = -9, SYS_CAP_IDENTIFY = -12,
       SYS_SET_TLS_BASE = -30 };
enum { L_IOPORT_ISSUE = 44, L_OUT8 = 48, L_OUT16 = 49, L_OUT32 = 50 };
enum { L_TCB_WRITE_REGISTERS = 3, L_TCB_COPY_REGISTERS = 4, L_TCB_CONFIGURE = 5, L_TCB_SET_IPC_BUFFER = 9,
       L_TCB_SET_SPACE = 10, L_TCB_SUSPEND = 11, L_CNODE_FIRST = 17, L_CNODE_MOVE = 22, L_CNODE_ROTATE = 24,
       L_CNODE_LAST = 25, L_PDPT_UNMAP = 34, L_PD_UNMAP = 36, L_PT_UNMAP = 38, L_PAGE_UNMAP = 40 };

/* Calls that would take the fuzzer's own thread, CSpace or image away from it
   (seL4 would do the same): stopping itself is not a kernel failure. */
static int harms_itself(word label, word slot, word sandbox)
{
    switch (label) {
    case L_TCB_WRITE_REGISTERS:
    case L_TCB_COPY_REGISTERS:
    case L_TCB_CONFIGURE:
    case L_TCB_SET_IPC_BUFFER:
    case L_TCB_SET_SPACE:
    case L_TCB_SUSPEND:
        return 1;
    case L_PDPT_UNMAP:
    case L_PD_UNMAP:
    case L_PT_UNMAP:
    case L_PAGE_UNMAP:
        return slot < sandbox;
    default:
        return 0;
    }
}

/* A slot index in the sandbox, the free slots after the exit port's. */
static word in_sandbox(word v, word sandbox)
{
    return sandbox + v % (4096 - sandbox);
}

static word *ipc_buffer;
static word rng = 0x9e3779b97f4a7c15ull;

static word next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static word raw_syscall(word sys, word rdi, word rsi, word m0, word m1, word m2, word m3)
{
    register word r10 __asm__("r10") = m0;
    register word r8 __asm__("r8") = m1;
    register word r9 __asm__("r9") = m2;
    register word r15 __asm__("r15") = m3;
    __asm__ volatile("mov %%rsp, %%rbx\n syscall\n mov %%rbx, %%rsp"
                     : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    return rsi;
}

static void print(const char *s)
{
    while (*s) {
        raw_syscall(SYS_PUTCHAR, (word)*s++, 0, 0, 0, 0, 0);
    }
}

void fuzz_main(word *bootinfo);
void fuzz_main(word *bootinfo)
{
    ipc_buffer = (word *)bootinfo[4];
    word exit_cap = bootinfo[5];
    print("fuzz: start\n");
    ipc_buffer[122] = 2;
    word info = raw_syscall(SYS_CALL, 7, (L_IOPORT_ISSUE << 12) | (1 << 7) | 4, 0xf4, 0xf7, exit_cap, 64);
    if (info >> 12) {
        print("fuzz: could not issue the exit port\n");
        return;
    }
    for (int i = 0; i < 20000; i++) {
        word label = next() % 60;
        if (label == L_OUT8 || label == L_OUT16 || label == L_OUT32) {
            continue;
        }
        word msg_info = (label << 12) | (next() & 0xfff);
        for (int w = 0; w < 128; w++) {
            ipc_buffer[w] = next();
        }
        word kind = next() % 8;
        word slot = next() % 2 ? next() % 32 : next() % 4096;
        word m0 = next(), m1 = next(), m2 = next(), m3 = next();
        if (next() % 2) {
            /* Small numbers reach the interesting checks more often. */
            m0 %= 70;
            m1 %= 70;
            m2 %= 4096;
            m3 %= 70;
        }
        word sandbox = exit_cap + 1;
        if (harms_itself(label, slot, sandbox)) {
            continue;
        }
        if (label >= L_CNODE_FIRST && label <= L_CNODE_LAST) {
            /* CNode calls delete, revoke and move only inside the sandbox. */
            m0 = in_sandbox(m0, sandbox);
            m1 = next() % 4 ? 64 : m1;
            if (label >= L_CNODE_MOVE && label <= L_CNODE_ROTATE) {
                m2 = in_sandbox(m2, sandbox);
            }
            if (label == L_CNODE_ROTATE) {
                m3 = in_sandbox(m3, sandbox);
                ipc_buffer[7] = in_sandbox(ipc_buffer[7], sandbox);
            }
        }
        if (kind <= 2) {
            /* Blocking sends would fault on a bad extra cap: keep those in the CNode. */
            for (int c = 0; c < 3; c++) {
                ipc_buffer[122 + c] = next() % 2 ? next() % 32 : next() % 4096;
            }
            raw_syscall(kind == 0 ? SYS_CALL : kind == 1 ? SYS_SEND : SYS_NB_SEND, slot, msg_info, m0, m1, m2, m3);
        } else if (kind == 3) {
            raw_syscall(SYS_NB_SEND, next(), msg_info, m0, m1, m2, m3);
        } else if (kind == 4) {
            raw_syscall(SYS_CAP_IDENTIFY, next() % 2 ? next() : slot, 0, 0, 0, 0, 0);
        } else if (kind == 5) {
            raw_syscall(SYS_SET_TLS_BASE, next(), 0, 0, 0, 0, 0);
        } else if (kind == 6) {
            raw_syscall(SYS_YIELD, 0, 0, 0, 0, 0, 0);
        } else {
            raw_syscall(SYS_NB_SEND, slot, msg_info, m0, m1, m2, m3);
        }
    }
    print("fuzz: done, kernel still alive\n");
    raw_syscall(SYS_CALL, exit_cap, (L_OUT32 << 12) | 2, 0xf4, 0, 0, 0);
}

unsigned char fuzz_stack[16384] __attribute__((aligned(16)));
__asm__(".global _start\n"
        "_start:\n"
        "  lea fuzz_stack+16384(%rip), %rsp\n"
        "  call fuzz_main\n"
        "  ud2\n");

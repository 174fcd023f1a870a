/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Boot cost benchmark: the first instruction of this root task reads the TSC.
 * Under QEMU's `-icount shift=0,sleep=off` guest time advances one unit per
 * executed instruction, so that reading counts the instructions the machine
 * ran from reset to the root task: firmware, multiboot loading and the
 * kernel's boot. Prints `boot_to_root_task: N instructions` and exits QEMU
 * through isa-debug-exit. Written against the generated C headers
 * (runtime/include/sel4), without the runtime, to stay minimal.
 */
#include <sel4/sel4.h>

/* libsel4's IPC buffer pointer is thread-local: one static TLS block, the
 * thread pointer pointing at itself (x86_64 TLS variant II). */
__thread seL4_IPCBuffer *__sel4_ipc_buffer;
static uint64_t tls_block[64] __attribute__((aligned(64)));
__attribute__((used)) static uint8_t stack[16384] __attribute__((aligned(16)));

static void print(const char *s)
{
    while (*s) {
        seL4_DebugPutChar(*s++);
    }
}

static void print_decimal(uint64_t v)
{
    char digits[21];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        seL4_DebugPutChar(digits[--n]);
    }
}

void bench_main(seL4_BootInfo *bi, uint64_t tsc_at_entry);

void bench_main(seL4_BootInfo *bi, uint64_t tsc_at_entry)
{
    uint64_t *tp = &tls_block[63];
    *tp = (uint64_t)tp;
    seL4_SetTLSBase((seL4_Word)tp);
    seL4_SetIPCBuffer(bi->ipcBuffer);

    print("boot_to_root_task: ");
    print_decimal(tsc_at_entry);
    print(" instructions\n");

    seL4_CPtr port = bi->empty.start;
    seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0xf4, 0xf7, seL4_CapInitThreadCNode, port, 64);
    seL4_X86_IOPort_Out32(port, 0xf4, 0);
    for (;;) {
        seL4_Yield();
    }
}

/* Entered with RDI = boot info and RSP = 0: read the TSC before anything else. */
__asm__(".global _start\n"
        "_start:\n"
        "    rdtsc\n"
        "    shl $32, %rdx\n"
        "    or %rax, %rdx\n"
        "    mov %rdx, %rsi\n"
        "    lea stack+16384(%rip), %rsp\n"
        "    call bench_main\n");

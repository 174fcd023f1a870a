/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Start-up of a benchmark root task, without the C runtime to stay minimal:
 * the first instruction reads the TSC (the boot figure), then the root task
 * gets a stack, its TLS block (libsel4's IPC buffer pointer is thread-local)
 * and its IPC buffer, and calls bench_main.
 */
#include "bench.h"

/* The IPC buffer pointer libsel4 keeps per thread. */
__thread seL4_IPCBuffer *__sel4_ipc_buffer;

static struct tls_area root_tls;
__attribute__((used)) static uint8_t root_stack[16384] __attribute__((aligned(16)));

seL4_Word tls_thread_pointer(struct tls_area *tls)
{
    return (seL4_Word)&tls->words[63];
}

void bench_start(const seL4_BootInfo *bi, uint64_t tsc_at_entry);

void bench_start(const seL4_BootInfo *bi, uint64_t tsc_at_entry)
{
    /* Variant II: the thread pointer points at itself, the TLS block
     * (holding __sel4_ipc_buffer) lies directly below it. */
    seL4_Word tp = tls_thread_pointer(&root_tls);
    root_tls.words[63] = tp;
    seL4_SetTLSBase(tp);
    seL4_SetIPCBuffer(bi->ipcBuffer);
    console_init(bi);
    bench_main(bi, tsc_at_entry);
    bench_exit(0);
}

/* Entered with RDI = boot info and RSP = 0: read the TSC before anything else. */
__asm__(".global _start\n"
        "_start:\n"
        "    rdtsc\n"
        "    shl $32, %rdx\n"
        "    or %rax, %rdx\n"
        "    mov %rdx, %rsi\n"
        "    lea root_stack+16384(%rip), %rsp\n"
        "    call bench_start\n");

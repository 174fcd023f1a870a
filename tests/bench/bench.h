/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the benchmark root tasks share: start-up (start.c), the console and
 * QEMU exit through IOPort capabilities (console.c), and kernel objects made
 * from untyped memory: frames, address spaces and threads (objects.c).
 *
 * Everything goes through capabilities, never through debug system calls, so
 * the same binary runs on devkernel and on a release build of real seL4.
 * Under QEMU's `-icount shift=0,sleep=off` the TSC counts guest instructions;
 * read_tsc() around a loop therefore measures instructions per operation.
 */
#ifndef BENCH_H
#define BENCH_H

#include <sel4/sel4.h>

/* Called by start.c on the root task's own stack, TLS and IPC buffer set up;
 * `tsc_at_entry` is the TSC read by the first instruction. Each root task
 * defines it. */
void bench_main(const seL4_BootInfo *bi, uint64_t tsc_at_entry);

/* The time stamp counter: guest instructions since reset under -icount. */
static inline uint64_t read_tsc(void)
{
    uint32_t low, high;
    __asm__ volatile("rdtsc" : "=a"(low), "=d"(high));
    return ((uint64_t)high << 32) | low;
}

/* --- console.c: COM1 and isa-debug-exit through IOPort capabilities --- */

/* Issues the COM1 and isa-debug-exit ports into free slots; call first. */
void console_init(const seL4_BootInfo *bi);
void print(const char *s);
void print_decimal(uint64_t v);
/* Prints `name: N instructions` with N = total / count to one decimal. */
void print_figure(const char *name, uint64_t total, uint64_t count);
/* Announces a measurement, so a run that stops inside it says which. */
void print_running(const char *name);
/* Ends the run: QEMU exits with `status` (0 = every figure printed). */
_Noreturn void bench_exit(int status);
/* Prints `bench: <what> failed: error N` and exits with status 1 when
 * `error` is not seL4_NoError. */
void check(seL4_Error error, const char *what);

/* --- objects.c: slots, untyped memory, mappings, threads --- */

/* Chooses the largest RAM untyped and the first free slot; call once. */
void objects_init(const seL4_BootInfo *bi);
/* A free slot of the root CNode. */
seL4_CPtr alloc_slot(void);
/* A new object of `type` (size_bits for variable-size ones) in a new slot. */
seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits);
/* Maps `frame` at `vaddr` of `vspace` read-write, making any missing
 * paging structure (PDPT, page directory, page table) first. */
void map_frame(seL4_CPtr vspace, seL4_CPtr frame, seL4_Word vaddr);
/* A new address space (PML4 with an ASID) holding this image's own frames
 * at the same addresses: the same code and data, reached through a
 * different page table root. */
seL4_CPtr new_vspace_sharing_image(const seL4_BootInfo *bi);

/* A thread made by start_thread: entry(arg) runs on `stack_top` with its
 * own TLS block and an IPC buffer at `ipc_buffer_vaddr` in `vspace`. */
struct thread {
    seL4_CPtr tcb;
    seL4_CPtr ipc_frame;
};

/* Per-thread storage start.c's TLS layout needs: a block whose last word is
 * the thread pointer (x86_64 TLS variant II). */
struct tls_area {
    uint64_t words[64];
} __attribute__((aligned(64)));

/* Creates a thread in `vspace` (sharing the root CNode), priority `prio`,
 * and starts it at entry(arg). `tls` and `stack_top` lie in this image,
 * which `vspace` maps at the same addresses. */
struct thread start_thread(seL4_CPtr vspace, seL4_Word ipc_buffer_vaddr, struct tls_area *tls, void *stack_top,
                           seL4_Word prio, void (*entry)(seL4_Word arg), seL4_Word arg);

/* The thread pointer value for `tls` (what the FS base must be). */
seL4_Word tls_thread_pointer(struct tls_area *tls);

#endif /* BENCH_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's own API, for Rust (through sel4-sys style declarations) and
 * C users of a root task. Everything else the runtime exports is the
 * standard C library interface (write, exit, malloc, ...).
 *
 * Capability slots: the runtime takes the top slots of the boot info's
 * empty region for its own capabilities (the COM1 and isa-debug-exit I/O
 * ports, and 288 slots for threads unless sel4runtime_thread_memory_size
 * is 0). Take further slots with sel4runtime_alloc_slot(), or manage the
 * region sel4runtime_empty_slots() reports yourself; never use
 * bootinfo->empty directly, its top slots are taken.
 */
#ifndef SEL4RUNTIME_H
#define SEL4RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The boot info the kernel passed to the root task. */
const seL4_BootInfo *sel4runtime_bootinfo(void);

/* One free slot of the root CNode (a cptr, depth seL4_WordBits), or
 * seL4_CapNull when none is left. */
seL4_CPtr sel4runtime_alloc_slot(void);

/* The free slots not yet handed out: [start, end). Taking slots from it
 * without sel4runtime_alloc_slot() is fine for a program that stops using
 * sel4runtime_alloc_slot() from then on. */
seL4_SlotRegion sel4runtime_empty_slots(void);

/* The IOPort capability for COM1 (0x3f8-0x3ff), or seL4_CapNull. */
seL4_CPtr sel4runtime_serial_port(void);

/* The IOPort capability for isa-debug-exit (0xf4-0xf7), or seL4_CapNull. */
seL4_CPtr sel4runtime_exit_port(void);

/* TSC ticks per second: from the boot info (seL4's TSC frequency chunk)
 * or an assumed 1 GHz when the kernel did not report it. */
uint64_t sel4runtime_tsc_frequency(void);

/* Adds [base, base + size) (mapped, writable, not otherwise used) to the
 * heap. Returns 0, or -1 when the region is too small. */
int sel4runtime_heap_add_region(void *base, size_t size);

/* Bytes the heap's regions hold in all: the static heap, regions added by
 * the program, and what the heap has grown by from untyped memory. The
 * heap grows when no region holds a request (see the runtime's README), so
 * this never shrinks. */
size_t sel4runtime_heap_size(void);

/* The initial thread's stack: lowest address and size in bytes. */
void sel4runtime_initial_stack(void **base, size_t *size);

/* Bytes of untyped memory the runtime can still turn into threads and heap:
 * the thread memory's chunks without a stack and the rest of its record
 * chunk, plus what the runtime has not taken from each RAM untyped of the
 * boot info (of at least a page). seL4 cannot report this, so it is the
 * runtime's own account of its retypes: memory a program retypes itself
 * from the boot info's untypeds still counts as free. It falls when a
 * thread record or stack is first made and when the heap grows; spawning
 * and joining threads of one stack size again and again leaves it as it
 * is (records and their stacks are kept for reuse). It reads the account
 * without locks: exact when no other thread is creating threads or growing
 * the heap at the same time. */
size_t sel4runtime_free_untyped_bytes(void);

/* The timer that makes sleeps and timed waits block (see the runtime's
 * README, Timer): set up on the first sleep or timed wait, it takes I/O
 * ports 0x40-0x43 (the PIT), ISA IRQ 0 (I/O APIC 0 pin 2, vector 107) and
 * one thread. A program may define this symbol as false to keep those for
 * itself; sleeps then yield until their deadline. */
extern const bool sel4runtime_timer_enabled;

/* How often a sleeping thread has run again before its deadline without
 * being woken: a handful in a run when sleeps block, one per yield when
 * they poll. For tests and measurements. */
uint64_t sel4runtime_timer_early_wakeups(void);

/* Thread-local storage for a thread the program starts itself (threads
 * from pthread_create or std get theirs from the runtime). Every thread
 * that runs code using TLS (errno, printing, the libsel4 IPC buffer
 * pointer, seL4 calls from Rust) needs a block: sel4runtime_tls_area_size()
 * bytes of memory, any alignment, that live as long as the thread;
 * sel4runtime_tls_init() fills it with the program's TLS image, sets the
 * new thread's IPC buffer pointer (__sel4_ipc_buffer) to ipc_buffer and
 * answers the thread pointer to install as the thread's TLS base
 * (seL4_TCB_SetTLSBase or the fs_base register), or 0 when size is too
 * small. */
size_t sel4runtime_tls_area_size(void);
uintptr_t sel4runtime_tls_init(void *area, size_t size, seL4_IPCBuffer *ipc_buffer);

/* Bytes of untyped memory the runtime reserves at start-up for threads
 * (their TCBs, notifications, IPC buffers, paging structures and stacks),
 * in 2 MiB chunks: 32 MiB by default, which holds 15 threads with std's
 * default 2 MiB stack at once (stacks are rounded up to 2 MiB). A program
 * may define this symbol itself to change the amount, or set it to 0 to
 * have no threads (pthread_create then fails with EAGAIN) and keep all
 * memory. The memory comes from the smallest RAM untyped that holds it;
 * without one, threads are off. */
extern const size_t sel4runtime_thread_memory_size;

/* The name the runtime passes as argv[0]. A program may define this symbol
 * itself to replace the default, "rootserver". */
extern const char *const sel4runtime_program_name;

#ifdef __cplusplus
}
#endif

#endif

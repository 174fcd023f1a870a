/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Threads of the root task: the record the runtime keeps for each (its
 * seL4 objects, stack, TLS block, futex wait state, life cycle) and the
 * functions the thread, futex and memory files share.
 */
#ifndef SEL4RUNTIME_THREAD_H
#define SEL4RUNTIME_THREAD_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sel4/sel4.h>

#include "libc_abi.h"
#include "timer_queue.h"

/* Records, the initial thread's (0) included: at most this many threads
 * exist at once. */
#define SEL4RT_MAX_THREADS 32
/* Record i's addresses: a window of its own in the root VSpace. */
#define SEL4RT_THREAD_AREA ((uintptr_t)0x4000000000) /* 256 GiB */
#define SEL4RT_THREAD_WINDOW ((uintptr_t)1 << 30)

typedef struct {
    seL4_CPtr tcb;
    seL4_CPtr notification;
    seL4_CPtr ipc_frame;
} sel4rt_thread_objects;

typedef struct {
    uintptr_t base; /* lowest address */
    size_t size;
    unsigned units; /* 2 MiB pages */
    uint8_t chunks[64];
} sel4rt_thread_stack;

/* life: the futex word a joiner waits on */
enum {
    SEL4RT_THREAD_JOINABLE = 0,
    SEL4RT_THREAD_DETACHED = 1,
    SEL4RT_THREAD_EXITED = 2,
};

typedef struct sel4rt_thread {
    unsigned index;
    bool made;   /* seL4 objects exist */
    bool in_use; /* a thread runs (or has not been reaped) */
    sel4rt_thread_objects objects;
    sel4rt_thread_stack stack;
    void *tls_area;
    size_t tls_size;
    seL4_Word priority;
    void *(*start)(void *);
    void *argument;
    void *result;
    atomic_uint life;
    /* pthread_setname_np: for fault messages ("" when never named) */
    char name[16];
    struct sel4rt_thread *next_reap;
    /* futex.c: waiting */
    struct sel4rt_thread *next_waiter;
    const void *wait_address;
    atomic_bool woken;
    /* timer.c: the deadline of a sleep or timed wait */
    sel4rt_timer_entry timer_entry;
} sel4rt_thread;

/* thread.c */
void sel4rt_threads_init(void);
sel4rt_thread *sel4rt_thread_current(void);
int sel4rt_thread_create(pthread_t *thread, size_t stack_size, bool detached,
                         void *(*start)(void *), void *argument);
/* The stack of a thread the runtime created; false for the initial one. */
bool sel4rt_thread_stack_of(pthread_t thread, void **base, size_t *size);
bool sel4rt_thread_is_record(pthread_t thread, sel4rt_thread **out);
/* Record `index`, or NULL when there is none. */
sel4rt_thread *sel4rt_thread_record(unsigned index);

/* thread_faults.c: a fault of a runtime thread ends the program with a
 * message naming the thread. Slots at start-up; the handler on the first
 * pthread_create; the endpoint for record `record`, or seL4_CapNull. */
void sel4rt_thread_faults_reserve_slots(void);
void sel4rt_thread_faults_start(void);
seL4_CPtr sel4rt_thread_faults_endpoint(unsigned record);
pthread_t pthread_self(void);

/* thread_memory.c */
void sel4rt_thread_memory_init(void);
bool sel4rt_thread_memory_available(void);
uintptr_t sel4rt_thread_window(unsigned record);
bool sel4rt_thread_memory_make_notification(unsigned record, seL4_CPtr *notification);
/* An endpoint from the records' chunk, into `slot` (the caller's). */
bool sel4rt_thread_memory_make_endpoint(seL4_CPtr slot);
bool sel4rt_thread_memory_make_record(unsigned record, sel4rt_thread_objects *out);
bool sel4rt_thread_memory_make_stack(unsigned record, size_t size, sel4rt_thread_stack *stack);
void sel4rt_thread_memory_release_stack(sel4rt_thread_stack *stack);

/* futex.c: Linux futex semantics over notifications. deadline_ns is an
 * absolute time of sel4rt_time_now_ns(), or UINT64_MAX for none. */
long sel4rt_futex_wait(const atomic_uint *address, unsigned expected, uint64_t deadline_ns);
long sel4rt_futex_wake(const atomic_uint *address, unsigned count);
/* Suspends a thread that is not inside the futex table's lock. */
void sel4rt_futex_suspend_thread(seL4_CPtr tcb);
long sel4rt_futex(atomic_uint *address, int op, unsigned value, const void *timeout);

/* tls.c: a TLS block for a new thread (sel4runtime_tls_area_size() bytes) */
uintptr_t sel4rt_tls_build_block(void *area, size_t size);

/* exit.c: runs the calling thread's __cxa_thread_atexit destructors */
void sel4rt_exit_run_thread_destructors(void);
/* pthread.c: runs the calling thread's pthread key destructors */
void sel4rt_pthread_run_key_destructors(void);

#endif

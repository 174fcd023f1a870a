/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's own lock, for short critical sections over its tables (the
 * heap, the futex waiters, the thread records). A thread that finds it
 * taken gives the processor away with seL4_Yield instead of spinning: on
 * one core the holder can only make progress when it runs, and the timer
 * may have preempted it inside the section. All runtime threads share one
 * priority, so the yield always reaches the holder.
 */
#ifndef SEL4RUNTIME_LOCK_H
#define SEL4RUNTIME_LOCK_H

#include <stdatomic.h>
#include <sel4/sel4.h>

typedef struct {
    atomic_int held;
} sel4rt_lock;

static inline void sel4rt_lock_take(sel4rt_lock *lock)
{
    while (atomic_exchange_explicit(&lock->held, 1, memory_order_acquire) != 0) {
        seL4_Yield();
    }
}

static inline void sel4rt_lock_give(sel4rt_lock *lock)
{
    atomic_store_explicit(&lock->held, 0, memory_order_release);
}

#endif

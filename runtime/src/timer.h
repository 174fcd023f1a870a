/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's timer: sleeping threads block in the kernel and a timer
 * thread signals each when its deadline has passed, woken itself by the
 * PIT's interrupt (timer.c, timer_pit.c). Used by time.c (sleeps) and
 * futex.c (timed waits); both fall back to yielding until the deadline
 * when sel4rt_timer_start() says there is no timer.
 */
#ifndef SEL4RUNTIME_TIMER_H
#define SEL4RUNTIME_TIMER_H

#include <stdbool.h>
#include <stdint.h>
#include <sel4/sel4.h>

#include "timer_queue.h"

/* tv_sec and tv_nsec (both checked non-negative) as nanoseconds, and
 * now + span, both saturating at UINT64_MAX: "for ever". */
static inline uint64_t sel4rt_timer_span_ns(uint64_t seconds, uint64_t nanoseconds)
{
    const uint64_t per_second = 1000000000u;
    if (seconds >= UINT64_MAX / per_second) {
        return UINT64_MAX;
    }
    return seconds * per_second + nanoseconds;
}

static inline uint64_t sel4rt_timer_deadline_after(uint64_t now_ns, uint64_t span_ns)
{
    return now_ns + span_ns < now_ns ? UINT64_MAX : now_ns + span_ns;
}

/* At start-up, before the program takes slots: the slots the timer's
 * capabilities will need. */
void sel4rt_timer_reserve_slots(void);

/* Sets the timer up on first use (the PIT's ports and interrupt, the timer
 * thread); true when it runs. Never blocks for long; false for good when
 * the ports, the interrupt or thread memory are not to be had. */
bool sel4rt_timer_start(void);

/* Queues entry for a signal on notification once deadline_ns has passed
 * (the timer is started). The caller then waits on notification. */
void sel4rt_timer_arm(sel4rt_timer_entry *entry, uint64_t deadline_ns, seL4_CPtr notification);

/* Takes entry off the queue if the timer has not already done so; after
 * that at most one late signal may still reach its notification. */
void sel4rt_timer_disarm(sel4rt_timer_entry *entry);

/* Counts one return of a sleeper to the processor before its deadline,
 * when nothing woke it (see sel4runtime_timer_early_wakeups). */
void sel4rt_timer_note_early_wakeup(void);

/* How often a sleeping thread (sleep, nanosleep, a timed futex wait) has
 * run again before its deadline without being woken: a handful in a run
 * when sleeps block, one per yield when they poll. Read-only, for tests
 * and measurements. */
uint64_t sel4runtime_timer_early_wakeups(void);

/* true unless the program defines it as false: then the runtime never
 * takes the PIT, its interrupt or a thread, and sleepers poll. */
extern const bool sel4runtime_timer_enabled;

#endif

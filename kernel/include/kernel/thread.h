/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The scheduler: ready queues per priority (highest runs first, round robin
 * within a priority, CONFIG_TIME_SLICE ticks of CONFIG_TIMER_TICK_MS each),
 * the current thread, and switching to it. When nothing is runnable the
 * kernel idles with interrupts on.
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <object/tcb.h>

#define NUM_PRIORITIES CONFIG_NUM_PRIORITIES

/* The thread that entered the kernel (NULL while idle). */
extern struct tcb *current_thread;

void sched_enqueue(struct tcb *t);  /* at the head of its priority */
void sched_append(struct tcb *t);   /* at the tail of its priority */
void sched_dequeue(struct tcb *t);
void reschedule_required(void);
void set_thread_state(struct tcb *t, enum thread_state s);
/* Lets target run now if it should preempt the current thread, else queues it
   (seL4's possibleSwitchTo). */
void possible_switch_to(struct tcb *target);
/* Moves t to another priority, rescheduling as seL4's setPriority does. */
void set_priority(struct tcb *t, uint64_t priority);
bool is_runnable(const struct tcb *t);

/* Which ready queues are non-empty, one bit per priority, and which words of
   that have a bit set (seL4's ready queue bitmap; thread.c keeps both): the
   highest ready priority in two bit scans instead of a walk over all the
   queues. */
#define READY_BITMAP_WORDS ((NUM_PRIORITIES + 63) / 64)
_Static_assert(READY_BITMAP_WORDS <= 64, "one summary word covers the bitmap");
extern uint64_t ready_bitmap[READY_BITMAP_WORDS];
extern uint64_t ready_bitmap_summary;

/* The highest priority with a ready thread, -1 when none (inline: the
   fastpath asks it). */
static inline int highest_ready_priority(void)
{
    if (!ready_bitmap_summary) {
        return -1;
    }
    int word = 63 - __builtin_clzll(ready_bitmap_summary);
    return word * 64 + 63 - __builtin_clzll(ready_bitmap[word]);
}

/* One timer tick: charges the current thread's time slice. */
void timer_tick(void);

/* Picks the thread to run next and enters it; never returns. */
_Noreturn void schedule_and_return_to_user(void);

#endif /* KERNEL_THREAD_H */

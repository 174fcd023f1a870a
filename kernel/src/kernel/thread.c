/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The scheduler. Runnable threads other than the current one wait in a queue
 * per priority; the current thread is taken out of its queue while it runs.
 * After every kernel entry schedule_and_return_to_user decides who runs next,
 * following the scheduler action as seL4 does: the current thread keeps the
 * CPU, or one thread woken by this entry takes it (when it should preempt),
 * or the highest ready thread is chosen (Yield, end of time slice, the
 * current thread stopped or changed priority).
 */
#include <arch/x86_64/machine.h>
#include <kernel/thread.h>

struct tcb *current_thread;

static struct {
    struct tcb *head, *tail;
} ready_queues[NUM_PRIORITIES];

uint64_t ready_bitmap[READY_BITMAP_WORDS];
uint64_t ready_bitmap_summary;

static void mark_ready(uint64_t p)
{
    ready_bitmap[p / 64] |= 1ull << (p % 64);
    ready_bitmap_summary |= 1ull << (p / 64);
}

static void mark_empty(uint64_t p)
{
    ready_bitmap[p / 64] &= ~(1ull << (p % 64));
    if (!ready_bitmap[p / 64]) {
        ready_bitmap_summary &= ~(1ull << (p / 64));
    }
}

bool is_runnable(const struct tcb *t)
{
    return t->state == THREAD_RUNNING || t->state == THREAD_RESTART;
}

void sched_dequeue(struct tcb *t)
{
    if (!t->queued) {
        return;
    }
    uint64_t p = t->priority;
    if (t->sched_prev) {
        t->sched_prev->sched_next = t->sched_next;
    } else {
        ready_queues[p].head = t->sched_next;
    }
    if (t->sched_next) {
        t->sched_next->sched_prev = t->sched_prev;
    } else {
        ready_queues[p].tail = t->sched_prev;
    }
    if (!ready_queues[p].head) {
        mark_empty(p);
    }
    t->sched_next = t->sched_prev = NULL;
    t->queued = false;
}

void sched_enqueue(struct tcb *t)
{
    if (t->queued) {
        return;
    }
    uint64_t p = t->priority;
    t->sched_prev = NULL;
    t->sched_next = ready_queues[p].head;
    if (ready_queues[p].head) {
        ready_queues[p].head->sched_prev = t;
    } else {
        ready_queues[p].tail = t;
        mark_ready(p);
    }
    ready_queues[p].head = t;
    t->queued = true;
}

void sched_append(struct tcb *t)
{
    if (t->queued) {
        return;
    }
    uint64_t p = t->priority;
    t->sched_next = NULL;
    t->sched_prev = ready_queues[p].tail;
    if (ready_queues[p].tail) {
        ready_queues[p].tail->sched_next = t;
    } else {
        ready_queues[p].head = t;
        mark_ready(p);
    }
    ready_queues[p].tail = t;
    t->queued = true;
}

/* What the next schedule() does: resume the current thread, choose the
   highest ready thread, or switch to one candidate (seL4's ksSchedulerAction). */
#define ACTION_RESUME_CURRENT ((struct tcb *)0)
#define ACTION_CHOOSE_NEW ((struct tcb *)1)
static struct tcb *scheduler_action = ACTION_CHOOSE_NEW;

void reschedule_required(void)
{
    if (scheduler_action != ACTION_RESUME_CURRENT && scheduler_action != ACTION_CHOOSE_NEW) {
        sched_enqueue(scheduler_action);
    }
    scheduler_action = ACTION_CHOOSE_NEW;
}

void possible_switch_to(struct tcb *target)
{
    if (target->domain != 0) {
        sched_enqueue(target);
    } else if (scheduler_action != ACTION_RESUME_CURRENT) {
        reschedule_required();
        sched_enqueue(target);
    } else {
        scheduler_action = target;
    }
}

void set_thread_state(struct tcb *t, enum thread_state s)
{
    t->state = s;
    if (!is_runnable(t)) {
        /* Only the current thread or a thread being stopped can stop being
           runnable; neither may stay queued. */
        sched_dequeue(t);
        if (t == current_thread && scheduler_action == ACTION_RESUME_CURRENT) {
            reschedule_required();
        }
        /* A thread chosen to run next that stops first must not be switched to. */
        if (scheduler_action == t) {
            scheduler_action = ACTION_CHOOSE_NEW;
        }
    }
}

void set_priority(struct tcb *t, uint64_t priority)
{
    sched_dequeue(t);
    t->priority = priority;
    if (is_runnable(t)) {
        if (t == current_thread) {
            reschedule_required();
        } else {
            possible_switch_to(t);
        }
    }
}

void timer_tick(void)
{
    struct tcb *t = current_thread;
    if (!t || t->state != THREAD_RUNNING) {
        return;
    }
    if (t->time_slice > 1) {
        t->time_slice--;
        return;
    }
    /* Slice used up: a fresh one, at the back of the queue. */
    t->time_slice = CONFIG_TIME_SLICE;
    sched_append(t);
    reschedule_required();
}

static void switch_to_thread(struct tcb *next)
{
    sched_dequeue(next);
    if (next != current_thread) {
        current_thread = next;
        arch_switch_to(next);
    }
}

/* The highest ready thread, or idle (current_thread NULL) when none. */
static void choose_new_thread(void)
{
    int p = highest_ready_priority();
    if (p < 0) {
        current_thread = NULL;
        return;
    }
    switch_to_thread(ready_queues[p].head);
}

/* seL4's schedule(): applies the pending scheduler action. */
static void schedule(void)
{
    if (scheduler_action == ACTION_RESUME_CURRENT) {
        return;
    }
    struct tcb *cur = current_thread;
    bool was_runnable = cur && is_runnable(cur);
    if (was_runnable) {
        sched_enqueue(cur);
    }
    if (scheduler_action == ACTION_CHOOSE_NEW) {
        choose_new_thread();
    } else {
        struct tcb *candidate = scheduler_action;
        bool fast_fail = !cur || candidate->priority < cur->priority;
        if (fast_fail && highest_ready_priority() > (int)candidate->priority) {
            sched_enqueue(candidate);
            choose_new_thread();
        } else if (was_runnable && candidate->priority == cur->priority) {
            sched_append(candidate);
            choose_new_thread();
        } else {
            switch_to_thread(candidate);
        }
    }
    scheduler_action = ACTION_RESUME_CURRENT;
}

_Noreturn void schedule_and_return_to_user(void)
{
    schedule();
    /* Nothing to run: idle with interrupts on until an interrupt makes a
       thread runnable (it sets the scheduler action). */
    while (!current_thread) {
        idle_wait();
        scheduler_action = scheduler_action == ACTION_RESUME_CURRENT ? ACTION_CHOOSE_NEW : scheduler_action;
        schedule();
    }
    struct tcb *t = current_thread;
    if (t->state == THREAD_RESTART) {
        /* Re-run the instruction that entered the kernel. */
        t->ctx.rip = t->ctx.fault_ip;
        t->state = THREAD_RUNNING;
    }
    arch_return_to_user(t);
}

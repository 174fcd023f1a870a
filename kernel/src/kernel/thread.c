/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The scheduler. Runnable threads other than the current one wait in a queue
 * per priority; the current thread is taken out of its queue while it runs.
 * After every kernel entry schedule_and_return_to_user decides who runs next:
 * the current thread keeps the CPU unless a reschedule was asked for (Yield,
 * end of time slice, the thread stopped), as in seL4.
 */
#include <arch/x86_64/machine.h>
#include <kernel/panic.h>
#include <kernel/thread.h>

struct tcb *current_thread;

static struct {
    struct tcb *head, *tail;
} ready_queues[NUM_PRIORITIES];
static bool choose_new_thread;

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
    }
    ready_queues[p].tail = t;
    t->queued = true;
}

void reschedule_required(void)
{
    choose_new_thread = true;
}

void set_thread_state(struct tcb *t, enum thread_state s)
{
    t->state = s;
    if (!is_runnable(t)) {
        sched_dequeue(t);
        if (t == current_thread) {
            reschedule_required();
        }
    }
}

void timer_tick(void)
{
    struct tcb *t = current_thread;
    if (!t || !is_runnable(t)) {
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

static struct tcb *highest_ready(void)
{
    for (int p = NUM_PRIORITIES - 1; p >= 0; p--) {
        if (ready_queues[p].head) {
            return ready_queues[p].head;
        }
    }
    return NULL;
}

_Noreturn void schedule_and_return_to_user(void)
{
    if (current_thread && !is_runnable(current_thread)) {
        choose_new_thread = true;
    }
    if (choose_new_thread) {
        choose_new_thread = false;
        if (current_thread && is_runnable(current_thread)) {
            sched_enqueue(current_thread);
        }
        struct tcb *next = highest_ready();
        /* Nothing to run: idle with interrupts on until something is. */
        while (!next) {
            current_thread = NULL;
            idle_wait();
            next = highest_ready();
        }
        sched_dequeue(next);
        if (next != current_thread) {
            current_thread = next;
            arch_switch_to(next);
        }
    }
    kassert(current_thread);
    struct tcb *t = current_thread;
    if (t->state == THREAD_RESTART) {
        /* Re-run the instruction that entered the kernel. */
        t->ctx.rip = t->ctx.fault_ip;
        t->state = THREAD_RUNNING;
    }
    arch_return_to_user(t);
}

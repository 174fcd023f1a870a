/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * futex(2) as std uses it (FUTEX_WAIT, FUTEX_WAIT_BITSET, FUTEX_WAKE,
 * FUTEX_WAKE_BITSET, with or without FUTEX_PRIVATE_FLAG), on seL4
 * notifications. Every thread has a notification of its own; a waiter
 * puts itself on one list of waiters under the runtime lock, after
 * checking the futex word under that same lock, and blocks in seL4_Wait.
 * A waker takes matching waiters off the list, marks them woken and
 * signals their notifications. Checking the word and enqueueing under the
 * lock that wakers take makes a wake between the check and the wait
 * impossible to lose (the notification keeps the signal). A waiter trusts
 * only its woken mark, so a stale signal (left by a timed wait that gave
 * up) costs one more loop, never a wrong return.
 *
 * seL4 (non-MCS) has no timed wait: a wait with a timeout also queues the
 * thread's timer entry (timer.c), so the same notification is signalled by
 * a waker or by the timer, whichever comes first. The waiter decides under
 * the table lock: woken means 0 even when the deadline has passed too, so
 * a wake is never lost; otherwise it leaves the list and reports
 * ETIMEDOUT. Without a timer it yields until woken or the deadline passes.
 */
#include "internal.h"
#include "lock.h"
#include "thread.h"
#include "timer.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256

static sel4rt_lock table_lock;
static sel4rt_thread *waiters;

static void unlink_waiter(sel4rt_thread *self)
{
    for (sel4rt_thread **link = &waiters; *link != NULL; link = &(*link)->next_waiter) {
        if (*link == self) {
            *link = self->next_waiter;
            return;
        }
    }
}

long sel4rt_futex_wait(const atomic_uint *address, unsigned expected, uint64_t deadline_ns)
{
    sel4rt_thread *self = sel4rt_thread_current();
    seL4_CPtr notification = self->objects.notification;
    bool timed = deadline_ns != UINT64_MAX;
    /* set up (on first use) before the table lock: it may make a thread */
    bool blocks = notification != seL4_CapNull && (!timed || sel4rt_timer_start());
    sel4rt_lock_take(&table_lock);
    if (atomic_load(address) != expected) {
        sel4rt_lock_give(&table_lock);
        return fail_with(EAGAIN);
    }
    atomic_store(&self->woken, false);
    self->wait_address = address;
    self->next_waiter = waiters;
    waiters = self;
    sel4rt_lock_give(&table_lock);
    if (timed && blocks) {
        sel4rt_timer_arm(&self->timer_entry, deadline_ns, notification);
    }

    long result;
    for (;;) {
        if (atomic_load(&self->woken)) {
            result = 0;
            break;
        }
        if (timed && sel4rt_time_now_ns() >= deadline_ns) {
            sel4rt_lock_take(&table_lock);
            bool woken = atomic_load(&self->woken);
            if (!woken) {
                unlink_waiter(self);
            }
            sel4rt_lock_give(&table_lock);
            result = woken ? 0 : fail_with(ETIMEDOUT);
            break;
        }
        if (blocks) {
            /* no message registers wanted: the IPC buffer is not touched */
            (void)seL4_WaitWithMRs(notification, NULL, NULL, NULL, NULL, NULL);
        } else {
            seL4_Yield();
        }
        if (timed && !atomic_load(&self->woken) && sel4rt_time_now_ns() < deadline_ns) {
            sel4rt_timer_note_early_wakeup();
        }
    }
    if (timed && blocks) {
        sel4rt_timer_disarm(&self->timer_entry);
    }
    return result;
}

long sel4rt_futex_wake(const atomic_uint *address, unsigned count)
{
    sel4rt_thread *woken = NULL;
    long n = 0;
    sel4rt_lock_take(&table_lock);
    sel4rt_thread **link = &waiters;
    while (*link != NULL && (unsigned long)n < count) {
        sel4rt_thread *t = *link;
        if (t->wait_address == address) {
            *link = t->next_waiter;
            t->next_waiter = woken;
            woken = t;
            n++;
        } else {
            link = &t->next_waiter;
        }
    }
    /* mark them under the lock: a timed waiter decides under it too */
    for (sel4rt_thread *t = woken; t != NULL; t = t->next_waiter) {
        atomic_store(&t->woken, true);
    }
    /* the notifications after the lock, so a woken thread that runs at
     * once does not find the lock taken; records are never freed, so
     * reading them here is safe, and a late signal is harmless */
    seL4_CPtr notifications[SEL4RT_MAX_THREADS];
    unsigned signals = 0;
    for (sel4rt_thread *t = woken; t != NULL && signals < SEL4RT_MAX_THREADS; t = t->next_waiter) {
        notifications[signals++] = t->objects.notification;
    }
    sel4rt_lock_give(&table_lock);
    for (unsigned i = 0; i < signals; i++) {
        if (notifications[i] != seL4_CapNull) {
            seL4_Signal(notifications[i]);
        }
    }
    return n;
}

void sel4rt_futex_suspend_thread(seL4_CPtr tcb)
{
    /* a thread that has marked itself exited may still be inside
     * sel4rt_futex_wake: with the lock held here it is not */
    sel4rt_lock_take(&table_lock);
    (void)seL4_TCB_Suspend(tcb);
    sel4rt_lock_give(&table_lock);
}

long sel4rt_futex(atomic_uint *address, int op, unsigned value, const void *timeout)
{
    const struct timespec *time = timeout;
    int command = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
    switch (command) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET: {
        uint64_t deadline = UINT64_MAX;
        if (time != NULL) {
            if (time->tv_sec < 0 || time->tv_nsec < 0 || time->tv_nsec >= 1000000000L) {
                return fail_with(EINVAL);
            }
            /* FUTEX_WAIT takes a relative time, FUTEX_WAIT_BITSET an
             * absolute one; every clock here counts from boot */
            uint64_t ns = sel4rt_timer_span_ns((uint64_t)time->tv_sec, (uint64_t)time->tv_nsec);
            deadline = command == FUTEX_WAIT ? sel4rt_timer_deadline_after(sel4rt_time_now_ns(), ns) : ns;
        }
        return sel4rt_futex_wait(address, value, deadline);
    }
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        return sel4rt_futex_wake(address, value);
    default:
        return fail_with(ENOSYS);
    }
}

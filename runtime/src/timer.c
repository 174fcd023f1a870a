/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Sleeping without using the processor. seL4 without MCS has no timed
 * wait, so the runtime makes its own timer from the PC's PIT (timer_pit.c):
 *
 * - A sleeper puts its record's timer entry (deadline, its notification)
 *   on one deadline-ordered queue under timer_lock and waits on its
 *   notification. When its entry became the head, it first signals the
 *   timer thread (badge QUEUE_BADGE) so that the PIT is set for it.
 * - The timer thread waits on its own notification, which the PIT's
 *   interrupt signals too (badge IRQ_BADGE). On every wake it acknowledges
 *   the interrupt if there was one, signals every sleeper whose deadline
 *   has passed on the TSC clock, and starts a one-shot for the next
 *   deadline (at most about 55 ms ahead: longer sleeps take several).
 *
 * Everything is set up on the first timed wait, so a program that never
 * sleeps keeps the PIT, its interrupt and the thread record: I/O ports
 * 0x40-0x43, ISA IRQ 0 (I/O APIC 0, pin 2, as the PC's ACPI tables route
 * it, edge-triggered, active high) delivered as IRQ vector argument
 * TIMER_VECTOR, and one thread with a 2 MiB stack from the thread memory.
 * When any of them cannot be had, or the program defines
 * sel4runtime_timer_enabled as false, sleepers poll as before: yield until
 * the deadline. A sleep never fails.
 */
#include <stdatomic.h>

#include "internal.h"
#include "lock.h"
#include "thread.h"
#include "timer.h"
#include "timer_pit.h"
#include "timer_pit_count.h"

#define PIT_IOAPIC 0
#define PIT_IOAPIC_PIN 2
#define EDGE_TRIGGERED 0
#define ACTIVE_HIGH 0
/* The last vector a program may ask for (0..107): the one least likely to
 * be chosen by the program's own drivers, which tend to count from 0. */
#define TIMER_VECTOR 107
#define TIMER_STACK_SIZE ((size_t)2 << 20)

#define IRQ_BADGE 1u
#define QUEUE_BADGE 2u

enum timer_state {
    TIMER_UNTRIED,    /* nothing set up yet */
    TIMER_NO_THREAD,  /* the PIT's ports taken; the thread could not be made yet */
    TIMER_RUNNING,    /* sleepers block */
    TIMER_UNAVAILABLE /* for good: sleepers poll */
};

/* capability slots, reserved at start-up */
enum { SLOT_PORTS, SLOT_IRQ_HANDLER, SLOT_IRQ_SIGNAL, SLOT_QUEUE_SIGNAL, SLOT_COUNT };
static seL4_CPtr slots[SLOT_COUNT];

static atomic_int state;
static sel4rt_lock setup_lock;

/* the sleepers; the timer thread reads it too */
static sel4rt_lock timer_lock;
static sel4rt_timer_queue queue;

static atomic_uint_least64_t early_wakeups;

/* A program that wants the PIT, IRQ 0 or every thread record for itself
 * defines this as false: sleepers then poll. */
const bool sel4runtime_timer_enabled __attribute__((weak)) = true;

void sel4rt_timer_reserve_slots(void)
{
    for (unsigned i = 0; i < SLOT_COUNT; i++) {
        slots[i] = sel4rt_bootinfo_take_top_slot();
    }
}

void sel4rt_timer_note_early_wakeup(void)
{
    atomic_fetch_add_explicit(&early_wakeups, 1, memory_order_relaxed);
}

uint64_t sel4runtime_timer_early_wakeups(void)
{
    return atomic_load_explicit(&early_wakeups, memory_order_relaxed);
}

/* One pass of the timer thread: wake the sleepers that are due, then set
 * the PIT for the next deadline. */
static void serve_sleepers(void)
{
    seL4_CPtr due[SEL4RT_MAX_THREADS];
    unsigned count = 0;
    sel4rt_lock_take(&timer_lock);
    uint64_t now = sel4rt_time_now_ns();
    sel4rt_timer_entry *entry;
    while (count < SEL4RT_MAX_THREADS && (entry = sel4rt_timer_queue_pop_expired(&queue, now)) != NULL) {
        due[count++] = (seL4_CPtr)entry->notification;
    }
    uint64_t next = sel4rt_timer_queue_earliest(&queue);
    sel4rt_lock_give(&timer_lock);

    /* signals after the lock, so that a sleeper that runs at once finds
     * it free; records live for ever, so a late signal is harmless */
    for (unsigned i = 0; i < count; i++) {
        seL4_Signal(due[i]);
    }
    if (next == UINT64_MAX) {
        sel4rt_pit_stop();
    } else {
        sel4rt_pit_start_one_shot(sel4rt_pit_count_for(next > now ? next - now : 0));
    }
}

/* Set when the timer could not be finished after its thread was made:
 * the thread then ends. */
static atomic_bool abandoned;

static void *timer_thread(void *unused)
{
    (void)unused;
    seL4_CPtr notification = sel4rt_thread_current()->objects.notification;
    for (;;) {
        seL4_Word badge = 0;
        /* no message registers wanted: the IPC buffer is not touched */
        (void)seL4_WaitWithMRs(notification, &badge, NULL, NULL, NULL, NULL);
        if (atomic_load(&abandoned)) {
            return NULL;
        }
        if (badge & IRQ_BADGE) {
            /* before the PIT is set again, so its next edge is not missed */
            (void)seL4_IRQHandler_Ack(slots[SLOT_IRQ_HANDLER]);
        }
        serve_sleepers();
    }
}

/* The PIT's ports (thread memory is needed too, for the timer thread). */
static bool claim_device(void)
{
    for (unsigned i = 0; i < SLOT_COUNT; i++) {
        if (slots[i] == seL4_CapNull) {
            return false;
        }
    }
    /* a volatile read: the compiler must not fold in the weak default */
    return *(const volatile bool *)&sel4runtime_timer_enabled && sel4rt_thread_memory_available() &&
           sel4rt_pit_claim(slots[SLOT_PORTS]);
}

static seL4_Error mint_badged(seL4_CPtr slot, seL4_CPtr notification, seL4_Word badge)
{
    return seL4_CNode_Mint(seL4_CapInitThreadCNode, slot, seL4_WordBits, seL4_CapInitThreadCNode,
                           notification, seL4_WordBits, seL4_AllRights, badge);
}

static void delete_slot(seL4_CPtr slot)
{
    (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
}

/* The PIT's interrupt, sent to the timer thread's notification. The
 * kernel masks the line after each interrupt until the handler's Ack, also
 * when no notification is set yet: so the notification is set at once,
 * and the handler acknowledged once in case an interrupt slipped in. */
static bool route_interrupt(seL4_CPtr notification)
{
    if (mint_badged(slots[SLOT_IRQ_SIGNAL], notification, IRQ_BADGE) != seL4_NoError) {
        return false;
    }
    if (seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, seL4_CapInitThreadCNode, slots[SLOT_IRQ_HANDLER],
                                  seL4_WordBits, PIT_IOAPIC, PIT_IOAPIC_PIN, EDGE_TRIGGERED, ACTIVE_HIGH,
                                  TIMER_VECTOR) != seL4_NoError) {
        delete_slot(slots[SLOT_IRQ_SIGNAL]);
        return false;
    }
    if (seL4_IRQHandler_SetNotification(slots[SLOT_IRQ_HANDLER], slots[SLOT_IRQ_SIGNAL]) != seL4_NoError) {
        delete_slot(slots[SLOT_IRQ_HANDLER]);
        delete_slot(slots[SLOT_IRQ_SIGNAL]);
        return false;
    }
    (void)seL4_IRQHandler_Ack(slots[SLOT_IRQ_HANDLER]);
    return true;
}

/* The timer thread, then the interrupt routed to it. The thread comes
 * first: making it can fail for a while (thread memory in use), and an
 * interrupt nobody serves would print "Undelivered IRQ" on a debug seL4. */
static enum timer_state start_thread(void)
{
    pthread_t handle;
    if (sel4rt_thread_create(&handle, TIMER_STACK_SIZE, true, timer_thread, NULL) != 0) {
        return TIMER_NO_THREAD; /* thread memory may be free again later */
    }
    seL4_CPtr notification = ((sel4rt_thread *)handle)->objects.notification;
    if (mint_badged(slots[SLOT_QUEUE_SIGNAL], notification, QUEUE_BADGE) == seL4_NoError) {
        if (route_interrupt(notification)) {
            return TIMER_RUNNING;
        }
        delete_slot(slots[SLOT_QUEUE_SIGNAL]);
    }
    /* the thread ends; its detached record is reused later */
    atomic_store(&abandoned, true);
    seL4_Signal(notification);
    sel4rt_pit_release();
    return TIMER_UNAVAILABLE;
}

bool sel4rt_timer_start(void)
{
    int now = atomic_load_explicit(&state, memory_order_acquire);
    if (now == TIMER_RUNNING || now == TIMER_UNAVAILABLE) {
        return now == TIMER_RUNNING;
    }
    sel4rt_lock_take(&setup_lock);
    now = atomic_load_explicit(&state, memory_order_relaxed);
    if (now == TIMER_UNTRIED) {
        now = claim_device() ? TIMER_NO_THREAD : TIMER_UNAVAILABLE;
    }
    if (now == TIMER_NO_THREAD) {
        now = start_thread();
    }
    atomic_store_explicit(&state, now, memory_order_release);
    sel4rt_lock_give(&setup_lock);
    return now == TIMER_RUNNING;
}

void sel4rt_timer_arm(sel4rt_timer_entry *entry, uint64_t deadline_ns, seL4_CPtr notification)
{
    sel4rt_lock_take(&timer_lock);
    sel4rt_timer_queue_remove(&queue, entry);
    entry->deadline_ns = deadline_ns;
    entry->notification = notification;
    bool earliest = sel4rt_timer_queue_insert(&queue, entry);
    sel4rt_lock_give(&timer_lock);
    if (earliest) {
        seL4_Signal(slots[SLOT_QUEUE_SIGNAL]);
    }
}

void sel4rt_timer_disarm(sel4rt_timer_entry *entry)
{
    sel4rt_lock_take(&timer_lock);
    sel4rt_timer_queue_remove(&queue, entry);
    sel4rt_lock_give(&timer_lock);
}

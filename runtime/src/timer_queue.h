/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The queue of sleeping threads, earliest deadline first: pure list
 * arithmetic with no locking and no kernel calls (timer.c holds the lock
 * and signals), so that it can be tested on the host. Each thread has one
 * entry, embedded in its record; an entry is on the queue or not, and
 * `queued` says which.
 */
#ifndef SEL4RUNTIME_TIMER_QUEUE_H
#define SEL4RUNTIME_TIMER_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct sel4rt_timer_entry {
    uint64_t deadline_ns;       /* absolute, on the clock of sel4rt_time_now_ns */
    unsigned long notification; /* what to signal when the deadline has passed */
    bool queued;
    struct sel4rt_timer_entry *next;
} sel4rt_timer_entry;

typedef struct {
    sel4rt_timer_entry *head; /* earliest deadline */
} sel4rt_timer_queue;

/* Puts an entry that is not queued in deadline order, after those with the
 * same deadline. True when it became the head: the earliest deadline changed. */
bool sel4rt_timer_queue_insert(sel4rt_timer_queue *queue, sel4rt_timer_entry *entry);

/* Takes an entry off the queue; nothing happens when it is not queued. */
void sel4rt_timer_queue_remove(sel4rt_timer_queue *queue, sel4rt_timer_entry *entry);

/* Takes off and returns the head when its deadline is at or before now,
 * else NULL: call it until NULL to collect every expired entry. */
sel4rt_timer_entry *sel4rt_timer_queue_pop_expired(sel4rt_timer_queue *queue, uint64_t now_ns);

/* The earliest deadline, or UINT64_MAX when the queue is empty. */
uint64_t sel4rt_timer_queue_earliest(const sel4rt_timer_queue *queue);

#endif

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The sleepers' deadline queue (timer_queue.h): a singly linked list kept
 * in deadline order. At most one entry per thread exists, so a linear
 * insertion is as fast as anything cleverer at these sizes.
 */
#include <stddef.h>

#include "timer_queue.h"

bool sel4rt_timer_queue_insert(sel4rt_timer_queue *queue, sel4rt_timer_entry *entry)
{
    sel4rt_timer_entry **link = &queue->head;
    while (*link != NULL && (*link)->deadline_ns <= entry->deadline_ns) {
        link = &(*link)->next;
    }
    entry->next = *link;
    *link = entry;
    entry->queued = true;
    return queue->head == entry;
}

void sel4rt_timer_queue_remove(sel4rt_timer_queue *queue, sel4rt_timer_entry *entry)
{
    if (!entry->queued) {
        return;
    }
    for (sel4rt_timer_entry **link = &queue->head; *link != NULL; link = &(*link)->next) {
        if (*link == entry) {
            *link = entry->next;
            break;
        }
    }
    entry->next = NULL;
    entry->queued = false;
}

sel4rt_timer_entry *sel4rt_timer_queue_pop_expired(sel4rt_timer_queue *queue, uint64_t now_ns)
{
    sel4rt_timer_entry *head = queue->head;
    if (head == NULL || head->deadline_ns > now_ns) {
        return NULL;
    }
    queue->head = head->next;
    head->next = NULL;
    head->queued = false;
    return head;
}

uint64_t sel4rt_timer_queue_earliest(const sel4rt_timer_queue *queue)
{
    return queue->head != NULL ? queue->head->deadline_ns : UINT64_MAX;
}

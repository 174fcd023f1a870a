/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The sleepers' deadline queue: order (ties keep arrival order), head
 * changes, removal from anywhere, expiry at exactly the deadline, and a
 * long random sequence checked against a plain array model.
 */
#include <stdlib.h>

#include "tests.h"
#include "timer_queue.h"

static sel4rt_timer_entry entry_at(uint64_t deadline, unsigned long id)
{
    sel4rt_timer_entry e = {.deadline_ns = deadline, .notification = id};
    return e;
}

START_TEST(keeps_deadline_order_and_reports_new_heads)
{
    sel4rt_timer_queue q = {0};
    sel4rt_timer_entry a = entry_at(300, 1), b = entry_at(100, 2), c = entry_at(200, 3), d = entry_at(100, 4);
    ck_assert_uint_eq(sel4rt_timer_queue_earliest(&q), UINT64_MAX);
    ck_assert(sel4rt_timer_queue_insert(&q, &a));  /* first: head */
    ck_assert(sel4rt_timer_queue_insert(&q, &b));  /* earlier: head */
    ck_assert(!sel4rt_timer_queue_insert(&q, &c)); /* in between */
    ck_assert(!sel4rt_timer_queue_insert(&q, &d)); /* same as the head: after it */
    ck_assert_uint_eq(sel4rt_timer_queue_earliest(&q), 100);
    ck_assert_ptr_null(sel4rt_timer_queue_pop_expired(&q, 99));
    ck_assert_ptr_eq(sel4rt_timer_queue_pop_expired(&q, 100), &b); /* at the deadline */
    ck_assert_ptr_eq(sel4rt_timer_queue_pop_expired(&q, 100), &d);
    ck_assert_ptr_null(sel4rt_timer_queue_pop_expired(&q, 199));
    ck_assert(!b.queued && !d.queued && a.queued && c.queued);
    ck_assert_ptr_eq(sel4rt_timer_queue_pop_expired(&q, 1000), &c);
    ck_assert_ptr_eq(sel4rt_timer_queue_pop_expired(&q, 1000), &a);
    ck_assert_ptr_null(sel4rt_timer_queue_pop_expired(&q, UINT64_MAX));
    ck_assert_uint_eq(sel4rt_timer_queue_earliest(&q), UINT64_MAX);
}
END_TEST

START_TEST(removes_from_anywhere_and_ignores_strays)
{
    sel4rt_timer_queue q = {0};
    sel4rt_timer_entry a = entry_at(10, 1), b = entry_at(20, 2), c = entry_at(30, 3);
    sel4rt_timer_queue_insert(&q, &a);
    sel4rt_timer_queue_insert(&q, &b);
    sel4rt_timer_queue_insert(&q, &c);
    sel4rt_timer_queue_remove(&q, &b); /* middle */
    ck_assert(!b.queued);
    sel4rt_timer_queue_remove(&q, &b); /* not queued: nothing happens */
    sel4rt_timer_queue_remove(&q, &a); /* head */
    ck_assert_uint_eq(sel4rt_timer_queue_earliest(&q), 30);
    sel4rt_timer_queue_remove(&q, &c); /* last */
    ck_assert_ptr_null(q.head);
    /* an entry taken off can be queued again */
    ck_assert(sel4rt_timer_queue_insert(&q, &b));
    ck_assert_ptr_eq(sel4rt_timer_queue_pop_expired(&q, 20), &b);
}
END_TEST

#define ENTRIES 32

/* Random inserts, removals and expiries against a model: the set of
 * queued entries; expiry must return the queued entry with the smallest
 * deadline, the earliest queued first among equals. */
START_TEST(matches_a_model_over_random_sequences)
{
    uint64_t seed = 0x7157e5u;
    sel4rt_timer_queue q = {0};
    sel4rt_timer_entry entries[ENTRIES] = {0};
    uint64_t arrival[ENTRIES] = {0};
    uint64_t clock = 0, now = 0;
    for (int step = 0; step < 200000; step++) {
        unsigned i = (unsigned)(test_random(&seed) % ENTRIES);
        unsigned action = (unsigned)(test_random(&seed) % 4);
        if (action == 0 && !entries[i].queued) {
            entries[i].deadline_ns = now + test_random(&seed) % 64;
            entries[i].notification = i;
            arrival[i] = ++clock;
            sel4rt_timer_queue_insert(&q, &entries[i]);
        } else if (action == 1) {
            sel4rt_timer_queue_remove(&q, &entries[i]);
        } else if (action == 2) {
            now += test_random(&seed) % 8;
            sel4rt_timer_entry *popped = sel4rt_timer_queue_pop_expired(&q, now);
            int best = -1;
            for (unsigned j = 0; j < ENTRIES; j++) {
                if ((popped == &entries[j] || entries[j].queued) && entries[j].deadline_ns <= now &&
                    (best < 0 || entries[j].deadline_ns < entries[best].deadline_ns ||
                     (entries[j].deadline_ns == entries[best].deadline_ns && arrival[j] < arrival[best]))) {
                    best = (int)j;
                }
            }
            ck_assert_ptr_eq(popped, best < 0 ? NULL : &entries[best]);
        }
        /* the earliest deadline and the queued flags agree with the list */
        uint64_t earliest = UINT64_MAX;
        unsigned queued = 0, listed = 0;
        for (unsigned j = 0; j < ENTRIES; j++) {
            if (entries[j].queued) {
                queued++;
                earliest = entries[j].deadline_ns < earliest ? entries[j].deadline_ns : earliest;
            }
        }
        for (sel4rt_timer_entry *e = q.head; e != NULL; e = e->next) {
            ck_assert(e->queued);
            ck_assert(e->next == NULL || e->deadline_ns <= e->next->deadline_ns);
            listed++;
        }
        ck_assert_uint_eq(queued, listed);
        ck_assert_uint_eq(sel4rt_timer_queue_earliest(&q), earliest);
    }
}
END_TEST

Suite *timer_queue_suite(void)
{
    Suite *suite = suite_create("timer_queue");
    TCase *tc = tcase_create("queue");
    tcase_add_test(tc, keeps_deadline_order_and_reports_new_heads);
    tcase_add_test(tc, removes_from_anywhere_and_ignores_strays);
    tcase_add_test(tc, matches_a_model_over_random_sequences);
    suite_add_tcase(suite, tc);
    return suite;
}

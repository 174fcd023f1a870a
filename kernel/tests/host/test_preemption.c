/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Host tests of the preemption point (src/kernel/preemption.c): it counts
 * work units, asks the interrupt controller only at every
 * CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION-th unit, stops an operation only
 * when an interrupt is pending then, and keeps its count across operations.
 * The interrupt controller is the fake below, which every host test shares:
 * by default an interrupt is always pending, so the capability tests meet
 * every possible preemption.
 */
#include "boot_tests.h"

#include <kernel/preemption.h>

enum { UNITS = CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION };

bool test_interrupt_pending = true;
unsigned test_interrupt_checks;

bool arch_interrupt_pending(void)
{
    test_interrupt_checks++;
    return test_interrupt_pending;
}

void test_preemption_sync(void)
{
    bool pending = test_interrupt_pending;
    test_interrupt_pending = true;
    unsigned calls = 0;
    while (preemption_point() != EXCEPTION_PREEMPTED) {
        calls++;
        ck_assert_uint_lt(calls, UNITS);
    }
    test_interrupt_pending = pending;
}

/* Calls the preemption point n times and says how many of them stopped. */
static unsigned points(unsigned n)
{
    unsigned stopped = 0;
    for (unsigned i = 0; i < n; i++) {
        if (preemption_point() == EXCEPTION_PREEMPTED) {
            stopped++;
        }
    }
    return stopped;
}

START_TEST(pending_interrupt_stops_every_hundredth_unit)
{
    test_preemption_sync();
    test_interrupt_pending = true;
    for (unsigned round = 0; round < 5; round++) {
        ck_assert_uint_eq(points(UNITS - 1), 0);
        ck_assert_int_eq(preemption_point(), EXCEPTION_PREEMPTED);
    }
}
END_TEST

START_TEST(no_interrupt_never_stops)
{
    test_preemption_sync();
    test_interrupt_pending = false;
    ck_assert_uint_eq(points(100 * UNITS + 7), 0);
}
END_TEST

START_TEST(controller_asked_once_per_hundred_units)
{
    test_preemption_sync();
    test_interrupt_pending = false;
    test_interrupt_checks = 0;
    ck_assert_uint_eq(points(10 * UNITS + UNITS - 1), 0);
    ck_assert_uint_eq(test_interrupt_checks, 10);
    test_interrupt_pending = true;
    ck_assert_int_eq(preemption_point(), EXCEPTION_PREEMPTED);
    ck_assert_uint_eq(test_interrupt_checks, 11);
}
END_TEST

/* An interrupt that arrives between two checks is seen only at the next
   check, and a check that finds none starts the count over all the same. */
START_TEST(interrupt_seen_only_at_a_check)
{
    test_preemption_sync();
    test_interrupt_pending = false;
    ck_assert_uint_eq(points(UNITS), 0); /* the check at unit 100 finds nothing */
    test_interrupt_pending = true;
    ck_assert_uint_eq(points(UNITS - 1), 0);
    ck_assert_int_eq(preemption_point(), EXCEPTION_PREEMPTED);
}
END_TEST

/* No reset at a system call boundary: what one operation counted brings the
   next one's check closer, as in seL4. */
START_TEST(count_carries_over_between_operations)
{
    test_preemption_sync();
    test_interrupt_pending = true;
    ck_assert_uint_eq(points(60), 0); /* an operation that finished in 60 units */
    ck_assert_uint_eq(points(39), 0); /* the next one stops at its 40th */
    ck_assert_int_eq(preemption_point(), EXCEPTION_PREEMPTED);
}
END_TEST

Suite *preemption_suite(void)
{
    Suite *s = suite_create("preemption");
    TCase *c = tcase_create("work units");
    tcase_add_test(c, pending_interrupt_stops_every_hundredth_unit);
    tcase_add_test(c, no_interrupt_never_stops);
    tcase_add_test(c, controller_asked_once_per_hundred_units);
    tcase_add_test(c, interrupt_seen_only_at_a_check);
    tcase_add_test(c, count_carries_over_between_operations);
    suite_add_tcase(s, c);
    return s;
}

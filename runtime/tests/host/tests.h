/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The test suites of the runtime's host tests, and a small deterministic
 * random number generator so that a failing sequence can be replayed.
 */
#ifndef SEL4RUNTIME_TESTS_H
#define SEL4RUNTIME_TESTS_H

#include <check.h>
#include <stdint.h>

Suite *heap_suite(void);
Suite *tls_layout_suite(void);
Suite *string_suite(void);
Suite *exit_status_suite(void);
Suite *math_suite(void);
Suite *arguments_suite(void);
Suite *environment_section_suite(void);
Suite *rtc_date_suite(void);
Suite *timer_queue_suite(void);
Suite *timer_pit_count_suite(void);

/* xorshift64*: the same seed gives the same sequence on every run */
static inline uint64_t test_random(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545f4914f6cdd1dull;
}

#endif

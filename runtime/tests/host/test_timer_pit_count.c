/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * PIT counts: never shorter than the span asked for (so the interrupt does
 * not come before the deadline), at most one tick longer, never 0, and
 * clamped to the 16-bit counter for long spans.
 */
#include "tests.h"
#include "timer_pit_count.h"

START_TEST(small_and_large_spans)
{
    ck_assert_uint_eq(sel4rt_pit_count_for(0), 1);
    ck_assert_uint_eq(sel4rt_pit_count_for(1), 1);
    ck_assert_uint_eq(sel4rt_pit_count_for(838), 1); /* one tick is 838.1 ns */
    ck_assert_uint_eq(sel4rt_pit_count_for(839), 2);
    ck_assert_uint_eq(sel4rt_pit_count_for(1000000), 1194); /* 1 ms = 1193.182 ticks */
    ck_assert_uint_eq(sel4rt_pit_count_for(10000000), 11932);
    ck_assert_uint_eq(sel4rt_pit_count_for(54925000), 65535);
    ck_assert_uint_eq(sel4rt_pit_count_for(55000000), SEL4RT_PIT_MAX_COUNT);
    ck_assert_uint_eq(sel4rt_pit_count_for(UINT64_MAX), SEL4RT_PIT_MAX_COUNT);
}
END_TEST

START_TEST(counts_cover_the_span_by_at_most_a_tick)
{
    uint64_t seed = 0x9175u;
    for (int i = 0; i < 100000; i++) {
        uint64_t span = test_random(&seed) % 56000000u;
        uint16_t count = sel4rt_pit_count_for(span);
        ck_assert_uint_ge(count, 1);
        if (count < SEL4RT_PIT_MAX_COUNT) {
            /* count ticks last at least span, count - 1 ticks less */
            ck_assert_uint_ge((uint64_t)count * 1000000000u, (uint64_t)span * SEL4RT_PIT_HZ);
            ck_assert((uint64_t)(count - 1) * 1000000000u < (uint64_t)span * SEL4RT_PIT_HZ ||
                      count == 1);
        } else {
            /* clamped: more than the counter's 65534 ticks were wanted */
            ck_assert_uint_gt((uint64_t)span * SEL4RT_PIT_HZ,
                              (uint64_t)(SEL4RT_PIT_MAX_COUNT - 1) * 1000000000u);
        }
    }
}
END_TEST

Suite *timer_pit_count_suite(void)
{
    Suite *suite = suite_create("timer_pit_count");
    TCase *tc = tcase_create("arithmetic");
    tcase_add_test(tc, small_and_large_spans);
    tcase_add_test(tc, counts_cover_the_span_by_at_most_a_tick);
    suite_add_tcase(suite, tc);
    return suite;
}

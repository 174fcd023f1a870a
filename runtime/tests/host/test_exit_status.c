/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The exit status to isa-debug-exit value mapping: status & 0xff, clamped
 * to 127, so that QEMU's (v << 1) | 1 fits a host exit status.
 */
#include "exit_status.h"
#include "tests.h"

START_TEST(statuses_map_as_the_contract_says)
{
    static const struct {
        int status;
        uint32_t value;
    } cases[] = {
        {0, 0}, {1, 1}, {42, 42}, {101, 101}, {127, 127}, {128, 127}, {255, 127},
        {256, 0}, {257, 1}, {-1, 127}, {EXIT_STATUS_ABORT, 127}, {0x7fffffff, 127},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        ck_assert_uint_eq(sel4rt_exit_status_port_value(cases[i].status), cases[i].value);
    }
}
END_TEST

START_TEST(every_value_survives_the_qemu_round_trip)
{
    for (int status = -1000; status <= 1000; status++) {
        uint32_t v = sel4rt_exit_status_port_value(status);
        uint32_t qemu = ((v << 1) | 1) & 0xff; /* what the host sees */
        ck_assert_uint_eq(qemu >> 1, v);
    }
}
END_TEST

Suite *exit_status_suite(void)
{
    Suite *s = suite_create("exit_status");
    TCase *tc = tcase_create("mapping");
    tcase_add_test(tc, statuses_map_as_the_contract_says);
    tcase_add_test(tc, every_value_survives_the_qemu_round_trip);
    suite_add_tcase(s, tc);
    return s;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Runs every host test suite of the runtime; exits non-zero when any test
 * fails.
 */
#include <stdlib.h>

#include "tests.h"

int main(void)
{
    SRunner *runner = srunner_create(heap_suite());
    srunner_add_suite(runner, tls_layout_suite());
    srunner_add_suite(runner, string_suite());
    srunner_add_suite(runner, exit_status_suite());
    srunner_add_suite(runner, math_suite());
    srunner_add_suite(runner, arguments_suite());
    srunner_add_suite(runner, environment_section_suite());
    srunner_add_suite(runner, rtc_date_suite());
    srunner_add_suite(runner, timer_queue_suite());
    srunner_add_suite(runner, timer_pit_count_suite());
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

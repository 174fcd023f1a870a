/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Runs every boot logic suite; the exit status is non-zero when any test
 * fails, so `make` fails too. CK_VERBOSITY=verbose lists every test.
 */
#include "boot_tests.h"

#include <stdlib.h>

int main(void)
{
    SRunner *runner = srunner_create(elf_image_suite());
    srunner_add_suite(runner, elf_fuzz_suite());
    srunner_add_suite(runner, untyped_split_suite());
    srunner_add_suite(runner, untyped_window_suite());
    srunner_add_suite(runner, boot_info_suite());
    srunner_add_suite(runner, paging_entries_suite());
    srunner_add_suite(runner, caps_suite());
    srunner_add_suite(runner, registers_suite());
    srunner_add_suite(runner, fastpath_lookup_suite());
    srunner_add_suite(runner, preemption_suite());
    srunner_run_all(runner, CK_ENV);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

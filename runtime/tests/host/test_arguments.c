/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The `.sel4_arguments` section reader: well-formed sections give their
 * strings, and every kind of damage gives no arguments without reading past
 * the section.
 */
#include <stdlib.h>
#include <string.h>

#include "arguments.h"
#include "tests.h"

static struct sel4rt_argument_section *section;
static char *argv[SEL4RT_MAX_ARGUMENTS + 2];

/* A section with the given strings, written as the runner writes it. */
static void fill(const char *const *strings, uint32_t count)
{
    memset(section, 0, sizeof(*section));
    memcpy(section->magic, "SEL4ARGS", 8);
    section->version = 1;
    section->argc = count;
    size_t at = 0;
    for (uint32_t i = 0; i < count; i++) {
        size_t length = strlen(strings[i]) + 1;
        memcpy(&section->strings[at], strings[i], length);
        at += length;
    }
    section->size = (uint32_t)at;
    argv[0] = "program";
}

static void setup(void)
{
    /* on the heap, exactly its size, so ASan catches any read past it */
    section = malloc(sizeof(*section));
    ck_assert_ptr_nonnull(section);
}

static void teardown(void)
{
    free(section);
}

START_TEST(untouched_section_gives_no_arguments)
{
    fill(NULL, 0);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
    ck_assert_str_eq(argv[0], "program");
    ck_assert_ptr_null(argv[1]);
}
END_TEST

START_TEST(strings_become_argv)
{
    const char *const strings[] = {"--test-threads", "1", "", "filter name"};
    fill(strings, 4);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 5);
    ck_assert_str_eq(argv[1], "--test-threads");
    ck_assert_str_eq(argv[2], "1");
    ck_assert_str_eq(argv[3], "");
    ck_assert_str_eq(argv[4], "filter name");
    ck_assert_ptr_null(argv[5]);
}
END_TEST

START_TEST(damage_gives_no_arguments)
{
    const char *const strings[] = {"a", "bc"};
    fill(strings, 2);
    section->magic[0] = 'X';
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);

    fill(strings, 2);
    section->version = 3; /* newer than any this runtime reads */
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);

    fill(strings, 2);
    section->argc = 3; /* more strings claimed than written */
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
    ck_assert_ptr_null(argv[1]);

    fill(strings, 2);
    section->size = 3; /* the last string's NUL lies past the size */
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);

    fill(strings, 2);
    section->size = sizeof(section->strings) + 1;
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);

    fill(strings, 2);
    section->argc = SEL4RT_MAX_ARGUMENTS + 1;
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
}
END_TEST

START_TEST(a_full_section_without_terminator_stays_inside)
{
    fill(NULL, 0);
    memset(section->strings, 'x', sizeof(section->strings));
    section->argc = 1;
    section->size = sizeof(section->strings);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
}
END_TEST

START_TEST(the_most_arguments)
{
    fill(NULL, 0);
    section->argc = SEL4RT_MAX_ARGUMENTS;
    section->size = 2 * SEL4RT_MAX_ARGUMENTS;
    for (int i = 0; i < SEL4RT_MAX_ARGUMENTS; i++) {
        section->strings[2 * i] = 'a';
        section->strings[2 * i + 1] = '\0';
    }
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), SEL4RT_MAX_ARGUMENTS + 1);
    ck_assert_str_eq(argv[SEL4RT_MAX_ARGUMENTS], "a");
    ck_assert_ptr_null(argv[SEL4RT_MAX_ARGUMENTS + 1]);
}
END_TEST

Suite *arguments_suite(void)
{
    Suite *suite = suite_create("arguments");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, untouched_section_gives_no_arguments);
    tcase_add_test(tc, strings_become_argv);
    tcase_add_test(tc, damage_gives_no_arguments);
    tcase_add_test(tc, a_full_section_without_terminator_stays_inside);
    tcase_add_test(tc, the_most_arguments);
    suite_add_tcase(suite, tc);
    return suite;
}

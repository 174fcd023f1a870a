/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The environment in the `.sel4_arguments` section (layout version 2):
 * entries after the arguments become the initial environment; a version 1
 * section has none; every kind of damage, truncation or hostile count gives
 * no arguments and no environment, without reading past the section.
 */
#include <stdlib.h>
#include <string.h>

#include "arguments.h"
#include "tests.h"

static struct sel4rt_argument_section *section;
static char *argv[SEL4RT_MAX_ARGUMENTS + 2];
static char *entries[SEL4RT_MAX_ENVIRONMENT + 1];

/* Appends each string with its NUL at the end of the section's strings. */
static void append(const char *const *strings, uint32_t count)
{
    for (uint32_t i = 0; i < count; i++) {
        size_t length = strlen(strings[i]) + 1;
        memcpy(&section->strings[section->size], strings[i], length);
        section->size += (uint32_t)length;
    }
}

/* A version 2 section with these arguments and entries, as the runner
 * writes it. */
static void fill(const char *const *args, uint32_t argc, const char *const *env, uint32_t envc)
{
    memset(section, 0, sizeof(*section));
    memcpy(section->magic, "SEL4ARGS", 8);
    section->version = 2;
    section->argc = argc;
    section->envc = envc;
    append(args, argc);
    append(env, envc);
    argv[0] = "program";
}

/* Fails unless both readers see a damaged section. */
static void expect_nothing(void)
{
    entries[0] = "stale";
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 0);
    ck_assert_ptr_null(entries[0]);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
    ck_assert_ptr_null(argv[1]);
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

START_TEST(entries_follow_the_arguments)
{
    const char *const args[] = {"one", "two words"};
    const char *const env[] = {"GREETING=hello from Cargo.toml", "RUST_BACKTRACE=1", "EMPTY="};
    fill(args, 2, env, 3);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 3);
    ck_assert_str_eq(argv[1], "one");
    ck_assert_str_eq(argv[2], "two words");
    ck_assert_ptr_null(argv[3]);
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 3);
    ck_assert_str_eq(entries[0], "GREETING=hello from Cargo.toml");
    ck_assert_str_eq(entries[1], "RUST_BACKTRACE=1");
    ck_assert_str_eq(entries[2], "EMPTY=");
    ck_assert_ptr_null(entries[3]);
}
END_TEST

START_TEST(an_environment_without_arguments)
{
    const char *const env[] = {"A=b=c"};
    fill(NULL, 0, env, 1);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 1);
    ck_assert_ptr_null(argv[1]);
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 1);
    ck_assert_str_eq(entries[0], "A=b=c"); /* NAME ends at the first '=' */
}
END_TEST

START_TEST(untouched_and_version_1_sections_have_no_environment)
{
    fill(NULL, 0, NULL, 0);
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 0);
    ck_assert_ptr_null(entries[0]);

    /* version 1: the word after the size is reserved, whatever it holds */
    const char *const args[] = {"x", "Y=z"};
    fill(args, 2, NULL, 0);
    section->version = 1;
    section->envc = 7;
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 0);
    ck_assert_int_eq(sel4rt_arguments_parse(section, argv), 3);
    ck_assert_str_eq(argv[2], "Y=z");
}
END_TEST

START_TEST(malformed_entries_void_the_section)
{
    const char *const args[] = {"arg"};
    const char *const no_separator[] = {"GOOD=1", "NOSEPARATOR"};
    fill(args, 1, no_separator, 2);
    expect_nothing();

    const char *const empty_name[] = {"=value"};
    fill(args, 1, empty_name, 1);
    expect_nothing();

    const char *const empty_string[] = {""};
    fill(args, 1, empty_string, 1);
    expect_nothing();
}
END_TEST

START_TEST(hostile_headers_void_the_section)
{
    const char *const args[] = {"a"};
    const char *const env[] = {"B=c", "D=e"};

    fill(args, 1, env, 2);
    section->envc = 3; /* more entries claimed than written */
    expect_nothing();

    fill(args, 1, env, 2);
    section->envc = SEL4RT_MAX_ENVIRONMENT + 1;
    expect_nothing();

    fill(args, 1, env, 2);
    section->envc = UINT32_MAX;
    section->argc = UINT32_MAX;
    expect_nothing();

    fill(args, 1, env, 2);
    section->version = 3;
    expect_nothing();

    fill(args, 1, env, 2);
    section->magic[7] = 'Z';
    expect_nothing();

    fill(args, 1, env, 2);
    section->size = sizeof(section->strings) + 1;
    expect_nothing();
}
END_TEST

START_TEST(truncation_voids_the_section)
{
    const char *const args[] = {"first"};
    const char *const env[] = {"NAME=value", "OTHER=longer value"};
    fill(args, 1, env, 2);
    uint32_t full = section->size;
    /* every shorter size cuts a string or its NUL off */
    for (uint32_t size = 0; size < full; size++) {
        fill(args, 1, env, 2);
        section->size = size;
        expect_nothing();
    }
    fill(args, 1, env, 2);
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), 2);
}
END_TEST

START_TEST(a_full_section_without_terminator_stays_inside)
{
    fill(NULL, 0, NULL, 0);
    memset(section->strings, 'x', sizeof(section->strings));
    section->strings[0] = 'N';
    section->strings[1] = '=';
    section->envc = 1;
    section->size = sizeof(section->strings);
    expect_nothing();
}
END_TEST

START_TEST(the_most_entries_fill_the_section_exactly)
{
    fill(NULL, 0, NULL, 0);
    section->envc = SEL4RT_MAX_ENVIRONMENT;
    /* 256 entries of "Vnn=" plus values: the last NUL is the section's
     * last byte */
    size_t room = sizeof(section->strings);
    size_t each = room / SEL4RT_MAX_ENVIRONMENT;
    for (size_t i = 0; i < SEL4RT_MAX_ENVIRONMENT; i++) {
        char *entry = &section->strings[i * each];
        size_t length = i + 1 == SEL4RT_MAX_ENVIRONMENT ? room - i * each : each;
        memset(entry, 'v', length - 1);
        entry[0] = 'V';
        entry[1] = '=';
        entry[length - 1] = '\0';
    }
    section->size = (uint32_t)room;
    ck_assert_uint_eq(sel4rt_environment_parse(section, entries), SEL4RT_MAX_ENVIRONMENT);
    ck_assert_ptr_eq(entries[SEL4RT_MAX_ENVIRONMENT - 1], &section->strings[(SEL4RT_MAX_ENVIRONMENT - 1) * each]);
    ck_assert_ptr_null(entries[SEL4RT_MAX_ENVIRONMENT]);
}
END_TEST

START_TEST(random_bytes_never_read_outside)
{
    /* any header and strings: the readers may accept or refuse, but ASan
     * sees every access, and an accepted entry is always NAME=value */
    uint64_t state = 0x5e14e4f1a7ull;
    for (int round = 0; round < 2000; round++) {
        fill(NULL, 0, NULL, 0);
        uint64_t word = test_random(&state);
        section->argc = (uint32_t)(word % 4);
        section->envc = (uint32_t)((word >> 8) % 4);
        section->size = (uint32_t)((word >> 16) % 64);
        for (int i = 0; i < 64; i++) {
            uint64_t pick = test_random(&state) % 4;
            section->strings[i] = pick == 0 ? '\0' : pick == 1 ? '=' : 'k';
        }
        size_t count = sel4rt_environment_parse(section, entries);
        for (size_t i = 0; i < count; i++) {
            ck_assert(entries[i][0] != '=' && strchr(entries[i], '=') != NULL);
        }
        ck_assert_ptr_null(entries[count]);
        int argc = sel4rt_arguments_parse(section, argv);
        ck_assert_ptr_null(argv[argc]);
    }
}
END_TEST

Suite *environment_section_suite(void)
{
    Suite *suite = suite_create("environment section");
    TCase *tc = tcase_create("parse");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, entries_follow_the_arguments);
    tcase_add_test(tc, an_environment_without_arguments);
    tcase_add_test(tc, untouched_and_version_1_sections_have_no_environment);
    tcase_add_test(tc, malformed_entries_void_the_section);
    tcase_add_test(tc, hostile_headers_void_the_section);
    tcase_add_test(tc, truncation_voids_the_section);
    tcase_add_test(tc, a_full_section_without_terminator_stays_inside);
    tcase_add_test(tc, the_most_entries_fill_the_section_exactly);
    tcase_add_test(tc, random_bytes_never_read_outside);
    suite_add_tcase(suite, tc);
    return suite;
}

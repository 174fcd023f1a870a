/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Reading the `.sel4_arguments` section (see arguments.h): the program's
 * arguments and its initial environment. The runner is on the host and
 * trusted, but a file edited by hand or cut short must still give a program
 * with no arguments and an empty environment, never a read past the section.
 */
#include <stdbool.h>

#include "arguments.h"

static const char magic[8] = {'S', 'E', 'L', '4', 'A', 'R', 'G', 'S'};

/* The number of environment entries the header announces, or -1 when the
 * header itself is unusable (magic, version, counts, size). */
static long announced_environment(const struct sel4rt_argument_section *section)
{
    for (size_t i = 0; i < sizeof(magic); i++) {
        if (section->magic[i] != magic[i]) {
            return -1;
        }
    }
    uint32_t envc;
    switch (section->version) {
    case 1:
        envc = 0; /* the word is reserved in version 1, whatever it holds */
        break;
    case 2:
        envc = section->envc;
        break;
    default:
        return -1;
    }
    if (section->argc > SEL4RT_MAX_ARGUMENTS || envc > SEL4RT_MAX_ENVIRONMENT ||
        section->size > sizeof(section->strings)) {
        return -1;
    }
    return (long)envc;
}

/* The offset just past the NUL of the string at `at`, or 0 when that NUL
 * is not inside the recorded size. */
static size_t string_end(const struct sel4rt_argument_section *section, size_t at)
{
    while (at < section->size && section->strings[at] != '\0') {
        at++;
    }
    return at < section->size ? at + 1 : 0;
}

/* Whether the string from `start` to its NUL at `end - 1` is NAME=value
 * with a non-empty NAME. */
static bool is_entry(const struct sel4rt_argument_section *section, size_t start, size_t end)
{
    if (section->strings[start] == '=') {
        return false;
    }
    for (size_t at = start; at + 1 < end; at++) {
        if (section->strings[at] == '=') {
            return true;
        }
    }
    return false;
}

/*
 * Checks every string the header announces; when all are sound, stores
 * pointers to the arguments in argv (if not NULL) and to the entries in
 * entries (if not NULL), and answers the number of entries, else -1.
 */
static long read_section(struct sel4rt_argument_section *section, char **argv, char **entries)
{
    long envc = announced_environment(section);
    if (envc < 0) {
        return -1;
    }
    size_t total = section->argc + (size_t)envc;
    size_t at = 0;
    /* first check, then store: damage late in the section voids it all */
    for (size_t n = 0; n < total; n++) {
        size_t end = string_end(section, at);
        if (end == 0 || (n >= section->argc && !is_entry(section, at, end))) {
            return -1;
        }
        at = end;
    }
    at = 0;
    for (size_t n = 0; n < total; n++) {
        char *string = &section->strings[at];
        if (n < section->argc && argv != NULL) {
            argv[n] = string;
        } else if (n >= section->argc && entries != NULL) {
            entries[n - section->argc] = string;
        }
        at = string_end(section, at);
    }
    return envc;
}

int sel4rt_arguments_parse(struct sel4rt_argument_section *section, char **argv)
{
    argv[1] = NULL;
    if (read_section(section, &argv[1], NULL) < 0) {
        return 1;
    }
    int argc = 1 + (int)section->argc;
    argv[argc] = NULL;
    return argc;
}

size_t sel4rt_environment_parse(struct sel4rt_argument_section *section, char **entries)
{
    entries[0] = NULL;
    long envc = read_section(section, NULL, entries);
    if (envc < 0) {
        return 0; /* read_section stores nothing from a damaged section */
    }
    entries[envc] = NULL;
    return (size_t)envc;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Reading the `.sel4_arguments` section (see arguments.h). The runner is on
 * the host and trusted, but a file edited by hand or cut short must still
 * give a program with no arguments, never a read past the section.
 */
#include "arguments.h"

static const char magic[8] = {'S', 'E', 'L', '4', 'A', 'R', 'G', 'S'};

int sel4rt_arguments_parse(struct sel4rt_argument_section *section, char **argv)
{
    int argc = 1;
    argv[1] = NULL;
    for (size_t i = 0; i < sizeof(magic); i++) {
        if (section->magic[i] != magic[i]) {
            return argc;
        }
    }
    if (section->version != 1 || section->argc > SEL4RT_MAX_ARGUMENTS ||
        section->size > sizeof(section->strings)) {
        return argc;
    }
    size_t at = 0;
    for (uint32_t n = 0; n < section->argc; n++) {
        char *start = &section->strings[at];
        /* each string must end with a NUL inside the recorded size */
        while (at < section->size && section->strings[at] != '\0') {
            at++;
        }
        if (at >= section->size) {
            argv[1] = NULL;
            return 1;
        }
        at++;
        argv[argc++] = start;
    }
    argv[argc] = NULL;
    return argc;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Program arguments of a root task. seL4 starts the root task with none, so
 * the runner writes them before boot into the `.sel4_arguments` section this
 * runtime reserves (layout in crates/sel4-launcher/src/argument_section.rs):
 * "SEL4ARGS", version 1, argc, bytes of strings, reserved, then the strings,
 * each NUL-terminated. This part is pure so the host tests can check it.
 */
#ifndef SEL4RUNTIME_ARGUMENTS_H
#define SEL4RUNTIME_ARGUMENTS_H

#include <stddef.h>
#include <stdint.h>

/* The section's size and the most arguments a root task takes from it. */
#define SEL4RT_ARGUMENT_SECTION_SIZE 4096
#define SEL4RT_ARGUMENT_HEADER_SIZE 24
#define SEL4RT_MAX_ARGUMENTS 256

struct sel4rt_argument_section {
    char magic[8];
    uint32_t version;
    uint32_t argc;
    uint32_t size;
    uint32_t reserved;
    char strings[SEL4RT_ARGUMENT_SECTION_SIZE - SEL4RT_ARGUMENT_HEADER_SIZE];
};

/*
 * Fills argv[1..] with pointers to the section's strings and answers the new
 * argc (program name included: argv[0] is the caller's). A section that is
 * malformed in any way (wrong magic or version, too many strings, strings
 * running past the recorded size or the section) gives no arguments: argc 1.
 * argv has room for SEL4RT_MAX_ARGUMENTS + 2 pointers; argv[argc] is NULL.
 */
int sel4rt_arguments_parse(struct sel4rt_argument_section *section, char **argv);

#endif

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Program arguments and environment of a root task. seL4 starts the root
 * task with neither, so the runner writes them before boot into the
 * `.sel4_arguments` section this runtime reserves (the contract is
 * crates/sel4-launcher/src/argument_section.rs). Little-endian:
 *
 *   offset size field
 *        0    8 magic "SEL4ARGS"
 *        8    4 version: 1 or 2
 *       12    4 argc: argument strings (the program name not counted)
 *       16    4 bytes of strings written
 *       20    4 envc: environment strings (version 2; reserved in version 1)
 *       24 rest the argc arguments, then the envc "NAME=value" entries,
 *               each NUL-terminated, back to back
 *
 * The runtime's copy says version 2 (the newest it reads); a runner that
 * knows only version 1 writes arguments and no environment. This part is
 * pure so the host tests can check it.
 */
#ifndef SEL4RUNTIME_ARGUMENTS_H
#define SEL4RUNTIME_ARGUMENTS_H

#include <stddef.h>
#include <stdint.h>

/* The section's size, and the most arguments and environment entries a
 * root task takes from it. */
#define SEL4RT_ARGUMENT_SECTION_SIZE 4096
#define SEL4RT_ARGUMENT_HEADER_SIZE 24
#define SEL4RT_MAX_ARGUMENTS 256
#define SEL4RT_MAX_ENVIRONMENT 256
/* The newest layout this runtime reads (it reads every older one too). */
#define SEL4RT_ARGUMENT_SECTION_VERSION 2

struct sel4rt_argument_section {
    char magic[8];
    uint32_t version;
    uint32_t argc;
    uint32_t size;
    uint32_t envc; /* 0, and ignored, in version 1 */
    char strings[SEL4RT_ARGUMENT_SECTION_SIZE - SEL4RT_ARGUMENT_HEADER_SIZE];
};

/*
 * Both readers check the whole section first. A section that is malformed
 * in any way (wrong magic or unknown version, too many strings, a string
 * running past the recorded size or the section, an environment entry that
 * is not NAME=value with a non-empty NAME) gives no arguments and an empty
 * environment, and neither reads a byte outside the section.
 */

/*
 * Fills argv[1..] with pointers to the section's argument strings and
 * answers the new argc (program name included: argv[0] is the caller's).
 * argv has room for SEL4RT_MAX_ARGUMENTS + 2 pointers; argv[argc] is NULL.
 */
int sel4rt_arguments_parse(struct sel4rt_argument_section *section, char **argv);

/*
 * Fills entries[0..] with pointers to the section's "NAME=value" strings
 * and answers their number (0 for version 1). entries has room for
 * SEL4RT_MAX_ENVIRONMENT + 1 pointers; entries[count] is NULL. Later
 * entries win over earlier ones of the same NAME, as with setenv.
 */
size_t sel4rt_environment_parse(struct sel4rt_argument_section *section, char **entries);

#endif

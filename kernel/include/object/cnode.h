/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * CNode invocations: Revoke, Delete, CancelBadgedSends, Copy, Mint, Move,
 * Mutate, Rotate and SaveCaller, with seL4's checks, errors and effects.
 */
#ifndef OBJECT_CNODE_H
#define OBJECT_CNODE_H

#include <kernel/lookup.h>
#include <kernel/printf.h>
#include <object/cap.h>

/* user_error for a failed slot lookup: the message, then why the lookup failed. */
#define user_lookup_error(...)                     \
    do {                                           \
        if (kernel_printing) {                     \
            user_error_prefix(__func__, __LINE__); \
            kprintf(__VA_ARGS__);                  \
            print_lookup_failure_reason();         \
            kprintf(">>\n");                       \
        }                                          \
    } while (0)

exception_t decode_cnode_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cap cap,
                                    uint64_t *buffer);

#endif /* OBJECT_CNODE_H */

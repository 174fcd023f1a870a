/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The console words for a failed CNode-operation lookup, appended to the
 * debug line of the refused invocation so that it says why the lookup failed
 * (guard mismatch, depth mismatch, empty slot, bad root or depth).
 */
#include <kernel/cspace.h>
#include <kernel/printf.h>

void print_lookup_failure_reason(void)
{
    if (current_syscall_error.type == seL4_RangeError) {
        kprintf(": a depth must be 1..64");
        return;
    }
    const struct lookup_fault *f = &current_lookup_fault;
    switch (f->kind) {
    case LOOKUP_INVALID_ROOT:
        kprintf(": the root cap is not a CNode cap");
        break;
    case LOOKUP_MISSING_CAPABILITY:
        kprintf(": the slot is empty (%lu bits)", f->bits_left);
        break;
    case LOOKUP_DEPTH_MISMATCH:
        if (f->bits_found == 0) {
            kprintf(": %lu bits were left at a slot that holds no CNode cap", f->bits_left);
        } else {
            kprintf(": %lu bits were left where the next CNode resolves %lu", f->bits_left, f->bits_found);
        }
        break;
    case LOOKUP_GUARD_MISMATCH:
        kprintf(": guard mismatch with %lu bits left, the CNode's guard is 0x%lx (%lu bits)", f->bits_left,
                f->guard_found, f->bits_found);
        break;
    }
}

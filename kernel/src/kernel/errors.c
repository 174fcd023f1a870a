/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The kernel's one error record and its helpers. A decode that fails fills
 * current_syscall_error through one of these and returns the status; the
 * syscall layer turns the record into the reply (see api/reply.c).
 */
#include <kernel/lookup.h>
#include <kernel/string.h>

struct lookup_fault current_lookup_fault;
struct syscall_error current_syscall_error;
struct fault current_fault;

exception_t syscall_error(seL4_Error type)
{
    memset(&current_syscall_error, 0, sizeof(current_syscall_error));
    current_syscall_error.type = type;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t invalid_argument(uint64_t argument_number)
{
    syscall_error(seL4_InvalidArgument);
    current_syscall_error.invalid_argument_number = argument_number;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t invalid_capability(uint64_t cap_number)
{
    syscall_error(seL4_InvalidCapability);
    current_syscall_error.invalid_cap_number = cap_number;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t range_error(uint64_t min, uint64_t max)
{
    syscall_error(seL4_RangeError);
    current_syscall_error.range_min = min;
    current_syscall_error.range_max = max;
    return EXCEPTION_SYSCALL_ERROR;
}

exception_t failed_lookup(bool was_source)
{
    syscall_error(seL4_FailedLookup);
    current_syscall_error.failed_lookup_was_source = was_source;
    return EXCEPTION_SYSCALL_ERROR;
}

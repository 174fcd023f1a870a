/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Errors and faults as seL4 reports them: the lookup failure that a failed
 * CSpace walk leaves behind, the syscall error record whose fields are
 * exactly what an error reply carries, the fault record, and the status every
 * decode and lookup returns.
 */
#ifndef KERNEL_LOOKUP_H
#define KERNEL_LOOKUP_H

#include <stdbool.h>
#include <stdint.h>

#include <generated/sel4_api.h>

/* What a kernel step ended with (seL4's exception_t). */
typedef enum {
    EXCEPTION_NONE,
    EXCEPTION_FAULT,         /* current_fault holds a fault for the thread */
    EXCEPTION_LOOKUP_FAULT,  /* current_lookup_fault says why a lookup failed */
    EXCEPTION_SYSCALL_ERROR, /* current_syscall_error holds the error reply */
    EXCEPTION_PREEMPTED,
} exception_t;

/* Kernel lookup failure kinds; the user sees kind + 1 (seL4_InvalidRoot ...). */
enum lookup_fault_kind {
    LOOKUP_INVALID_ROOT = 0,
    LOOKUP_MISSING_CAPABILITY = 1,
    LOOKUP_DEPTH_MISMATCH = 2,
    LOOKUP_GUARD_MISMATCH = 3,
};

struct lookup_fault {
    enum lookup_fault_kind kind;
    uint64_t bits_left;
    uint64_t bits_found;  /* depth and guard mismatch */
    uint64_t guard_found; /* guard mismatch */
};

/* The error reply of a failed invocation (seL4's syscall_error_t). */
struct syscall_error {
    seL4_Error type;
    uint64_t invalid_argument_number;
    uint64_t invalid_cap_number;
    uint64_t range_min, range_max;
    uint64_t memory_left;
    bool failed_lookup_was_source;
};

/* A fault of a thread, as delivered to its fault handler (ABI section 14). */
struct fault {
    uint64_t type; /* seL4_Fault_* */
    uint64_t address;   /* cap fault: cptr; vm fault: address */
    uint64_t flag;      /* cap fault: in receive phase; vm fault: instruction fault */
    uint64_t number;    /* unknown syscall: number; user exception: vector */
    uint64_t code;      /* user exception: error code; vm fault: FSR */
};

extern struct lookup_fault current_lookup_fault;
extern struct syscall_error current_syscall_error;
extern struct fault current_fault;

static inline struct lookup_fault lookup_fault_missing_capability(uint64_t bits_left)
{
    return (struct lookup_fault){LOOKUP_MISSING_CAPABILITY, bits_left, 0, 0};
}
static inline struct lookup_fault lookup_fault_depth_mismatch(uint64_t bits_left, uint64_t bits_found)
{
    return (struct lookup_fault){LOOKUP_DEPTH_MISMATCH, bits_left, bits_found, 0};
}

/* Error helpers: each fills current_syscall_error and returns EXCEPTION_SYSCALL_ERROR. */
exception_t syscall_error(seL4_Error type);
exception_t invalid_argument(uint64_t argument_number);
exception_t invalid_capability(uint64_t cap_number);
exception_t range_error(uint64_t min, uint64_t max);
exception_t failed_lookup(bool was_source);

static inline struct fault cap_fault(uint64_t cptr, bool in_receive_phase)
{
    return (struct fault){seL4_Fault_CapFault, cptr, in_receive_phase, 0, 0};
}

#endif /* KERNEL_LOOKUP_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The seL4 API for C programs: include this one header. It gathers the
 * numbers and enumerations, the types and ABI structures, the system calls
 * with IPC buffer access, and one stub per kernel invocation. Everything
 * except syscalls.h is generated from api/interface by sel4-api.
 *
 * Names and behaviour follow libsel4, for our configuration (x86_64 pc99,
 * non-MCS, debug), so code written against libsel4 compiles unchanged.
 */
#ifndef SEL4_SEL4_H
#define SEL4_SEL4_H

#include <sel4/generated/constants.h>
#include <sel4/generated/types.h>
#include <sel4/syscalls.h>
#include <sel4/generated/invocations.h>

#endif /* SEL4_SEL4_H */

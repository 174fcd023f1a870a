/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/* The system call layer: dispatch on the number in RDX (see api/syscall.c). */
#ifndef API_SYSCALL_H
#define API_SYSCALL_H

#include <stdint.h>

/* Handles syscall number for current_thread; the caller then schedules. */
void handle_syscall(int64_t number);

#endif /* API_SYSCALL_H */

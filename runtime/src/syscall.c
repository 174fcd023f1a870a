/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * syscall(): the Linux system calls std makes directly. getrandom is
 * served; futex is not needed while there is one thread (std's locks call
 * it only under contention) and fails with ENOSYS, as does every other
 * number, which std handles by falling back or reporting an error.
 */
#include "internal.h"

long syscall(long number, ...)
{
    switch (number) {
    case SYS_getrandom: {
        __builtin_va_list args;
        __builtin_va_start(args, number);
        void *buf = __builtin_va_arg(args, void *);
        size_t length = __builtin_va_arg(args, size_t);
        __builtin_va_end(args);
        sel4rt_random_fill(buf, length);
        return (long)length;
    }
    case SYS_gettid:
    case SYS_getpid:
        return 1;
    case SYS_sched_yield:
        seL4_Yield();
        return 0;
    default:
        return fail_with(ENOSYS);
    }
}

pid_t getpid(void)
{
    return 1;
}

pid_t gettid(void)
{
    return 1;
}

int sched_yield(void)
{
    seL4_Yield();
    return 0;
}

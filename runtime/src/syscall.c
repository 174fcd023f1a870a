/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * syscall(): the Linux system calls std makes directly. getrandom and
 * futex (futex.c) are served; every other number fails with ENOSYS, which
 * std handles by falling back or reporting an error.
 */
#include "internal.h"
#include "thread.h"

pid_t gettid(void);

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
    case SYS_futex: {
        __builtin_va_list args;
        __builtin_va_start(args, number);
        atomic_uint *address = __builtin_va_arg(args, atomic_uint *);
        int op = __builtin_va_arg(args, int);
        unsigned value = __builtin_va_arg(args, unsigned);
        const void *timeout = __builtin_va_arg(args, const void *);
        __builtin_va_end(args);
        return sel4rt_futex(address, op, value, timeout);
    }
    case SYS_gettid:
        return gettid();
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
    /* 1 for the initial thread, as on Linux the main thread's id is the pid */
    sel4rt_thread *t = sel4rt_thread_current();
    return t->index == 0 ? 1 : (pid_t)(t->index + 1);
}

int sched_yield(void)
{
    seL4_Yield();
    return 0;
}

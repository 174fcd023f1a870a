/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Leaving the program. exit() runs thread-local destructors, atexit
 * handlers and the ELF destructors (as glibc does, in that order), waits
 * for the console to drain, and then writes the status to QEMU's
 * isa-debug-exit port, which ends QEMU at once with status (v << 1) | 1
 * (see exit_status.h for v). _exit() and abort() skip the handlers.
 * Should the port write return (no such device, no capability), the thread
 * yields forever: a root task has nobody to return to, and DebugHalt exists
 * only on debug kernels.
 */
#include "exit_status.h"
#include "internal.h"

#define MAX_HANDLERS 64

typedef struct {
    void (*function)(void *);
    void *argument;
} exit_handler;

/* __cxa_atexit and atexit handlers, run last-registered first */
static exit_handler handlers[MAX_HANDLERS];
static unsigned handler_count;

/* thread-local destructors (std registers these), one list per thread: run
 * when the thread ends, or by exit() for the thread that calls it */
static __thread exit_handler tls_destructors[MAX_HANDLERS];
static __thread unsigned tls_destructor_count;

/* The DSO handle compilers pass to __cxa_atexit; normally from crtbegin.o,
 * which a -nostartfiles link leaves out. */
void *__dso_handle __attribute__((visibility("hidden"))) = &__dso_handle;

typedef void (*fini_function)(void);
extern fini_function __fini_array_start[] __attribute__((weak, visibility("hidden")));
extern fini_function __fini_array_end[] __attribute__((weak, visibility("hidden")));

int __cxa_atexit(void (*function)(void *), void *argument, void *dso);
int __cxa_atexit(void (*function)(void *), void *argument, void *dso)
{
    (void)dso;
    if (handler_count == MAX_HANDLERS) {
        return -1;
    }
    handlers[handler_count].function = function;
    handlers[handler_count].argument = argument;
    handler_count++;
    return 0;
}

static void call_plain(void *function)
{
    ((void (*)(void))function)();
}

int atexit(void (*function)(void));
int atexit(void (*function)(void))
{
    return __cxa_atexit(call_plain, (void *)function, NULL);
}

int __cxa_thread_atexit_impl(void (*destructor)(void *), void *object, void *dso);
int __cxa_thread_atexit_impl(void (*destructor)(void *), void *object, void *dso)
{
    (void)dso;
    if (tls_destructor_count == MAX_HANDLERS) {
        return -1;
    }
    tls_destructors[tls_destructor_count].function = destructor;
    tls_destructors[tls_destructor_count].argument = object;
    tls_destructor_count++;
    return 0;
}

static void run_handlers(exit_handler *list, unsigned *count)
{
    /* a handler may register more; take them one at a time from the top */
    while (*count > 0) {
        exit_handler h = list[--*count];
        h.function(h.argument);
    }
}

void sel4rt_exit_run_thread_destructors(void)
{
    run_handlers(tls_destructors, &tls_destructor_count);
}

NORETURN void sel4rt_exit_to_port(int status)
{
    sel4rt_serial_drain();
    seL4_CPtr port = sel4rt_ioports_exit();
    if (port != seL4_CapNull) {
        seL4_X86_IOPort_Out32(port, 0xf4, sel4rt_exit_status_port_value(status));
    }
    for (;;) {
        seL4_Yield();
    }
}

void exit(int status)
{
    run_handlers(tls_destructors, &tls_destructor_count);
    run_handlers(handlers, &handler_count);
    if (__fini_array_start != NULL) {
        for (fini_function *f = __fini_array_end; f != __fini_array_start;) {
            (*--f)();
        }
    }
    sel4rt_exit_to_port(status);
}

NORETURN void _exit(int status);
void _exit(int status)
{
    sel4rt_exit_to_port(status);
}

NORETURN void _Exit(int status);
void _Exit(int status)
{
    sel4rt_exit_to_port(status);
}

NORETURN void abort(void);
void abort(void)
{
    sel4rt_exit_to_port(EXIT_STATUS_ABORT);
}

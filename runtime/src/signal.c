/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Signals. seL4 delivers none: a fault goes to the thread's fault handler
 * instead. The calls still succeed and remember what they were told, so
 * std's start-up (which ignores SIGPIPE and installs a SIGSEGV handler with
 * an alternate stack) sees a normal process. signal() must return the
 * previous handler, SIG_DFL at first, never SIG_ERR: std aborts on SIG_ERR.
 */
#include "internal.h"

void *memset(void *dst, int c, size_t n);

static struct sigaction actions[NSIG];
/* per thread, as on Linux: std sets one up in every thread it starts */
static __thread stack_t alternate_stack = {.ss_sp = NULL, .ss_flags = SS_DISABLE, .ss_size = 0};

static bool valid_signal(int signal)
{
    return signal > 0 && signal < NSIG;
}

sighandler_t signal(int signal, sighandler_t handler)
{
    if (!valid_signal(signal)) {
        fail_with(EINVAL);
        return SIG_ERR;
    }
    sighandler_t previous = actions[signal].handler.sa_handler;
    memset(&actions[signal], 0, sizeof(actions[signal]));
    actions[signal].handler.sa_handler = handler;
    return previous;
}

sighandler_t bsd_signal(int signal, sighandler_t handler) __attribute__((alias("signal")));

int sigaction(int signal, const struct sigaction *action, struct sigaction *previous)
{
    if (!valid_signal(signal)) {
        return (int)fail_with(EINVAL);
    }
    if (previous != NULL) {
        *previous = actions[signal];
    }
    if (action != NULL) {
        actions[signal] = *action;
    }
    return 0;
}

int sigaltstack(const stack_t *stack, stack_t *previous)
{
    if (previous != NULL) {
        *previous = alternate_stack;
    }
    if (stack != NULL) {
        if ((stack->ss_flags & ~SS_DISABLE) != 0) {
            return (int)fail_with(EINVAL);
        }
        if ((stack->ss_flags & SS_DISABLE) == 0 && stack->ss_size < MINSIGSTKSZ_VALUE) {
            return (int)fail_with(ENOMEM);
        }
        alternate_stack = *stack;
    }
    return 0;
}

int sigemptyset(sigset_t *set)
{
    memset(set, 0, sizeof(*set));
    return 0;
}

int sigfillset(sigset_t *set)
{
    memset(set, 0xff, sizeof(*set));
    return 0;
}

int sigaddset(sigset_t *set, int signal)
{
    if (!valid_signal(signal)) {
        return (int)fail_with(EINVAL);
    }
    set->bits[(signal - 1) / 64] |= 1ul << ((signal - 1) % 64);
    return 0;
}

int sigdelset(sigset_t *set, int signal)
{
    if (!valid_signal(signal)) {
        return (int)fail_with(EINVAL);
    }
    set->bits[(signal - 1) / 64] &= ~(1ul << ((signal - 1) % 64));
    return 0;
}

int sigismember(const sigset_t *set, int signal)
{
    if (!valid_signal(signal)) {
        return (int)fail_with(EINVAL);
    }
    return (int)((set->bits[(signal - 1) / 64] >> ((signal - 1) % 64)) & 1);
}

int sigprocmask(int how, const sigset_t *set, sigset_t *previous)
{
    (void)how;
    (void)set;
    if (previous != NULL) {
        memset(previous, 0, sizeof(*previous)); /* nothing is ever blocked */
    }
    return 0;
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *previous)
{
    sigprocmask(how, set, previous);
    return 0;
}

int raise(int signal)
{
    (void)signal;
    return (int)fail_with(ENOSYS);
}

int kill(pid_t pid, int signal)
{
    (void)pid;
    (void)signal;
    return (int)fail_with(ENOSYS);
}

int pause(void)
{
    /* no signal can end the wait */
    for (;;) {
        seL4_Yield();
    }
}

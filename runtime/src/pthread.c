/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The POSIX thread calls std makes besides creating and joining threads
 * (thread.c): attributes, pthread_getattr_np (the stack std's guard
 * bookkeeping asks for), thread-specific keys with per-thread values and
 * destructors, and mutexes and once-controls on the futex (futex.c).
 */
#include "internal.h"
#include "layout.h"
#include "thread.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
size_t strlen(const char *s);

#define MAX_KEYS 128
#define DEFAULT_STACK_SIZE (256 * 1024)

/* What the runtime keeps inside the opaque pthread_attr_t. */
typedef struct {
    void *stack_base; /* lowest address, or NULL: chosen at creation */
    size_t stack_size;
    size_t guard_size;
    int detach_state;
} attr_contents;
_Static_assert(sizeof(attr_contents) <= sizeof(pthread_attr_t), "fits glibc's size");

static attr_contents *contents(pthread_attr_t *attr)
{
    return (attr_contents *)attr;
}

int pthread_attr_init(pthread_attr_t *attr)
{
    attr_contents *c = contents(attr);
    c->stack_base = NULL;
    c->stack_size = DEFAULT_STACK_SIZE;
    c->guard_size = SEL4RUNTIME_PAGE_SIZE;
    c->detach_state = 0;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_getattr_np(pthread_t thread, pthread_attr_t *attr)
{
    pthread_attr_init(attr);
    attr_contents *c = contents(attr);
    if (sel4rt_thread_stack_of(thread, &c->stack_base, &c->stack_size)) {
        /* the 2 MiB below the stack (but its IPC buffer page) is unmapped */
        c->guard_size = SEL4RUNTIME_PAGE_SIZE;
        return 0;
    }
    if (thread != pthread_self()) {
        return ESRCH;
    }
    sel4runtime_initial_stack(&c->stack_base, &c->stack_size);
    c->guard_size = 0; /* the guard page below the static stack is not reported */
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t *attr, void **base, size_t *size)
{
    const attr_contents *c = (const attr_contents *)attr;
    *base = c->stack_base;
    *size = c->stack_size;
    return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *base, size_t size)
{
    contents(attr)->stack_base = base;
    contents(attr)->stack_size = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
    *size = ((const attr_contents *)attr)->stack_size;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    if (size < 16384) {
        return EINVAL;
    }
    contents(attr)->stack_size = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
    *size = ((const attr_contents *)attr)->guard_size;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
    contents(attr)->guard_size = size;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
    *state = ((const attr_contents *)attr)->detach_state;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
    contents(attr)->detach_state = state;
    return 0;
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *),
                   void *argument)
{
    size_t stack_size = DEFAULT_STACK_SIZE;
    bool detached = false;
    if (attr != NULL) {
        const attr_contents *c = (const attr_contents *)attr;
        if (c->stack_base != NULL) {
            return EINVAL; /* stacks the caller provides are not supported */
        }
        stack_size = c->stack_size;
        detached = c->detach_state != 0;
    }
    return sel4rt_thread_create(thread, stack_size, detached, start, argument);
}

/* Linux's limit, which std respects: 15 characters and the NUL. The
 * runtime keeps the name for its fault messages (thread_faults.c). It is
 * not passed to seL4_DebugNameThread: only debug kernels have that call,
 * and a program built for one may boot on a release kernel, where the
 * call is an unknown system call. */
int pthread_setname_np(pthread_t thread, const char *name)
{
    size_t length = strlen(name);
    if (length >= sizeof(((sel4rt_thread *)0)->name)) {
        return ERANGE;
    }
    sel4rt_thread *record;
    if (!sel4rt_thread_is_record(thread, &record)) {
        return ESRCH;
    }
    memcpy(record->name, name, length + 1);
    return 0;
}

/* Thread-specific data. Key 0 is never handed out: std treats it as "no
 * key yet". Destructors would run at thread exit; the initial thread only
 * ever leaves through exit(), which does not run them (as on Linux). */
static struct {
    bool used;
    void (*destructor)(void *);
} keys[MAX_KEYS];
static __thread const void *key_values[MAX_KEYS];

void sel4rt_pthread_run_key_destructors(void)
{
    /* a destructor may set values again: a few rounds, as POSIX allows */
    for (int round = 0; round < 4; round++) {
        bool called = false;
        for (unsigned i = 1; i < MAX_KEYS; i++) {
            const void *value = key_values[i];
            if (keys[i].used && keys[i].destructor != NULL && value != NULL) {
                key_values[i] = NULL;
                keys[i].destructor((void *)value);
                called = true;
            }
        }
        if (!called) {
            return;
        }
    }
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    for (unsigned i = 1; i < MAX_KEYS; i++) {
        if (!keys[i].used) {
            keys[i].used = true;
            keys[i].destructor = destructor;
            key_values[i] = NULL;
            *key = i;
            return 0;
        }
    }
    return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
    if (key >= MAX_KEYS || !keys[key].used) {
        return EINVAL;
    }
    keys[key].used = false;
    return 0;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (key >= MAX_KEYS || !keys[key].used) {
        return EINVAL;
    }
    key_values[key] = value;
    return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
    if (key >= MAX_KEYS || !keys[key].used) {
        return NULL;
    }
    return (void *)key_values[key];
}

/* Mutexes (the default kind: not recursive, no error checks) and
 * once-controls on the futex: 0 unlocked, 1 locked, 2 locked with waiters. */
typedef union {
    atomic_uint word;
    char size[40];
    long align;
} pthread_mutex_t;
typedef atomic_uint pthread_once_t;

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
    unsigned expected = 0;
    if (atomic_compare_exchange_strong(&mutex->word, &expected, 1)) {
        return 0;
    }
    while (atomic_exchange(&mutex->word, 2) != 0) {
        (void)sel4rt_futex_wait(&mutex->word, 2, UINT64_MAX);
    }
    return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
    unsigned expected = 0;
    return atomic_compare_exchange_strong(&mutex->word, &expected, 1) ? 0 : EBUSY;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
    if (atomic_exchange(&mutex->word, 0) == 2) {
        (void)sel4rt_futex_wake(&mutex->word, 1);
    }
    return 0;
}

int pthread_once(pthread_once_t *once, void (*function)(void))
{
    /* 0 not run, 1 running, 2 done */
    unsigned expected = 0;
    if (atomic_compare_exchange_strong(once, &expected, 1)) {
        function();
        atomic_store(once, 2);
        (void)sel4rt_futex_wake(once, UINT32_MAX);
        return 0;
    }
    while ((expected = atomic_load(once)) != 2) {
        (void)sel4rt_futex_wait(once, expected, UINT64_MAX);
    }
    return 0;
}

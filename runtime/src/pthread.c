/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The POSIX thread calls std makes, for the one thread a root task has for
 * now: thread-specific keys, attributes, and pthread_getattr_np, which
 * reports the static initial stack so std's stack-guard bookkeeping finds
 * a sane range. Creating threads fails with EAGAIN until the runtime can
 * make seL4 threads. Mutexes and once-controls are trivial for one thread.
 */
#include "internal.h"
#include "layout.h"

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

/* The initial thread's identity: any stable non-zero value works. */
static int initial_thread;

pthread_t pthread_self(void)
{
    return (pthread_t)&initial_thread;
}

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
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
    if (thread != pthread_self()) {
        return ESRCH;
    }
    pthread_attr_init(attr);
    attr_contents *c = contents(attr);
    sel4runtime_initial_stack(&c->stack_base, &c->stack_size);
    c->guard_size = 0; /* nothing below the static stack is protected */
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
    (void)thread;
    (void)attr;
    (void)start;
    (void)argument;
    return EAGAIN;
}

int pthread_join(pthread_t thread, void **result)
{
    (void)thread;
    (void)result;
    return ESRCH;
}

int pthread_detach(pthread_t thread)
{
    (void)thread;
    return ESRCH;
}

int pthread_setname_np(pthread_t thread, const char *name)
{
    (void)thread;
    (void)name;
    return 0;
}

/* Thread-specific data. Key 0 is never handed out: std treats it as "no
 * key yet". Destructors would run at thread exit; the initial thread only
 * ever leaves through exit(), which does not run them (as on Linux). */
static struct {
    bool used;
    void (*destructor)(void *);
    const void *value;
} keys[MAX_KEYS];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    for (unsigned i = 1; i < MAX_KEYS; i++) {
        if (!keys[i].used) {
            keys[i].used = true;
            keys[i].destructor = destructor;
            keys[i].value = NULL;
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
    keys[key].value = value;
    return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
    if (key >= MAX_KEYS || !keys[key].used) {
        return NULL;
    }
    return (void *)keys[key].value;
}

/* One thread: a mutex is never contended, a once-control runs at once. */
typedef union {
    char size[40];
    long align;
} pthread_mutex_t;
typedef int pthread_once_t;

int pthread_mutex_lock(pthread_mutex_t *mutex)
{
    (void)mutex;
    return 0;
}

int pthread_mutex_trylock(pthread_mutex_t *mutex)
{
    (void)mutex;
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
    (void)mutex;
    return 0;
}

int pthread_once(pthread_once_t *once, void (*function)(void))
{
    if (*once == 0) {
        *once = 1;
        function();
    }
    return 0;
}

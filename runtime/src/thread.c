/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * POSIX threads as seL4 threads in the root task's own CSpace and VSpace.
 * pthread_create takes a free record (thread.h), makes its seL4 objects
 * the first time the record is used (thread_memory.c), gives it a stack
 * (kept across reuse when the size matches) and a TLS block laid out like
 * the initial thread's, then configures the TCB (with the runtime's fault
 * endpoint, thread_faults.c, so that a fault such as a stack overflow into
 * the guard ends the program with a message), sets its priority to the
 * creator's, its FS base,
 * and its registers (rip = thread_start.S, which calls sel4rt_thread_entry
 * with the record) and resumes it.
 *
 * A thread ends by running its TLS and key destructors, then marking its
 * record exited and waking a joiner (the record's life word is a futex),
 * then suspending itself. Whoever frees the record (the joiner, or for a
 * detached thread the next pthread_create) suspends the TCB first, which
 * on one core means the thread is off the processor, so its stack is no
 * longer in use; the record and its objects are then free for reuse.
 */
#include "internal.h"
#include "lock.h"
#include "thread.h"

void *malloc(size_t size);

static sel4rt_thread records[SEL4RT_MAX_THREADS];
static sel4rt_lock records_lock;
static sel4rt_thread *reap_list; /* detached threads that have exited */

/* NULL on the initial thread, whose TLS is zeroed at start-up */
static __thread sel4rt_thread *current;

sel4rt_thread *sel4rt_thread_current(void)
{
    return current != NULL ? current : &records[0];
}

pthread_t pthread_self(void)
{
    return (pthread_t)sel4rt_thread_current();
}

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

void sel4rt_threads_init(void)
{
    sel4rt_thread *initial = &records[0];
    initial->in_use = true;
    initial->priority = seL4_MaxPrio; /* the kernel starts the root task at the top */
    initial->objects.tcb = seL4_CapInitThreadTCB;
    sel4rt_thread_memory_init();
    if (sel4rt_thread_memory_available()) {
        (void)sel4rt_thread_memory_make_notification(0, &initial->objects.notification);
        sel4rt_thread_faults_reserve_slots();
    }
}

sel4rt_thread *sel4rt_thread_record(unsigned index)
{
    return index < SEL4RT_MAX_THREADS ? &records[index] : NULL;
}

bool sel4rt_thread_is_record(pthread_t thread, sel4rt_thread **out)
{
    uintptr_t p = (uintptr_t)thread;
    uintptr_t first = (uintptr_t)&records[0];
    if (p < first || p >= (uintptr_t)&records[SEL4RT_MAX_THREADS] ||
        (p - first) % sizeof(sel4rt_thread) != 0) {
        return false;
    }
    *out = (sel4rt_thread *)p;
    return true;
}

/* Takes a record that has stopped out of use; records_lock held. After
 * marking itself exited the thread takes at most the futex table's lock
 * (to wake its joiner) or records_lock (to queue itself for reaping), so
 * suspending it while neither is held stops it holding nothing. */
static void reap(sel4rt_thread *t)
{
    sel4rt_futex_suspend_thread(t->objects.tcb);
    t->in_use = false;
}

static void reap_detached(void)
{
    while (reap_list != NULL) {
        sel4rt_thread *t = reap_list;
        reap_list = t->next_reap;
        reap(t);
    }
}

static NORETURN void finish(sel4rt_thread *self)
{
    unsigned old = atomic_exchange(&self->life, SEL4RT_THREAD_EXITED);
    if (old == SEL4RT_THREAD_DETACHED) {
        sel4rt_lock_take(&records_lock);
        self->next_reap = reap_list;
        reap_list = self;
        sel4rt_lock_give(&records_lock);
    } else {
        sel4rt_futex_wake(&self->life, UINT32_MAX);
    }
    for (;;) {
        (void)seL4_TCB_Suspend(self->objects.tcb);
    }
}

NORETURN void pthread_exit(void *result);
void pthread_exit(void *result)
{
    sel4rt_thread *self = sel4rt_thread_current();
    sel4rt_exit_run_thread_destructors();
    sel4rt_pthread_run_key_destructors();
    if (self == &records[0]) {
        /* the process lives on while other threads run */
        for (;;) {
            (void)seL4_TCB_Suspend(seL4_CapInitThreadTCB);
        }
    }
    self->result = result;
    finish(self);
}

NORETURN void sel4rt_thread_entry(sel4rt_thread *self);
void sel4rt_thread_start(void);

NORETURN void sel4rt_thread_entry(sel4rt_thread *self)
{
    /* libsel4's IPC buffer pointer is thread-local: this thread's own */
    __sel4_ipc_buffer = (seL4_IPCBuffer *)sel4rt_thread_window(self->index);
    current = self;
    pthread_exit(self->start(self->argument));
}

/* Stacks are made of 2 MiB pages. */
static size_t stack_rounded(size_t size)
{
    size_t unit = (size_t)1 << 21;
    return (size + unit - 1) & ~(unit - 1);
}

/* A free record for a stack of `size` bytes, or NULL; records_lock held. */
static sel4rt_thread *take_record(size_t size)
{
    sel4rt_thread *fallback = NULL;
    for (unsigned i = 1; i < SEL4RT_MAX_THREADS; i++) {
        sel4rt_thread *t = &records[i];
        if (t->in_use) {
            continue;
        }
        if (t->made && t->stack.units > 0 && t->stack.size == stack_rounded(size)) {
            return t; /* same stack: nothing to map */
        }
        if (fallback == NULL || (!fallback->made && t->made)) {
            fallback = t;
        }
    }
    return fallback;
}

static bool prepare(sel4rt_thread *t, size_t stack_size)
{
    if (!t->made) {
        if (!sel4rt_thread_memory_make_record(t->index, &t->objects)) {
            return false;
        }
        t->tls_size = sel4runtime_tls_area_size();
        t->tls_area = malloc(t->tls_size);
        if (t->tls_area == NULL) {
            return false;
        }
        t->made = true;
    }
    if (t->stack.units > 0 && t->stack.size != stack_rounded(stack_size)) {
        sel4rt_thread_memory_release_stack(&t->stack);
    }
    if (t->stack.units == 0 && !sel4rt_thread_memory_make_stack(t->index, stack_size, &t->stack)) {
        /* stacks of idle records may hold the chunks: give them back, try again */
        for (unsigned i = 1; i < SEL4RT_MAX_THREADS; i++) {
            if (!records[i].in_use && records[i].stack.units > 0) {
                sel4rt_thread_memory_release_stack(&records[i].stack);
            }
        }
        if (!sel4rt_thread_memory_make_stack(t->index, stack_size, &t->stack)) {
            return false;
        }
    }
    return true;
}

static bool launch(sel4rt_thread *t)
{
    uintptr_t tp = sel4rt_tls_build_block(t->tls_area, t->tls_size);
    if (tp == 0) {
        return false;
    }
    uintptr_t window = sel4rt_thread_window(t->index);
    seL4_UserContext regs = {0};
    regs.rip = (seL4_Word)sel4rt_thread_start;
    /* RBX and R12 carry the stack and the record to thread_start.S: on
     * real seL4 writing registers makes the next return restore them all,
     * but devkernel may return a TCB that last entered through a system
     * call with RSP zeroed */
    regs.rsp = (t->stack.base + t->stack.size) & ~(uintptr_t)15;
    regs.rbx = regs.rsp;
    regs.r12 = (seL4_Word)t;
    regs.rflags = 0x202;
    regs.rdi = (seL4_Word)t;
    seL4_CPtr fault_endpoint = sel4rt_thread_faults_endpoint(t->index);
    return seL4_TCB_Configure(t->objects.tcb, fault_endpoint, seL4_CapInitThreadCNode, 0,
                              seL4_CapInitThreadVSpace, 0, window, t->objects.ipc_frame) ==
               seL4_NoError &&
           seL4_TCB_SetPriority(t->objects.tcb, seL4_CapInitThreadTCB, t->priority) ==
               seL4_NoError &&
           seL4_TCB_SetTLSBase(t->objects.tcb, tp) == seL4_NoError &&
           seL4_TCB_WriteRegisters(t->objects.tcb, false, 0, 15, &regs) == seL4_NoError &&
           seL4_TCB_Resume(t->objects.tcb) == seL4_NoError;
}

int sel4rt_thread_create(pthread_t *thread, size_t stack_size, bool detached,
                         void *(*start)(void *), void *argument)
{
    if (!sel4rt_thread_memory_available()) {
        return EAGAIN;
    }
    /* before records_lock: it creates a thread of its own the first time */
    sel4rt_thread_faults_start();
    sel4rt_lock_take(&records_lock);
    reap_detached();
    sel4rt_thread *t = take_record(stack_size);
    if (t == NULL) {
        sel4rt_lock_give(&records_lock);
        return EAGAIN;
    }
    t->index = (unsigned)(t - records);
    if (!prepare(t, stack_size)) {
        sel4rt_lock_give(&records_lock);
        return EAGAIN;
    }
    t->in_use = true;
    t->name[0] = '\0';
    t->start = start;
    t->argument = argument;
    t->result = NULL;
    t->priority = sel4rt_thread_current()->priority;
    atomic_store(&t->woken, false);
    atomic_store(&t->life, detached ? SEL4RT_THREAD_DETACHED : SEL4RT_THREAD_JOINABLE);
    bool started = launch(t);
    if (!started) {
        t->in_use = false;
    }
    sel4rt_lock_give(&records_lock);
    if (!started) {
        return EAGAIN;
    }
    *thread = (pthread_t)t;
    return 0;
}

int pthread_join(pthread_t thread, void **result)
{
    sel4rt_thread *t;
    if (!sel4rt_thread_is_record(thread, &t) || t == &records[0] || !t->in_use) {
        return ESRCH;
    }
    if (t == sel4rt_thread_current()) {
        return EDEADLK;
    }
    for (;;) {
        unsigned life = atomic_load(&t->life);
        if (life == SEL4RT_THREAD_EXITED) {
            break;
        }
        if (life == SEL4RT_THREAD_DETACHED) {
            return EINVAL;
        }
        (void)sel4rt_futex_wait(&t->life, life, UINT64_MAX);
    }
    if (result != NULL) {
        *result = t->result;
    }
    sel4rt_lock_take(&records_lock);
    reap(t);
    sel4rt_lock_give(&records_lock);
    return 0;
}

int pthread_detach(pthread_t thread)
{
    sel4rt_thread *t;
    if (!sel4rt_thread_is_record(thread, &t) || t == &records[0] || !t->in_use) {
        return ESRCH;
    }
    unsigned expected = SEL4RT_THREAD_JOINABLE;
    if (atomic_compare_exchange_strong(&t->life, &expected, SEL4RT_THREAD_DETACHED)) {
        return 0;
    }
    if (expected == SEL4RT_THREAD_EXITED) {
        sel4rt_lock_take(&records_lock);
        reap(t);
        sel4rt_lock_give(&records_lock);
        return 0;
    }
    return EINVAL;
}

bool sel4rt_thread_stack_of(pthread_t thread, void **base, size_t *size)
{
    sel4rt_thread *t;
    if (!sel4rt_thread_is_record(thread, &t) || t == &records[0] || !t->in_use) {
        return false;
    }
    *base = (void *)t->stack.base;
    *size = t->stack.size;
    return true;
}

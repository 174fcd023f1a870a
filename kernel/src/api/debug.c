/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * seL4's debug system calls. Where seL4 halts the machine on bad input
 * (DebugNameThread) devkernel does the same, with the same messages: these
 * calls exist only in debug builds, for debugging, and a program must run
 * the same way on both kernels.
 */
#include <api/debug.h>
#include <api/invocation.h>
#include <arch/x86_64/cpu.h>
#include <kernel/cspace.h>
#include <kernel/string.h>
#include <kernel/thread.h>

static struct tcb *debug_threads, *debug_threads_tail;

void debug_register_thread(struct tcb *t)
{
    t->debug_next = NULL;
    if (debug_threads_tail) {
        debug_threads_tail->debug_next = t;
    } else {
        debug_threads = t;
    }
    debug_threads_tail = t;
}

void debug_unregister_thread(struct tcb *t)
{
    struct tcb *prev = NULL;
    for (struct tcb *i = debug_threads; i; prev = i, i = i->debug_next) {
        if (i == t) {
            if (prev) {
                prev->debug_next = t->debug_next;
            } else {
                debug_threads = t->debug_next;
            }
            if (debug_threads_tail == t) {
                debug_threads_tail = prev;
            }
            t->debug_next = NULL;
            return;
        }
    }
}

static const char *state_name(enum thread_state s)
{
    switch (s) {
    case THREAD_INACTIVE:
        return "inactive";
    case THREAD_RUNNING:
        return "running";
    case THREAD_RESTART:
        return "restart";
    case THREAD_BLOCKED_ON_RECEIVE:
        return "blocked on recv";
    case THREAD_BLOCKED_ON_SEND:
        return "blocked on send";
    case THREAD_BLOCKED_ON_REPLY:
        return "blocked on reply";
    case THREAD_BLOCKED_ON_NOTIFICATION:
        return "blocked on ntfn";
    }
    return "unknown";
}

/* One line in the layout of seL4 16's debug_printTCB (one core, not MCS). */
static void print_thread_line(const char *name, const char *state, uint64_t ip, uint64_t priority)
{
    kprintf("%40s\t", name);
    kprintf("%15s\t%p\t%20lu\t%lu\n", state, (void *)ip, priority, 0ul);
}

void debug_dump_scheduler(void)
{
    kprintf("Dumping all tcbs!\n");
    kprintf("Name                                    \tState          \tIP                  \t Prio \t Core\n");
    kprintf("--------------------------------------------------------------------------------------\n");
    /* seL4 lists its idle thread first: it is the first thread it makes. */
    print_thread_line("idle_thread", "idle", 0, 0);
    for (struct tcb *t = debug_threads; t; t = t->debug_next) {
        print_thread_line(t->name, state_name(t->state), t->ctx.fault_ip, t->priority);
    }
}

/* Prints "halting..." and the kernel entry as seL4's debug build does, then stops. */
static _Noreturn void halt_kernel(struct tcb *t, int64_t syscall)
{
    /* Debug calls enter as "unknown syscalls" (outside -8..-1). seL4's entry
       record packs, above 3 bits of core number, the low 4 bits of -syscall,
       the type of the cap named in RDI, a fast-path flag (still set) and the
       message label; "word" is that record without the core bits. */
    struct resolve_result r = lookup_slot(t, t->ctx.rdi);
    uint64_t cap_type_bits = r.status == EXCEPTION_NONE ? cap_type(r.slot->cap) & 31 : 0;
    uint64_t label = (t->ctx.rsi >> 12) & 0x7ffff;
    uint64_t packed = ((uint64_t)-syscall & 15) | (cap_type_bits << 4) | (1u << 9) | (label << 10);
    kprintf("halting...");
    kprintf("\nKernel entry via Unknown syscall, word: %lu", packed >> 3);
    halt_forever();
}

_Noreturn void debug_halt(struct tcb *t)
{
    kprintf("Debug halt syscall from user thread %p \"%s\"\n", (void *)t, t->name);
    halt_kernel(t, SysDebugHalt);
}

void debug_snapshot(struct tcb *t)
{
    kprintf("Debug snapshot syscall from user thread %p \"%s\"\n", (void *)t, t->name);
    kprintf("devkernel: DebugSnapshot capDL dump not implemented yet\n");
}

void debug_cap_identify(struct tcb *t)
{
    struct resolve_result r = lookup_slot(t, t->ctx.rdi);
    t->ctx.rdi = r.status == EXCEPTION_NONE ? cap_type(r.slot->cap) : cap_null_cap;
}

void debug_name_thread(struct tcb *t)
{
    struct resolve_result r = lookup_slot(t, t->ctx.rdi);
    if (r.status != EXCEPTION_NONE || cap_type(r.slot->cap) != cap_thread_cap) {
        user_error("SysDebugNameThread: cap is not a TCB, halting");
        halt_kernel(t, SysDebugNameThread);
    }
    /* The name starts at msg[0], after the tag word. */
    uint64_t *buffer = lookup_ipc_buffer(true, t);
    if (!buffer) {
        user_error("SysDebugNameThread: Failed to lookup IPC buffer, halting");
        halt_kernel(t, SysDebugNameThread);
    }
    const char *name = (const char *)(buffer + 1);
    size_t max = seL4_MsgMaxLength * sizeof(uint64_t);
    if (strnlen(name, max) == max) {
        user_error("SysDebugNameThread: Name too long, halting");
        halt_kernel(t, SysDebugNameThread);
    }
    struct tcb *target = kva(cap_thread_paddr(r.slot->cap));
    strlcpy_k(target->name, name, TCB_NAME_LENGTH);
}

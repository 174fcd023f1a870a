/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * System call dispatch (seL4's handleSyscall and handleUnknownSyscall): the
 * number in RDX picks Call/Send/Recv/Reply/Yield or a debug call; anything
 * else is an UnknownSyscall fault. The debug calls are in api/debug.c.
 */
#include <api/faults.h>
#include <api/invocation.h>
#include <api/debug.h>
#include <api/syscall.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>

/* Recv on a cap: only endpoints and notifications can be received from. */
static void handle_recv(bool is_blocking)
{
    struct tcb *t = current_thread;
    uint64_t cptr = t->ctx.rdi;
    struct resolve_result r = lookup_slot(t, cptr);
    (void)is_blocking;
    if (r.status != EXCEPTION_NONE) {
        current_fault = cap_fault(cptr, true);
        handle_fault(t);
        return;
    }
    unsigned type = cap_type(r.slot->cap);
    if (type == cap_endpoint_cap || type == cap_notification_cap) {
        /* Cannot happen yet: nothing can create endpoints or notifications. */
        kprintf("devkernel: Recv on endpoints not implemented yet\n");
    }
    current_lookup_fault = lookup_fault_missing_capability(0);
    current_fault = cap_fault(cptr, true);
    handle_fault(t);
}

static void handle_yield(void)
{
    sched_dequeue(current_thread);
    sched_append(current_thread);
    reschedule_required();
}

/* Syscalls outside seL4's API range: the debug calls, else a fault. */
static void handle_unknown_syscall(int64_t number)
{
    struct tcb *t = current_thread;
    switch (number) {
    case SysDebugPutChar:
        kputchar((char)t->ctx.rdi);
        return;
    case SysDebugDumpScheduler:
        debug_dump_scheduler();
        return;
    case SysDebugHalt:
        debug_halt(t);
    case SysDebugSnapshot:
        debug_snapshot(t);
        return;
    case SysDebugCapIdentify:
        debug_cap_identify(t);
        return;
    case SysDebugNameThread:
        debug_name_thread(t);
        return;
    case SysSetTLSBase:
        t->ctx.fs_base = t->ctx.rdi;
        return;
    default:
        current_fault = (struct fault){seL4_Fault_UnknownSyscall, 0, 0, (uint64_t)number, 0};
        handle_fault(t);
        return;
    }
}

void handle_syscall(int64_t number)
{
    switch (number) {
    case SysCall:
        handle_invocation(true, true);
        return;
    case SysSend:
        handle_invocation(false, true);
        return;
    case SysNBSend:
        handle_invocation(false, false);
        return;
    case SysRecv:
        handle_recv(true);
        return;
    case SysNBRecv:
        handle_recv(false);
        return;
    case SysReply:
        /* No caller is ever waiting for a reply yet: nothing to do, as in seL4. */
        return;
    case SysReplyRecv:
        handle_recv(true);
        return;
    case SysYield:
        handle_yield();
        return;
    default:
        handle_unknown_syscall(number);
        return;
    }
}

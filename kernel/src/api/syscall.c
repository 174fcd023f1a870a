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
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/notification.h>

/* A cap fault in the receive phase: Recv on a cap it cannot receive from. */
static void recv_cap_fault(struct tcb *t, uint64_t cptr)
{
    current_lookup_fault = lookup_fault_missing_capability(0);
    current_fault = cap_fault(cptr, true);
    handle_fault(t);
}

/* Recv on a cap: only endpoints and notifications can be received from (seL4's handleRecv). */
static void handle_recv(bool is_blocking)
{
    struct tcb *t = current_thread;
    uint64_t cptr = t->ctx.rdi;
    struct resolve_result r = lookup_slot(t, cptr);
    if (r.status != EXCEPTION_NONE) {
        current_fault = cap_fault(cptr, true);
        handle_fault(t);
        return;
    }
    struct cap cap = r.slot->cap;
    switch (cap_type(cap)) {
    case cap_endpoint_cap:
        if (!cap_endpoint_can_receive(cap)) {
            recv_cap_fault(t, cptr);
            return;
        }
        delete_caller_cap(t);
        receive_ipc(t, cap, is_blocking);
        return;
    case cap_notification_cap: {
        struct notification *n = kva(cap_notification_paddr(cap));
        if (!cap_notification_can_receive(cap) || (n->bound_tcb && n->bound_tcb != t)) {
            recv_cap_fault(t, cptr);
            return;
        }
        receive_signal(t, cap, is_blocking);
        return;
    }
    default:
        recv_cap_fault(t, cptr);
        return;
    }
}

/* Reply through the caller slot (seL4's handleReply). */
static void handle_reply(void)
{
    struct tcb *t = current_thread;
    struct cte *caller_slot = &t->slots[TCB_CALLER];
    struct cap caller = caller_slot->cap;
    if (cap_type(caller) == cap_reply_cap && !cap_reply_is_master(caller)) {
        do_reply_transfer(t, kva(cap_reply_tcb_paddr(caller)), caller_slot, cap_reply_can_grant(caller));
    } else if (cap_type(caller) == cap_null_cap) {
        user_error("Attempted reply operation when no reply cap present.");
    }
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
    /* The release build has no debug calls, as seL4 without KernelDebugBuild:
       they fault like any unknown number. SetTLSBase is not a debug call. */
    bool exists = kernel_printing || number == SysSetTLSBase;
    switch (exists ? number : 0) {
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
        /* The syscall entry has already tried the fastpath. */
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
        handle_reply();
        return;
    case SysReplyRecv:
        handle_reply();
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

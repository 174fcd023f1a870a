/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Thread objects: finding a thread's IPC buffer, and TCB invocations. Only
 * SetTLSBase is implemented so far; the other TCB methods answer
 * IllegalOperation with a console line naming them.
 */
#include <api/invocation.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/tcb.h>

uint64_t *lookup_ipc_buffer(bool is_receiver, struct tcb *thread)
{
    struct cap frame = thread->slots[TCB_BUFFER].cap;
    if (cap_type(frame) != cap_frame_cap || cap_frame_is_device(frame)) {
        return NULL;
    }
    enum vm_rights rights = cap_frame_rights(frame);
    if (!(rights == VM_READ_WRITE || (!is_receiver && rights == VM_READ_ONLY))) {
        return NULL;
    }
    uint64_t page_mask = (1ull << frame_size_bits(cap_frame_size(frame))) - 1;
    uint64_t paddr = cap_frame_paddr(frame) + (thread->ipc_buffer & page_mask);
    /* The buffer is 1 KiB aligned (TCB_SetIPCBuffer checks), so it never crosses the frame. */
    return kva(paddr & ~(uint64_t)1023);
}

static exception_t perform_set_tls_base(struct tcb *target, uint64_t base)
{
    /* Stored as given, canonical or not (as seL4 does); switch.c loads only canonical values. */
    target->ctx.fs_base = base;
    if (target == current_thread) {
        reschedule_required();
    }
    return EXCEPTION_NONE;
}

static exception_t decode_set_tls_base(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 1) {
        user_error("TCB SetTLSBase: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t base = get_syscall_arg(0, buffer);

    set_thread_state(current_thread, THREAD_RESTART);
    return perform_set_tls_base(target, base);
}

exception_t decode_tcb_invocation(uint64_t label, uint64_t length, struct cap cap, struct cte *slot, bool call,
                                  uint64_t *buffer)
{
    (void)slot;
    (void)call;
    struct tcb *target = kva(cap_thread_paddr(cap));
    switch (label) {
    case TCBSetTLSBase:
        return decode_set_tls_base(target, length, buffer);
    case TCBReadRegisters:
    case TCBWriteRegisters:
    case TCBCopyRegisters:
    case TCBConfigure:
    case TCBSetPriority:
    case TCBSetMCPriority:
    case TCBSetSchedParams:
    case TCBSetIPCBuffer:
    case TCBSetSpace:
    case TCBSuspend:
    case TCBResume:
    case TCBBindNotification:
    case TCBUnbindNotification:
    case TCBSetFlags:
        return not_implemented(label);
    default:
        user_error("TCB: Illegal operation.");
        return syscall_error(seL4_IllegalOperation);
    }
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Thread objects: their initial state, their finalisation, stopping and
 * starting them, and the TCB invocations that set a thread's spaces, IPC
 * buffer, priorities, notification binding, TLS base and flags. The
 * register invocations are in tcb_registers.c.
 */
#include <api/debug.h>
#include <api/invocation.h>
#include <arch/x86_64/context.h>
#include <arch/x86_64/machine.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/cap_ops.h>
#include <object/notification.h>
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

void tcb_init_object(struct tcb *t)
{
    t->ctx.rflags = 0x202; /* IF and the reserved bit, as seL4's FLAGS_USER_DEFAULT */
    t->ctx.cs = SEL_USER_CS;
    t->ctx.ss = SEL_USER_SS;
    t->ctx.vector = 0; /* first entered with iretq, which loads RSP */
    t->time_slice = CONFIG_TIME_SLICE;
    t->state = THREAD_INACTIVE;
    t->fault.type = seL4_Fault_NullFault;
    fpu_init_thread(t);
    debug_register_thread(t);
}

void suspend_thread(struct tcb *t)
{
    cancel_ipc(t);
    if (t->state == THREAD_RUNNING) {
        /* It resumes where it would have continued, not at its last kernel entry. */
        t->ctx.fault_ip = t->ctx.rip;
    }
    sched_dequeue(t);
    set_thread_state(t, THREAD_INACTIVE);
}

void restart_thread(struct tcb *t)
{
    if (t->state == THREAD_INACTIVE || t->state == THREAD_BLOCKED_ON_REPLY) {
        cancel_ipc(t);
        setup_reply_master(t);
        set_thread_state(t, THREAD_RESTART);
        sched_enqueue(t);
        possible_switch_to(t);
    }
}

void tcb_finalise(struct tcb *t)
{
    unbind_notification(t);
    suspend_thread(t);
    debug_unregister_thread(t);
    fpu_release(t);
}

/* seL4's checkPrio: a priority up to the authority's MCP. */
static exception_t check_prio(uint64_t prio, const struct tcb *auth)
{
    if (prio > auth->mcp) {
        return range_error(seL4_MinPrio, auth->mcp);
    }
    return EXCEPTION_NONE;
}

static exception_t check_valid_ipc_buffer(uint64_t vaddr, struct cap cap)
{
    if (cap_type(cap) != cap_frame_cap) {
        user_error("IPC Buffer is an invalid cap.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (cap_frame_is_device(cap)) {
        user_error("Specifying a device frame as an IPC buffer is not permitted.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (vaddr & ((1u << seL4_IPCBufferSizeBits) - 1)) {
        user_error("IPC Buffer vaddr 0x%x is not aligned.", (int)vaddr);
        return syscall_error(seL4_AlignmentError);
    }
    return EXCEPTION_NONE;
}

static bool is_valid_vtable_root(struct cap cap)
{
    return cap_type(cap) == cap_pml4_cap && ((cap.w0 >> 58) & 1);
}

enum {
    UPDATE_SPACE = 1,
    UPDATE_IPC_BUFFER = 2,
    UPDATE_PRIORITY = 4,
    UPDATE_MCP = 8,
};

struct thread_control {
    uint64_t fault_ep, mcp, priority;
    struct cap croot, vroot, buffer_cap;
    struct cte *croot_slot, *vroot_slot, *buffer_slot;
    uint64_t buffer_addr;
    unsigned flags;
};

/* Empties one of target's own cap slots, then puts a copy of new_cap from
   src there when src still holds it and the invoked TCB cap is still in its
   slot (either may have gone with the deletion). */
static exception_t install_tcb_cap(struct tcb *target, struct cte *tcb_cap_slot, enum tcb_slot which,
                                   struct cap new_cap, struct cte *src)
{
    struct cte *dest = &target->slots[which];
    exception_t e = cte_delete(dest, true);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    struct cap tcb_cap = cap_thread(kpa(target));
    if (src && same_object_as(new_cap, src->cap) && tcb_cap_slot && same_object_as(tcb_cap, tcb_cap_slot->cap)) {
        cdt_insert(new_cap, src, dest);
    }
    return EXCEPTION_NONE;
}

static exception_t perform_thread_control(struct tcb *target, struct cte *slot, const struct thread_control *tc)
{
    exception_t e;
    if (tc->flags & UPDATE_SPACE) {
        target->fault_handler = tc->fault_ep;
    }
    if (tc->flags & UPDATE_MCP) {
        target->mcp = tc->mcp;
    }
    if (tc->flags & UPDATE_SPACE) {
        e = install_tcb_cap(target, slot, TCB_CTABLE, tc->croot, tc->croot_slot);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        e = install_tcb_cap(target, slot, TCB_VTABLE, tc->vroot, tc->vroot_slot);
        if (e != EXCEPTION_NONE) {
            return e;
        }
    }
    if (tc->flags & UPDATE_IPC_BUFFER) {
        e = cte_delete(&target->slots[TCB_BUFFER], true);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        target->ipc_buffer = tc->buffer_addr;
        if (tc->buffer_slot) {
            install_tcb_cap(target, slot, TCB_BUFFER, tc->buffer_cap, tc->buffer_slot);
        }
        if (target == current_thread) {
            reschedule_required();
        }
    }
    if (tc->flags & UPDATE_PRIORITY) {
        set_priority(target, tc->priority);
    }
    return EXCEPTION_NONE;
}

/* Replacing this root would start a long deletion: the slot holds the last
   cap to a CNode or thread, or a zombie (seL4's slotCapLongRunningDelete). */
static bool long_running_delete(struct cte *slot)
{
    unsigned t = cap_type(slot->cap);
    if (t == cap_null_cap || !is_final_capability(slot)) {
        return false;
    }
    return t == cap_thread_cap || t == cap_zombie_cap || t == cap_cnode_cap;
}

static bool roots_being_deleted(struct tcb *target)
{
    return long_running_delete(&target->slots[TCB_CTABLE]) || long_running_delete(&target->slots[TCB_VTABLE]);
}

/* seL4's debug messages for bad roots, which differ between the two methods. */
struct space_messages {
    const char *bad_cspace, *bad_vspace;
};
static const struct space_messages configure_messages = {"TCB Configure: CSpace cap is invalid.",
                                                          "TCB Configure: VSpace cap is invalid."};
static const struct space_messages set_space_messages = {"TCB SetSpace: Invalid CNode cap.",
                                                          "TCB SetSpace: Invalid VSpace cap."};

/* The CSpace and VSpace roots of Configure and SetSpace, checked as seL4 does. */
static exception_t decode_space(const struct space_messages *m, uint64_t croot_data, uint64_t vroot_data,
                                struct thread_control *tc)
{
    if (croot_data != 0) {
        tc->croot = update_cap_data(false, croot_data, tc->croot);
    }
    exception_t e = derive_cap(tc->croot_slot, tc->croot, &tc->croot);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    if (cap_type(tc->croot) != cap_cnode_cap) {
        user_error("%s", m->bad_cspace);
        return syscall_error(seL4_IllegalOperation);
    }
    if (vroot_data != 0) {
        tc->vroot = update_cap_data(false, vroot_data, tc->vroot);
    }
    e = derive_cap(tc->vroot_slot, tc->vroot, &tc->vroot);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    if (!is_valid_vtable_root(tc->vroot)) {
        user_error("%s", m->bad_vspace);
        return syscall_error(seL4_IllegalOperation);
    }
    return EXCEPTION_NONE;
}

static exception_t decode_ipc_buffer(struct thread_control *tc)
{
    if (tc->buffer_addr == 0) {
        tc->buffer_slot = NULL;
        return EXCEPTION_NONE;
    }
    exception_t e = derive_cap(tc->buffer_slot, tc->buffer_cap, &tc->buffer_cap);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    return check_valid_ipc_buffer(tc->buffer_addr, tc->buffer_cap);
}

static exception_t decode_configure(struct tcb *target, uint64_t length, struct cte *slot, uint64_t *buffer)
{
    if (length < 4 || !current_extra_caps[0] || !current_extra_caps[1] || !current_extra_caps[2]) {
        user_error("TCB Configure: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    struct thread_control tc = {0};
    tc.fault_ep = get_syscall_arg(0, buffer);
    uint64_t croot_data = get_syscall_arg(1, buffer);
    uint64_t vroot_data = get_syscall_arg(2, buffer);
    tc.buffer_addr = get_syscall_arg(3, buffer);
    tc.croot_slot = current_extra_caps[0];
    tc.croot = tc.croot_slot->cap;
    tc.vroot_slot = current_extra_caps[1];
    tc.vroot = tc.vroot_slot->cap;
    tc.buffer_slot = current_extra_caps[2];
    tc.buffer_cap = tc.buffer_slot->cap;
    exception_t e = decode_ipc_buffer(&tc);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    if (roots_being_deleted(target)) {
        user_error("TCB Configure: CSpace or VSpace currently being deleted.");
        return syscall_error(seL4_IllegalOperation);
    }
    e = decode_space(&configure_messages, croot_data, vroot_data, &tc);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    tc.flags = UPDATE_SPACE | UPDATE_IPC_BUFFER;
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_thread_control(target, slot, &tc);
}

static exception_t decode_set_space(struct tcb *target, uint64_t length, struct cte *slot, uint64_t *buffer)
{
    if (length < 3 || !current_extra_caps[0] || !current_extra_caps[1]) {
        user_error("TCB SetSpace: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    struct thread_control tc = {0};
    tc.fault_ep = get_syscall_arg(0, buffer);
    uint64_t croot_data = get_syscall_arg(1, buffer);
    uint64_t vroot_data = get_syscall_arg(2, buffer);
    tc.croot_slot = current_extra_caps[0];
    tc.croot = tc.croot_slot->cap;
    tc.vroot_slot = current_extra_caps[1];
    tc.vroot = tc.vroot_slot->cap;
    if (roots_being_deleted(target)) {
        user_error("TCB SetSpace: CSpace or VSpace currently being deleted.");
        return syscall_error(seL4_IllegalOperation);
    }
    exception_t e = decode_space(&set_space_messages, croot_data, vroot_data, &tc);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    tc.flags = UPDATE_SPACE;
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_thread_control(target, slot, &tc);
}

static exception_t decode_set_ipc_buffer(struct tcb *target, uint64_t length, struct cte *slot, uint64_t *buffer)
{
    if (length < 1 || !current_extra_caps[0]) {
        user_error("TCB SetIPCBuffer: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    struct thread_control tc = {0};
    tc.buffer_addr = get_syscall_arg(0, buffer);
    tc.buffer_slot = current_extra_caps[0];
    tc.buffer_cap = tc.buffer_slot->cap;
    exception_t e = decode_ipc_buffer(&tc);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    tc.flags = UPDATE_IPC_BUFFER;
    set_thread_state(current_thread, THREAD_RESTART);
    return perform_thread_control(target, slot, &tc);
}

/* The authority TCB of the priority invocations, or NULL after an error. */
static struct tcb *authority_tcb(const char *message)
{
    struct cap auth = current_extra_caps[0]->cap;
    if (cap_type(auth) != cap_thread_cap) {
        user_error("%s", message);
        invalid_capability(1);
        return NULL;
    }
    return kva(cap_thread_paddr(auth));
}

static exception_t decode_set_priority(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 1 || !current_extra_caps[0]) {
        user_error("TCB SetPriority: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t prio = get_syscall_arg(0, buffer);
    struct tcb *auth = authority_tcb("Set priority: authority cap not a TCB.");
    if (!auth) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (check_prio(prio, auth) != EXCEPTION_NONE) {
        user_error("TCB SetPriority: Requested priority %lu too high (max %lu).", prio, auth->mcp);
        return EXCEPTION_SYSCALL_ERROR;
    }
    set_thread_state(current_thread, THREAD_RESTART);
    struct thread_control tc = {.priority = prio, .flags = UPDATE_PRIORITY};
    return perform_thread_control(target, NULL, &tc);
}

static exception_t decode_set_mc_priority(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 1 || !current_extra_caps[0]) {
        user_error("TCB SetMCPriority: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t mcp = get_syscall_arg(0, buffer);
    struct tcb *auth = authority_tcb("TCB SetMCPriority: authority cap not a TCB.");
    if (!auth) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (check_prio(mcp, auth) != EXCEPTION_NONE) {
        user_error("TCB SetMCPriority: Requested maximum controlled priority %lu too high (max %lu).", mcp,
                   auth->mcp);
        return EXCEPTION_SYSCALL_ERROR;
    }
    set_thread_state(current_thread, THREAD_RESTART);
    struct thread_control tc = {.mcp = mcp, .flags = UPDATE_MCP};
    return perform_thread_control(target, NULL, &tc);
}

static exception_t decode_set_sched_params(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 2 || !current_extra_caps[0]) {
        user_error("TCB SetSchedParams: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t mcp = get_syscall_arg(0, buffer);
    uint64_t prio = get_syscall_arg(1, buffer);
    struct tcb *auth = authority_tcb("TCB SetSchedParams: authority cap not a TCB.");
    if (!auth) {
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (check_prio(mcp, auth) != EXCEPTION_NONE) {
        user_error("TCB SetSchedParams: Requested maximum controlled priority %lu too high (max %lu).", mcp,
                   auth->mcp);
        return EXCEPTION_SYSCALL_ERROR;
    }
    if (check_prio(prio, auth) != EXCEPTION_NONE) {
        user_error("TCB SetSchedParams: Requested priority %lu too high (max %lu).", prio, auth->mcp);
        return EXCEPTION_SYSCALL_ERROR;
    }
    set_thread_state(current_thread, THREAD_RESTART);
    struct thread_control tc = {.mcp = mcp, .priority = prio, .flags = UPDATE_MCP | UPDATE_PRIORITY};
    return perform_thread_control(target, NULL, &tc);
}

static exception_t decode_bind_notification(struct tcb *target)
{
    if (!current_extra_caps[0]) {
        user_error("TCB BindNotification: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    if (target->bound_notification) {
        user_error("TCB BindNotification: TCB already has a bound notification.");
        return syscall_error(seL4_IllegalOperation);
    }
    struct cap ncap = current_extra_caps[0]->cap;
    if (cap_type(ncap) != cap_notification_cap) {
        user_error("TCB BindNotification: Notification is invalid.");
        return syscall_error(seL4_IllegalOperation);
    }
    struct notification *n = kva(cap_notification_paddr(ncap));
    if (!cap_notification_can_receive(ncap)) {
        user_error("TCB BindNotification: Insufficient access rights");
        return syscall_error(seL4_IllegalOperation);
    }
    if (notification_state(n) == NTFN_WAITING || n->bound_tcb) {
        user_error("TCB BindNotification: Notification cannot be bound.");
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    bind_notification(target, n);
    return EXCEPTION_NONE;
}

static exception_t decode_unbind_notification(struct tcb *target)
{
    if (!target->bound_notification) {
        user_error("TCB UnbindNotification: TCB already has no bound Notification.");
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    unbind_notification(target);
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
    /* Stored as given, canonical or not (as seL4 does); switch.c loads only canonical values. */
    target->ctx.fs_base = base;
    if (target == current_thread) {
        reschedule_required();
    }
    return EXCEPTION_NONE;
}

static exception_t decode_set_flags(struct tcb *target, uint64_t length, bool call, uint64_t *buffer)
{
    if (length < 2) {
        user_error("TCB SetFlags: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t clear = get_syscall_arg(0, buffer);
    uint64_t set = get_syscall_arg(1, buffer);
    set_thread_state(current_thread, THREAD_RESTART);
    uint64_t flags = (target->flags & ~clear) | (set & seL4_TCBFlag_MASK);
    target->flags = flags;
    fpu_flags_changed(target);
    struct tcb *cur = current_thread;
    if (call) {
        uint64_t *ipc = lookup_ipc_buffer(true, cur);
        cur->ctx.rdi = 0;
        unsigned n = set_mr(cur, ipc, 0, flags);
        cur->ctx.rsi = message_info_word(0, n);
    }
    set_thread_state(cur, THREAD_RUNNING);
    return EXCEPTION_NONE;
}

exception_t decode_tcb_invocation(uint64_t label, uint64_t length, struct cap cap, struct cte *slot, bool call,
                                  uint64_t *buffer)
{
    struct tcb *target = kva(cap_thread_paddr(cap));
    switch (label) {
    case TCBReadRegisters:
        return decode_read_registers(target, length, call, buffer);
    case TCBWriteRegisters:
        return decode_write_registers(target, length, buffer);
    case TCBCopyRegisters:
        return decode_copy_registers(target, length, buffer);
    case TCBSuspend:
        set_thread_state(current_thread, THREAD_RESTART);
        suspend_thread(target);
        return EXCEPTION_NONE;
    case TCBResume:
        set_thread_state(current_thread, THREAD_RESTART);
        restart_thread(target);
        return EXCEPTION_NONE;
    case TCBConfigure:
        return decode_configure(target, length, slot, buffer);
    case TCBSetPriority:
        return decode_set_priority(target, length, buffer);
    case TCBSetMCPriority:
        return decode_set_mc_priority(target, length, buffer);
    case TCBSetSchedParams:
        return decode_set_sched_params(target, length, buffer);
    case TCBSetIPCBuffer:
        return decode_set_ipc_buffer(target, length, slot, buffer);
    case TCBSetSpace:
        return decode_set_space(target, length, slot, buffer);
    case TCBBindNotification:
        return decode_bind_notification(target);
    case TCBUnbindNotification:
        return decode_unbind_notification(target);
    case TCBSetTLSBase:
        return decode_set_tls_base(target, length, buffer);
    case TCBSetFlags:
        return decode_set_flags(target, length, call, buffer);
    default:
        user_error("TCB: Illegal operation.");
        return syscall_error(seL4_IllegalOperation);
    }
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Message transfer between threads, as seL4's doIPCTransfer does it: the
 * first four message registers travel in registers, the rest between the
 * two IPC buffers (only when both exist); up to three extra caps, each either
 * unwrapped to its badge (a cap to the very endpoint the message goes
 * through) or derived into the receiver's one receive slot; faults travel as
 * seL4's fault messages, and a reply to a fault resumes or restarts the
 * faulting thread.
 */
#include <api/invocation.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/cap_ops.h>

/* IPC buffer words (ABI section 12): caps_or_badges at 122, receive slot at 125..127. */
#define IPC_BUFFER_RECEIVE_CNODE 125
#define IPC_BUFFER_RECEIVE_INDEX 126
#define IPC_BUFFER_RECEIVE_DEPTH 127

static const unsigned msg_registers[N_MSG_REGISTERS] = {REG_R10, REG_R8, REG_R9, REG_R15};

uint64_t *user_register(struct tcb *t, enum user_register r)
{
    return context_register(&t->ctx, r);
}

static uint64_t message_info_full(uint64_t label, uint64_t unwrapped, uint64_t extra_caps, uint64_t length)
{
    return (label << 12) | ((unwrapped & 7) << 9) | ((extra_caps & 3) << 7) | (length & 0x7f);
}

/* Copies n message registers; returns how many arrived (seL4's copyMRs).
   The first four are the saved registers of msg_registers, named directly:
   this runs on every message the fastpath does not carry. */
static unsigned copy_mrs(struct tcb *sender, const uint64_t *send_buf, struct tcb *receiver, uint64_t *recv_buf,
                         unsigned n)
{
    _Static_assert(N_MSG_REGISTERS == 4, "four message registers: R10, R8, R9, R15");
    const struct user_context *from = &sender->ctx;
    struct user_context *to = &receiver->ctx;
    if (n > 0) {
        to->r10 = from->r10;
    }
    if (n > 1) {
        to->r8 = from->r8;
    }
    if (n > 2) {
        to->r9 = from->r9;
    }
    if (n > 3) {
        to->r15 = from->r15;
    }
    if (n <= N_MSG_REGISTERS) {
        return n;
    }
    if (!send_buf || !recv_buf) {
        return N_MSG_REGISTERS;
    }
    for (unsigned i = N_MSG_REGISTERS; i < n; i++) {
        recv_buf[i + 1] = send_buf[i + 1];
    }
    return n;
}

/* The slot the receiver named in its IPC buffer for a received cap, or NULL. */
static struct cte *get_receive_slot(struct tcb *receiver, const uint64_t *buf)
{
    uint64_t cnode_cptr = buf[IPC_BUFFER_RECEIVE_CNODE];
    struct resolve_result r = lookup_slot(receiver, cnode_cptr);
    if (r.status != EXCEPTION_NONE) {
        return NULL;
    }
    struct resolve_result t =
        lookup_target_slot(r.slot->cap, buf[IPC_BUFFER_RECEIVE_INDEX], buf[IPC_BUFFER_RECEIVE_DEPTH]);
    if (t.status != EXCEPTION_NONE || cap_type(t.slot->cap) != cap_null_cap) {
        return NULL;
    }
    return t.slot;
}

/* seL4's transferCaps: returns the extraCaps and capsUnwrapped fields. */
static void transfer_caps(struct endpoint *ep, struct tcb *receiver, uint64_t *recv_buf, uint64_t *extra_caps,
                          uint64_t *unwrapped)
{
    *extra_caps = 0;
    *unwrapped = 0;
    if (!current_extra_caps[0] || !recv_buf) {
        return;
    }
    struct cte *dest = get_receive_slot(receiver, recv_buf);
    unsigned i;
    for (i = 0; i < seL4_MsgMaxExtraCaps && current_extra_caps[i]; i++) {
        struct cte *slot = current_extra_caps[i];
        struct cap cap = slot->cap;
        if (cap_type(cap) == cap_endpoint_cap && ep && kva(cap_endpoint_paddr(cap)) == (void *)ep) {
            recv_buf[IPC_BUFFER_CAPS_WORD + i] = cap_endpoint_badge(cap);
            *unwrapped |= 1u << i;
            continue;
        }
        if (!dest) {
            break;
        }
        struct cap derived;
        if (derive_cap(slot, cap, &derived) != EXCEPTION_NONE || cap_type(derived) == cap_null_cap) {
            break;
        }
        cdt_insert(derived, slot, dest);
        dest = NULL;
    }
    *extra_caps = i;
}

static void do_normal_transfer(struct tcb *sender, uint64_t *send_buf, struct endpoint *ep, uint64_t badge,
                               bool can_grant, struct tcb *receiver, uint64_t *recv_buf)
{
    struct message_info tag = message_info_from_word(sender->ctx.rsi);
    current_extra_caps[0] = NULL;
    if (can_grant && send_buf) {
        /* Caps the sender cannot name are silently not sent. */
        unsigned i;
        for (i = 0; i < tag.extra_caps; i++) {
            struct resolve_result r = lookup_slot(sender, send_buf[IPC_BUFFER_CAPS_WORD + i]);
            if (r.status != EXCEPTION_NONE) {
                i = 0;
                break;
            }
            current_extra_caps[i] = r.slot;
        }
        current_extra_caps[i] = NULL;
    }
    unsigned sent = copy_mrs(sender, send_buf, receiver, recv_buf, (unsigned)tag.length);
    uint64_t extra, unwrapped;
    transfer_caps(ep, receiver, recv_buf, &extra, &unwrapped);
    receiver->ctx.rsi = message_info_full(tag.label, unwrapped, extra, sent);
    receiver->ctx.rdi = badge;
}

static const enum user_register syscall_message[] = {REG_RAX, REG_RBX, REG_RCX, REG_RDX, REG_RSI, REG_RDI,
                                                     REG_RBP, REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12,
                                                     REG_R13, REG_R14, REG_R15, REG_RIP, REG_RSP, REG_RFLAGS};
static const enum user_register exception_message[] = {REG_RIP, REG_RSP, REG_RFLAGS};
#define N_SYSCALL_MESSAGE (sizeof(syscall_message) / sizeof(syscall_message[0]))
#define N_EXCEPTION_MESSAGE (sizeof(exception_message) / sizeof(exception_message[0]))

static unsigned set_fault_mrs(struct tcb *sender, struct tcb *receiver, uint64_t *buf)
{
    const struct fault *f = &sender->fault;
    unsigned n = 0;
    switch (f->type) {
    case seL4_Fault_CapFault:
        set_mr(receiver, buf, 0, sender->ctx.fault_ip);
        set_mr(receiver, buf, 1, f->address);
        set_mr(receiver, buf, 2, f->flag);
        return set_mrs_lookup_failure(receiver, buf, &sender->fault_lookup, 3);
    case seL4_Fault_UnknownSyscall:
        for (n = 0; n < N_SYSCALL_MESSAGE; n++) {
            set_mr(receiver, buf, n, *user_register(sender, syscall_message[n]));
        }
        return set_mr(receiver, buf, n, f->number);
    case seL4_Fault_UserException:
        for (n = 0; n < N_EXCEPTION_MESSAGE; n++) {
            set_mr(receiver, buf, n, *user_register(sender, exception_message[n]));
        }
        set_mr(receiver, buf, n, f->number);
        return set_mr(receiver, buf, n + 1, f->code);
    case seL4_Fault_VMFault:
        set_mr(receiver, buf, 0, sender->ctx.fault_ip);
        set_mr(receiver, buf, 1, f->address);
        set_mr(receiver, buf, 2, f->flag);
        return set_mr(receiver, buf, 3, f->code);
    default:
        return 0;
    }
}

void do_ipc_transfer(struct tcb *sender, struct endpoint *ep, uint64_t badge, bool grant, struct tcb *receiver)
{
    uint64_t *recv_buf = lookup_ipc_buffer(true, receiver);
    if (sender->fault.type == seL4_Fault_NullFault) {
        uint64_t *send_buf = lookup_ipc_buffer(false, sender);
        do_normal_transfer(sender, send_buf, ep, badge, grant, receiver, recv_buf);
    } else {
        unsigned sent = set_fault_mrs(sender, receiver, recv_buf);
        receiver->ctx.rsi = message_info_full(sender->fault.type, 0, 0, sent);
        receiver->ctx.rdi = badge;
    }
}

void setup_reply_master(struct tcb *t)
{
    struct cte *slot = &t->slots[TCB_REPLY];
    if (cap_type(slot->cap) == cap_null_cap) {
        cdt_set_root(slot, cap_reply(kpa(t), true, true));
    }
}

void setup_caller_cap(struct tcb *sender, struct tcb *receiver, bool can_grant)
{
    set_thread_state(sender, THREAD_BLOCKED_ON_REPLY);
    setup_reply_master(sender);
    struct cte *caller = &receiver->slots[TCB_CALLER];
    cdt_remove(caller);
    cdt_insert(cap_reply(kpa(sender), false, can_grant), &sender->slots[TCB_REPLY], caller);
}

void delete_caller_cap(struct tcb *receiver)
{
    cdt_remove(&receiver->slots[TCB_CALLER]);
}

/* Applies a fault handler's reply; returns whether the thread runs again
   (seL4's handleFaultReply). */
static bool handle_fault_reply(struct tcb *receiver, struct tcb *sender)
{
    struct message_info info = message_info_from_word(sender->ctx.rsi);
    uint64_t *send_buf = lookup_ipc_buffer(false, sender);
    const enum user_register *regs;
    unsigned n;
    switch (receiver->fault.type) {
    case seL4_Fault_UnknownSyscall:
        regs = syscall_message;
        n = N_SYSCALL_MESSAGE;
        break;
    case seL4_Fault_UserException:
        regs = exception_message;
        n = N_EXCEPTION_MESSAGE;
        break;
    default:
        /* Cap faults and VM faults always restart the faulting instruction. */
        return true;
    }
    if (info.length < n) {
        n = (unsigned)info.length;
    }
    unsigned i;
    for (i = 0; i < n && i < N_MSG_REGISTERS; i++) {
        *user_register(receiver, regs[i]) = sanitise_register(regs[i], *user_register(sender, msg_registers[i]));
    }
    for (; i < n && send_buf; i++) {
        *user_register(receiver, regs[i]) = sanitise_register(regs[i], send_buf[i + 1]);
    }
    return info.label == 0;
}

void do_reply_transfer(struct tcb *sender, struct tcb *receiver, struct cte *slot, bool grant)
{
    if (receiver->state != THREAD_BLOCKED_ON_REPLY) {
        return;
    }
    if (receiver->fault.type == seL4_Fault_NullFault) {
        do_ipc_transfer(sender, NULL, 0, grant, receiver);
        cdt_remove(slot);
        set_thread_state(receiver, THREAD_RUNNING);
        possible_switch_to(receiver);
        return;
    }
    cdt_remove(slot);
    bool restart = handle_fault_reply(receiver, sender);
    receiver->fault.type = seL4_Fault_NullFault;
    if (restart) {
        set_thread_state(receiver, THREAD_RESTART);
        possible_switch_to(receiver);
    } else {
        set_thread_state(receiver, THREAD_INACTIVE);
    }
}

exception_t decode_reply_invocation(uint64_t cptr, struct cap cap, struct cte *slot)
{
    if (cap_reply_is_master(cap)) {
        user_error("Attempted to invoke an invalid reply cap #%lu.", cptr);
        return invalid_capability(0);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    do_reply_transfer(current_thread, kva(cap_reply_tcb_paddr(cap)), slot, cap_reply_can_grant(cap));
    return EXCEPTION_NONE;
}

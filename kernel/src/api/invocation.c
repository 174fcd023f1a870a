/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Invocations of kernel objects, the path of seL4_Call and seL4_Send on a
 * cap that is not an endpoint: look up the invoked cap and the extra caps,
 * decode (which checks everything and may fail with an seL4 error), perform,
 * and reply. Message registers and error replies are laid out exactly as
 * seL4 lays them out.
 */
#include <api/faults.h>
#include <api/invocation.h>
#include <arch/x86_64/machine.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <kernel/thread.h>

struct cte *current_extra_caps[seL4_MsgMaxExtraCaps + 1];

static uint64_t *msg_register(struct tcb *t, unsigned i)
{
    switch (i) {
    case 0:
        return &t->ctx.r10;
    case 1:
        return &t->ctx.r8;
    case 2:
        return &t->ctx.r9;
    default:
        return &t->ctx.r15;
    }
}

uint64_t get_syscall_arg(unsigned i, const uint64_t *buffer)
{
    if (i < N_MSG_REGISTERS) {
        return *msg_register(current_thread, i);
    }
    /* Lengths above 4 are cut to 4 when there is no IPC buffer, so this holds. */
    return buffer && i < seL4_MsgMaxLength ? buffer[i + 1] : 0;
}

uint64_t get_extra_cptr(const uint64_t *buffer, unsigned i)
{
    return buffer ? buffer[IPC_BUFFER_CAPS_WORD + i] : 0;
}

unsigned set_mr(struct tcb *thread, uint64_t *buffer, unsigned offset, uint64_t value)
{
    if (offset < N_MSG_REGISTERS) {
        *msg_register(thread, offset) = value;
        return offset + 1;
    }
    if (!buffer) {
        return N_MSG_REGISTERS;
    }
    if (offset < seL4_MsgMaxLength) {
        buffer[offset + 1] = value;
    }
    return offset + 1;
}

unsigned set_mrs_lookup_failure(struct tcb *t, uint64_t *buffer, const struct lookup_fault *f,
                                unsigned offset)
{
    unsigned i = set_mr(t, buffer, offset, (uint64_t)f->kind + 1);
    switch (f->kind) {
    case LOOKUP_INVALID_ROOT:
        return i;
    case LOOKUP_MISSING_CAPABILITY:
        return set_mr(t, buffer, offset + 1, f->bits_left);
    case LOOKUP_DEPTH_MISMATCH:
        set_mr(t, buffer, offset + 1, f->bits_left);
        return set_mr(t, buffer, offset + 2, f->bits_found);
    case LOOKUP_GUARD_MISMATCH:
        set_mr(t, buffer, offset + 1, f->bits_left);
        set_mr(t, buffer, offset + 2, f->guard_found);
        return set_mr(t, buffer, offset + 3, f->bits_found);
    }
    return i;
}

/* MRs of an error reply (seL4's setMRs_syscall_error). */
static unsigned set_mrs_syscall_error(struct tcb *t, uint64_t *buffer)
{
    const struct syscall_error *e = &current_syscall_error;
    switch (e->type) {
    case seL4_InvalidArgument:
        return set_mr(t, buffer, 0, e->invalid_argument_number);
    case seL4_InvalidCapability:
        return set_mr(t, buffer, 0, e->invalid_cap_number);
    case seL4_RangeError:
        set_mr(t, buffer, 0, e->range_min);
        return set_mr(t, buffer, 1, e->range_max);
    case seL4_FailedLookup:
        set_mr(t, buffer, 0, e->failed_lookup_was_source ? 1 : 0);
        return set_mrs_lookup_failure(t, buffer, &current_lookup_fault, 1);
    case seL4_NotEnoughMemory:
        return set_mr(t, buffer, 0, e->memory_left);
    default:
        return 0;
    }
}

void reply_from_kernel_error(struct tcb *thread)
{
    uint64_t *buffer = lookup_ipc_buffer(true, thread);
    thread->ctx.rdi = 0; /* badge */
    unsigned length = set_mrs_syscall_error(thread, buffer);
    thread->ctx.rsi = message_info_word(current_syscall_error.type, length);
}

void reply_from_kernel_success_empty(struct tcb *thread)
{
    thread->ctx.rdi = 0;
    thread->ctx.rsi = message_info_word(0, 0);
}

void user_error_prefix(const char *function, int line)
{
    struct tcb *t = current_thread;
    kprintf("<<seL4(CPU 0) [%s/%d T%p \"%s\" @%lx]: ", function, line, (void *)t, t ? t->name : "",
            t ? t->ctx.fault_ip : 0);
}

/* Looks up the extra caps named in the IPC buffer (seL4's lookupExtraCaps). */
static exception_t lookup_extra_caps(struct tcb *t, const uint64_t *buffer, const struct message_info *info)
{
    current_extra_caps[0] = NULL;
    if (!buffer) {
        return EXCEPTION_NONE;
    }
    unsigned i;
    for (i = 0; i < info->extra_caps; i++) {
        uint64_t cptr = get_extra_cptr(buffer, i);
        struct resolve_result r = lookup_slot(t, cptr);
        if (r.status != EXCEPTION_NONE) {
            current_fault = cap_fault(cptr, false);
            return EXCEPTION_LOOKUP_FAULT;
        }
        current_extra_caps[i] = r.slot;
    }
    current_extra_caps[i] = NULL;
    return EXCEPTION_NONE;
}

void handle_invocation(bool is_call, bool is_blocking)
{
    struct tcb *t = current_thread;
    struct message_info info = message_info_from_word(t->ctx.rsi);
    uint64_t cptr = t->ctx.rdi;

    struct resolve_result r = lookup_slot(t, cptr);
    if (r.status != EXCEPTION_NONE) {
        user_error("Invocation of invalid cap #%lu.", cptr);
        current_fault = cap_fault(cptr, false);
        if (is_blocking) {
            handle_fault(t);
        }
        return;
    }
    uint64_t *buffer = lookup_ipc_buffer(false, t);
    if (lookup_extra_caps(t, buffer, &info) != EXCEPTION_NONE) {
        user_error("Lookup of extra caps failed.");
        if (is_blocking) {
            handle_fault(t);
        }
        return;
    }
    uint64_t length = info.length;
    if (length > N_MSG_REGISTERS && !buffer) {
        length = N_MSG_REGISTERS;
    }
    exception_t status =
        decode_invocation(info.label, length, cptr, r.slot, r.slot->cap, is_blocking, is_call, buffer);
    if (status == EXCEPTION_PREEMPTED) {
        /* Stopped at a preemption point with an interrupt pending: handle it
           now, while this thread is in the Restart state, as seL4 does. */
        arch_take_pending_interrupt();
        return;
    }
    if (status == EXCEPTION_SYSCALL_ERROR) {
        if (is_call) {
            reply_from_kernel_error(t);
        }
        return;
    }
    if (t->state == THREAD_RESTART) {
        if (is_call) {
            reply_from_kernel_success_empty(t);
        }
        set_thread_state(t, THREAD_RUNNING);
    }
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * IOPortControl and IOPort invocations, with seL4's checks in seL4's order:
 * Issue checks the label, the length and the destination CNode cap, that
 * first <= last, that no port in the range was issued before (RevokeFirst),
 * the destination slot lookup and that it is empty. In/Out check the length
 * and that every byte of the access lies in the cap's range.
 */
#include <api/invocation.h>
#include <arch/x86_64/cpu.h>
#include <kernel/cspace.h>
#include <kernel/thread.h>
#include <object/finalise.h>
#include <object/ioport.h>

/* One bit per port: set when some IOPort cap covers it. */
static uint64_t issued_ports[65536 / 64];

static bool port_range_free(uint32_t first, uint32_t last)
{
    for (uint32_t p = first; p <= last; p++) {
        if (issued_ports[p / 64] & (1ull << (p % 64))) {
            return false;
        }
    }
    return true;
}

static void mark_ports_issued(uint32_t first, uint32_t last)
{
    for (uint32_t p = first; p <= last; p++) {
        issued_ports[p / 64] |= 1ull << (p % 64);
    }
}

/* The last IOPort cap to a range is gone: its ports may be issued again. */
void finalise_io_port(struct cap cap)
{
    for (uint32_t p = cap_io_port_first(cap); p <= cap_io_port_last(cap); p++) {
        issued_ports[p / 64] &= ~(1ull << (p % 64));
    }
}

static exception_t perform_io_port_control_issue(uint16_t first, uint16_t last, struct cte *control,
                                                 struct cte *dest)
{
    mark_ports_issued(first, last);
    cte_insert(cap_io_port(first, last), control, dest);
    return EXCEPTION_NONE;
}

exception_t decode_io_port_control_invocation(uint64_t label, uint64_t length, struct cte *slot, uint64_t *buffer)
{
    if (label != X86IOPortControlIssue) {
        user_error("IOPortControl: Unknown operation.");
        return syscall_error(seL4_IllegalOperation);
    }
    if (length < 4 || current_extra_caps[0] == NULL) {
        user_error("IOPortControl: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint16_t first = get_syscall_arg(0, buffer) & 0xffff;
    uint16_t last = get_syscall_arg(1, buffer) & 0xffff;
    uint64_t index = get_syscall_arg(2, buffer);
    uint64_t depth = get_syscall_arg(3, buffer);
    struct cap cnode = current_extra_caps[0]->cap;

    if (last < first) {
        user_error("IOPortControl: Last port must be > first port.");
        return invalid_argument(1);
    }
    if (!port_range_free(first, last)) {
        user_error("IOPortControl: Some ports in range already in use.");
        return syscall_error(seL4_RevokeFirst);
    }
    struct resolve_result dest = lookup_target_slot(cnode, index, depth);
    if (dest.status != EXCEPTION_NONE) {
        user_error("Target slot for new IO Port cap invalid: cap %lu.", get_extra_cptr(buffer, 0));
        return dest.status;
    }
    if (ensure_empty_slot(dest.slot) != EXCEPTION_NONE) {
        user_error("Target slot for new IO Port cap not empty: cap %lu.", get_extra_cptr(buffer, 0));
        return EXCEPTION_SYSCALL_ERROR;
    }

    set_thread_state(current_thread, THREAD_RESTART);
    return perform_io_port_control_issue(first, last, slot, dest.slot);
}

/* Every byte of a size-byte access at port must lie inside the cap's range. */
static exception_t ensure_port_operation_allowed(struct cap cap, uint32_t port, uint32_t size)
{
    uint32_t first = cap_io_port_first(cap);
    uint32_t last = cap_io_port_last(cap);
    uint32_t end = port + size - 1;
    if (port < first || end > last) {
        user_error("IOPort: Ports %d--%d fall outside permitted range %d--%d.", (int)port, (int)end, (int)first,
                   (int)last);
        return syscall_error(seL4_IllegalOperation);
    }
    return EXCEPTION_NONE;
}

static uint32_t access_size(uint64_t label)
{
    switch (label) {
    case X86IOPortIn8:
    case X86IOPortOut8:
        return 1;
    case X86IOPortIn16:
    case X86IOPortOut16:
        return 2;
    default:
        return 4;
    }
}

/* Reads the port and, for a Call, replies with the value in MR0 itself. */
static exception_t perform_io_port_in(struct tcb *t, uint64_t label, uint16_t port, bool call)
{
    uint32_t value = label == X86IOPortIn8 ? in8(port) : label == X86IOPortIn16 ? in16(port) : in32(port);
    if (call) {
        uint64_t *reply_buffer = lookup_ipc_buffer(true, t);
        t->ctx.rdi = 0;
        unsigned n = set_mr(t, reply_buffer, 0, value);
        t->ctx.rsi = message_info_word(0, n);
    }
    set_thread_state(t, THREAD_RUNNING);
    return EXCEPTION_NONE;
}

static exception_t perform_io_port_out(uint64_t label, uint16_t port, uint64_t data)
{
    if (label == X86IOPortOut8) {
        out8(port, (uint8_t)data);
    } else if (label == X86IOPortOut16) {
        out16(port, (uint16_t)data);
    } else {
        out32(port, (uint32_t)data);
    }
    return EXCEPTION_NONE;
}

exception_t decode_io_port_invocation(uint64_t label, uint64_t length, struct cap cap, bool call, uint64_t *buffer)
{
    struct tcb *t = current_thread;
    if (label == X86IOPortIn8 || label == X86IOPortIn16 || label == X86IOPortIn32) {
        if (length < 1) {
            user_error("IOPort: Truncated message.");
            return syscall_error(seL4_TruncatedMessage);
        }
        uint16_t port = get_syscall_arg(0, buffer) & 0xffff;
        exception_t status = ensure_port_operation_allowed(cap, port, access_size(label));
        if (status != EXCEPTION_NONE) {
            return status;
        }
        set_thread_state(t, THREAD_RESTART);
        return perform_io_port_in(t, label, port, call);
    }
    if (label == X86IOPortOut8 || label == X86IOPortOut16 || label == X86IOPortOut32) {
        if (length < 2) {
            user_error("IOPort Out: Truncated message.");
            return syscall_error(seL4_TruncatedMessage);
        }
        uint16_t port = get_syscall_arg(0, buffer) & 0xffff;
        uint64_t data = get_syscall_arg(1, buffer);
        exception_t status = ensure_port_operation_allowed(cap, port, access_size(label));
        if (status != EXCEPTION_NONE) {
            return status;
        }
        set_thread_state(t, THREAD_RESTART);
        return perform_io_port_out(label, port, data);
    }
    user_error("IOPort: Unknown operation.");
    return syscall_error(seL4_IllegalOperation);
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * TCB_ReadRegisters, TCB_WriteRegisters and TCB_CopyRegisters: another
 * thread's registers in seL4_UserContext order (rip, rsp, rflags, the
 * general registers, then fs_base and gs_base). "rip" is the thread's
 * restart address; writing it also sets where the thread continues.
 */
#include <api/invocation.h>
#include <kernel/ipc.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/tcb.h>

static const unsigned msg_registers[N_MSG_REGISTERS] = {REG_R10, REG_R8, REG_R9, REG_R15};

/* After rip changed: the thread continues at its restart address (seL4's setNextPC(getRestartPC)). */
static void set_next_pc_to_restart(struct tcb *t)
{
    t->ctx.rip = t->ctx.fault_ip;
}

/* After its registers are written, another thread must leave the kernel through
   the full restore (iretq) rather than sysretq, which would zero RSP and take RIP
   and RFLAGS from RCX and R11: seL4 does the same (Mode_postModifyRegisters).
   The running thread still leaves by sysretq. */
static void force_full_restore(struct tcb *t)
{
    if (t != current_thread) {
        t->ctx.vector = 0;
    }
}

static void perform_read_registers(struct tcb *src, bool suspend_source, uint64_t n, bool call)
{
    struct tcb *cur = current_thread;
    if (suspend_source) {
        suspend_thread(src);
    }
    if (call) {
        uint64_t *ipc = lookup_ipc_buffer(true, cur);
        cur->ctx.rdi = 0;
        uint64_t i, j;
        for (i = 0; i < n && i < N_FRAME_REGISTERS && i < N_MSG_REGISTERS; i++) {
            *user_register(cur, msg_registers[i]) = *user_register(src, (enum user_register)i);
        }
        if (ipc && i < n && i < N_FRAME_REGISTERS) {
            for (; i < n && i < N_FRAME_REGISTERS; i++) {
                ipc[i + 1] = *user_register(src, (enum user_register)i);
            }
        }
        j = i;
        /* The gp registers follow the frame registers, so never travel in registers. */
        i = 0;
        if (ipc && i < 2 && i + N_FRAME_REGISTERS < n) {
            for (; i < 2 && i + N_FRAME_REGISTERS < n; i++) {
                ipc[i + N_FRAME_REGISTERS + 1] = *user_register(src, (enum user_register)(REG_FS_BASE + i));
            }
        }
        cur->ctx.rsi = message_info_word(0, i + j);
    }
    set_thread_state(cur, THREAD_RUNNING);
}

exception_t decode_read_registers(struct tcb *target, uint64_t length, bool call, uint64_t *buffer)
{
    if (length < 2) {
        user_error("TCB ReadRegisters: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t flags = get_syscall_arg(0, buffer);
    uint64_t n = get_syscall_arg(1, buffer);
    if (n < 1 || n > N_USER_REGISTERS) {
        user_error("TCB ReadRegisters: Attempted to read an invalid number of registers (%d).", (int)n);
        return range_error(1, N_USER_REGISTERS);
    }
    if (target == current_thread) {
        user_error("TCB ReadRegisters: Attempted to read our own registers.");
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    perform_read_registers(target, flags & 1, n, call);
    return EXCEPTION_NONE;
}

exception_t decode_write_registers(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 2) {
        user_error("TCB WriteRegisters: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t flags = get_syscall_arg(0, buffer);
    uint64_t w = get_syscall_arg(1, buffer);
    if (length - 2 < w) {
        user_error("TCB WriteRegisters: Message too short for requested write size (%d/%d).", (int)(length - 2),
                   (int)w);
        return syscall_error(seL4_TruncatedMessage);
    }
    if (target == current_thread) {
        user_error("TCB WriteRegisters: Attempted to write our own registers.");
        return syscall_error(seL4_IllegalOperation);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    if (w > N_USER_REGISTERS) {
        w = N_USER_REGISTERS;
    }
    for (unsigned i = 0; i < w; i++) {
        enum user_register r = (enum user_register)i;
        *user_register(target, r) = sanitise_register(r, get_syscall_arg(i + 2, buffer));
    }
    set_next_pc_to_restart(target);
    force_full_restore(target);
    if (flags & 1) {
        restart_thread(target);
    }
    return EXCEPTION_NONE;
}

exception_t decode_copy_registers(struct tcb *target, uint64_t length, uint64_t *buffer)
{
    if (length < 1 || !current_extra_caps[0]) {
        user_error("TCB CopyRegisters: Truncated message.");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t flags = get_syscall_arg(0, buffer);
    struct cap source = current_extra_caps[0]->cap;
    if (cap_type(source) != cap_thread_cap) {
        user_error("TCB CopyRegisters: Invalid source TCB.");
        return invalid_capability(1);
    }
    struct tcb *src = kva(cap_thread_paddr(source));
    set_thread_state(current_thread, THREAD_RESTART);
    if (flags & 1) {
        suspend_thread(src);
    }
    if (flags & 2) {
        restart_thread(target);
    }
    if (flags & 4) {
        for (unsigned i = 0; i < N_FRAME_REGISTERS; i++) {
            *user_register(target, (enum user_register)i) = *user_register(src, (enum user_register)i);
        }
        set_next_pc_to_restart(target);
    }
    if (flags & 8) {
        target->ctx.fs_base = src->ctx.fs_base;
        target->ctx.gs_base = src->ctx.gs_base;
    }
    force_full_restore(target);
    if (target == current_thread) {
        reschedule_required();
    }
    return EXCEPTION_NONE;
}

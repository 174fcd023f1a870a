/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The C side of every kernel entry (called from traps.S on the kernel stack):
 * syscalls, CPU exceptions and interrupts from user mode, and interrupts that
 * arrive while the kernel idles. Exceptions from user mode become seL4
 * faults (page faults VMFault, the rest UserException); an exception in
 * kernel mode is a kernel bug and panics.
 */
#include <api/faults.h>
#include <api/syscall.h>
#include <arch/x86_64/context.h>
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <kernel/panic.h>
#include <kernel/thread.h>
#include <object/irq.h>

#define VECTOR_PAGE_FAULT 14
#define PF_INSTRUCTION_FETCH 0x10

_Noreturn void c_handle_syscall(struct user_context *ctx);
_Noreturn void c_handle_interrupt(struct user_context *ctx);
void c_handle_kernel_trap(struct user_context *frame);

_Noreturn void c_handle_syscall(struct user_context *ctx)
{
    kassert(current_thread && ctx == &current_thread->ctx);
    /* seL4's FaultIP: the syscall instruction itself (2 bytes). */
    ctx->fault_ip = ctx->rip - 2;
    handle_syscall((int64_t)ctx->rdx);
    schedule_and_return_to_user();
}

static void handle_irq(uint64_t vector)
{
    if (vector == VECTOR_TIMER) {
        timer_tick();
        timer_ack();
    } else if (vector >= 0x30 && vector < VECTOR_TRAP_MIN) {
        /* Device interrupts (I/O APIC pins and MSIs issued to user level);
           0x20..0x2f are the masked legacy PICs, which take no LAPIC EOI. */
        handle_device_irq(vector - IRQ_VECTOR_OFFSET);
    }
}

_Noreturn void c_handle_interrupt(struct user_context *ctx)
{
    struct tcb *t = current_thread;
    kassert(t && ctx == &t->ctx);
    ctx->fault_ip = ctx->rip;
    if (ctx->vector == VECTOR_PAGE_FAULT) {
        uint64_t address = read_cr2();
        current_fault = (struct fault){seL4_Fault_VMFault, address, (ctx->error & PF_INSTRUCTION_FETCH) != 0, 0,
                                       ctx->error};
        handle_fault(t);
    } else if (ctx->vector < VECTOR_IRQ_MIN) {
        current_fault = (struct fault){seL4_Fault_UserException, 0, 0, ctx->vector, ctx->error};
        handle_fault(t);
    } else if (ctx->vector < VECTOR_TRAP_MIN) {
        handle_irq(ctx->vector);
    } else if (ctx->vector != VECTOR_SPURIOUS) {
        /* "int n" for a trap vector: seL4 makes it an unknown syscall numbered
           (n << 24) | the low 24 bits of RAX (as a 32-bit int, sign-extended),
           at the address of the 2-byte int instruction. */
        ctx->fault_ip = ctx->rip - 2;
        int32_t number = (int32_t)(((uint32_t)ctx->vector << 24) | (ctx->rax & 0xffffff));
        current_fault = (struct fault){seL4_Fault_UnknownSyscall, 0, 0, (uint64_t)(int64_t)number, 0};
        handle_fault(t);
    }
    schedule_and_return_to_user();
}

void c_handle_kernel_trap(struct user_context *frame)
{
    if (frame->vector < 32) {
        panic("CPU exception %lu (error %p) in the kernel at %p, cr2 %p", frame->vector, (void *)frame->error,
              (void *)frame->rip, (void *)read_cr2());
    }
    handle_irq(frame->vector);
}

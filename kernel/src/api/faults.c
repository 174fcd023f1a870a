/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Fault delivery. seL4 looks up the thread's fault endpoint; when that
 * lookup does not yield an endpoint it reports a "double fault": the cap
 * fault of the handler lookup, the original fault, the thread's name and
 * restart address and the top of its user stack, then makes the thread
 * inactive. Otherwise the fault travels to the handler as a Call whose
 * message is seL4's fault message (kernel/ipc.c).
 */
#include <api/faults.h>
#include <arch/x86_64/paging.h>
#include <kernel/cspace.h>
#include <kernel/printf.h>
#include <kernel/thread.h>
#include <object/endpoint.h>
#include <memlayout.h>

#define USER_STACK_TRACE_LENGTH 16

static void print_fault(const struct fault *f)
{
    switch (f->type) {
    case seL4_Fault_NullFault:
        kprintf("null fault");
        break;
    case seL4_Fault_CapFault:
        kprintf("cap fault in %s phase at address %p", f->flag ? "receive" : "send", (void *)f->address);
        break;
    case seL4_Fault_VMFault:
        kprintf("vm fault on %s at address %p with status %p", f->flag ? "code" : "data", (void *)f->address,
                (void *)f->code);
        break;
    case seL4_Fault_UnknownSyscall:
        kprintf("unknown syscall %p", (void *)f->number);
        break;
    case seL4_Fault_UserException:
        kprintf("user exception %p code %p", (void *)f->number, (void *)f->code);
        break;
    default:
        kprintf("unknown fault");
        break;
    }
}

static void print_user_stack(struct tcb *t)
{
    struct cap vroot = t->slots[TCB_VTABLE].cap;
    if (cap_type(vroot) != cap_pml4_cap) {
        kprintf("Invalid vspace\n");
        return;
    }
    uint64_t sp = t->ctx.rsp;
    if (sp & 7) {
        kprintf("RSP not aligned\n");
        return;
    }
    for (int i = 0; i < USER_STACK_TRACE_LENGTH; i++) {
        uint64_t address = sp + (uint64_t)i * 8;
        uint64_t paddr = vspace_translate(cap_table_paddr(vroot), address);
        if (paddr == ~0ull) {
            kprintf("0x%lx: INVALID\n", address);
        } else {
            kprintf("0x%lx: 0x%lx\n", address, *(uint64_t *)kva(paddr));
        }
    }
}

static void handle_double_fault(struct tcb *t, const struct fault *original)
{
    kprintf("Caught ");
    print_fault(&current_fault);
    kprintf("\nwhile trying to handle:\n");
    print_fault(original);
    kprintf("\nin thread %p \"%s\" ", (void *)t, t->name);
    kprintf("at address %p\n", (void *)t->ctx.fault_ip);
    kprintf("With stack:\n");
    print_user_stack(t);
    set_thread_state(t, THREAD_INACTIVE);
}

/* Sends the fault to t's fault endpoint as a Call (seL4's sendFaultIPC);
   fails when the handler cptr names no endpoint t may send a fault to. */
static exception_t send_fault_ipc(struct tcb *t)
{
    struct lookup_fault original_lookup = current_lookup_fault;
    uint64_t handler = t->fault_handler;
    struct resolve_result r = lookup_slot(t, handler);
    if (r.status != EXCEPTION_NONE) {
        current_fault = cap_fault(handler, false);
        return EXCEPTION_FAULT;
    }
    struct cap cap = r.slot->cap;
    if (cap_type(cap) == cap_endpoint_cap && cap_endpoint_can_send(cap) &&
        (cap_endpoint_can_grant(cap) || cap_endpoint_can_grant_reply(cap))) {
        t->fault = current_fault;
        if (current_fault.type == seL4_Fault_CapFault) {
            t->fault_lookup = original_lookup;
        }
        send_ipc(true, true, cap_endpoint_badge(cap), cap_endpoint_can_grant(cap), true, t,
                 kva(cap_endpoint_paddr(cap)));
        return EXCEPTION_NONE;
    }
    current_fault = cap_fault(handler, false);
    current_lookup_fault = lookup_fault_missing_capability(0);
    return EXCEPTION_FAULT;
}

void handle_fault(struct tcb *t)
{
    struct fault original = current_fault;
    if (send_fault_ipc(t) != EXCEPTION_NONE) {
        handle_double_fault(t, &original);
    }
}

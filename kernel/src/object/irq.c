/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * IRQControl and IRQHandler caps, and delivering device interrupts to
 * notifications, as seL4 does on pc99 with the I/O APIC. Each IRQ has a
 * state (inactive, or signalling, with where it comes from) and a kernel
 * slot holding the notification cap it signals. An interrupt signals that
 * notification and masks its line until the handler's Ack.
 */
#include <api/invocation.h>
#include <arch/x86_64/ioapic.h>
#include <arch/x86_64/machine.h>
#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/finalise.h>
#include <object/irq.h>
#include <object/notification.h>

#define N_IRQS (IRQ_USER_MAX + 1)
#define PCI_BUS_MAX 255
#define PCI_DEV_MAX 31
#define PCI_FUNC_MAX 7

enum irq_source { IRQ_INACTIVE = 0, IRQ_FROM_IOAPIC, IRQ_FROM_MSI };

struct irq_state {
    enum irq_source source;
    uint32_t ioapic, pin;
};

static struct irq_state irq_states[N_IRQS];
/* The notification cap each IRQ signals (seL4's intStateIRQNode). */
static struct cte irq_node[N_IRQS];

static bool irq_active(uint64_t irq)
{
    return irq_states[irq].source != IRQ_INACTIVE;
}

static void mask_irq(bool mask, uint64_t irq)
{
    if (irq_states[irq].source == IRQ_FROM_IOAPIC) {
        ioapic_mask(mask, irq_states[irq].ioapic, irq_states[irq].pin);
    }
}

static exception_t decode_ioapic_pin(uint64_t ioapic, uint64_t pin, uint64_t level, uint64_t polarity)
{
    uint32_t n = ioapic_count();
    if (n == 0) {
        user_error("System has no IOAPICs");
        return syscall_error(seL4_IllegalOperation);
    }
    if (ioapic >= n) {
        user_error("Invalid IOAPIC %ld, only have %ld", (long)ioapic, (long)n);
        return range_error(0, n - 1);
    }
    uint32_t pins = ioapic_pins((uint32_t)ioapic);
    if (pin >= pins) {
        user_error("Invalid IOAPIC pin %ld, there are %d pins", (long)pin, (int)pins);
        return range_error(0, pins - 1);
    }
    if (level != 0 && level != 1) {
        user_error("Level should be 0 or 1, not %d", (int)level);
        return range_error(0, 1);
    }
    if (polarity != 0 && polarity != 1) {
        user_error("Polarity should be 0 or 1, not %d", (int)polarity);
        return range_error(0, 1);
    }
    return EXCEPTION_NONE;
}

/* seL4's invokeIRQControl: the IRQ becomes active (unmasked) and the handler cap is made. */
static void issue_handler(uint64_t irq, struct irq_state state, struct cte *handler_slot, struct cte *control_slot)
{
    irq_states[irq] = state;
    mask_irq(false, irq);
    cdt_insert(cap_irq_handler(irq), control_slot, handler_slot);
}

static exception_t decode_issue(uint64_t label, uint64_t length, struct cte *control, uint64_t *buffer)
{
    if (length < 7 || !current_extra_caps[0]) {
        user_error("IRQControl: Truncated message");
        return syscall_error(seL4_TruncatedMessage);
    }
    uint64_t index = get_syscall_arg(0, buffer);
    uint64_t depth = get_syscall_arg(1, buffer);
    struct cap cnode = current_extra_caps[0]->cap;
    uint64_t irq = get_syscall_arg(6, buffer);
    if (irq > IRQ_USER_MAX - IRQ_USER_MIN) {
        user_error("IRQControl: Invalid irq %ld should be between 0-%ld", (long)irq,
                   (long)(IRQ_USER_MAX - IRQ_USER_MIN));
        return range_error(0, IRQ_USER_MAX - IRQ_USER_MIN);
    }
    irq += IRQ_USER_MIN;
    if (irq_active(irq)) {
        user_error("IRQControl: IRQ %d is already active.", (int)irq);
        return syscall_error(seL4_RevokeFirst);
    }
    uint64_t vector = irq + IRQ_VECTOR_OFFSET;
    struct resolve_result r = lookup_target_slot(cnode, index, depth);
    if (r.status != EXCEPTION_NONE) {
        return r.status;
    }
    exception_t e = ensure_empty_slot(r.slot);
    if (e != EXCEPTION_NONE) {
        return e;
    }
    uint64_t a2 = get_syscall_arg(2, buffer), a3 = get_syscall_arg(3, buffer);
    uint64_t a4 = get_syscall_arg(4, buffer), a5 = get_syscall_arg(5, buffer);
    if (label == X86IRQIssueIRQHandlerIOAPIC) {
        e = decode_ioapic_pin(a2, a3, a4, a5);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        set_thread_state(current_thread, THREAD_RESTART);
        ioapic_map_pin_to_vector((uint32_t)a2, (uint32_t)a3, (uint32_t)a4, (uint32_t)a5, (uint32_t)vector);
        issue_handler(irq, (struct irq_state){IRQ_FROM_IOAPIC, (uint32_t)a2, (uint32_t)a3}, r.slot, control);
        return EXCEPTION_NONE;
    }
    /* MSI: bus, device, function and handle are only checked and kept. */
    if (a2 > PCI_BUS_MAX) {
        return range_error(0, PCI_BUS_MAX);
    }
    if (a3 > PCI_DEV_MAX) {
        return range_error(0, PCI_DEV_MAX);
    }
    if (a4 > PCI_FUNC_MAX) {
        return range_error(0, PCI_FUNC_MAX);
    }
    set_thread_state(current_thread, THREAD_RESTART);
    issue_handler(irq, (struct irq_state){IRQ_FROM_MSI, 0, 0}, r.slot, control);
    return EXCEPTION_NONE;
}

exception_t decode_irq_control_invocation(uint64_t label, uint64_t length, struct cte *slot, uint64_t *buffer)
{
    if (label == IRQIssueIRQHandler) {
        /* With the I/O APIC the legacy ISA IRQs cannot be issued (seL4's Arch_checkIRQ). */
        if (length < 3 || !current_extra_caps[0]) {
            return syscall_error(seL4_TruncatedMessage);
        }
        user_error("IRQControl: Illegal operation");
        return syscall_error(seL4_IllegalOperation);
    }
    if (label != X86IRQIssueIRQHandlerIOAPIC && label != X86IRQIssueIRQHandlerMSI) {
        user_error("IRQControl: Illegal operation");
        return syscall_error(seL4_IllegalOperation);
    }
    return decode_issue(label, length, slot, buffer);
}

exception_t decode_irq_handler_invocation(uint64_t label, struct cap cap)
{
    uint64_t irq = cap_irq_handler_irq(cap);
    if (irq >= N_IRQS) {
        return syscall_error(seL4_IllegalOperation);
    }
    switch (label) {
    case IRQAckIRQ:
        set_thread_state(current_thread, THREAD_RESTART);
        mask_irq(false, irq);
        return EXCEPTION_NONE;
    case IRQSetIRQHandler: {
        if (!current_extra_caps[0]) {
            return syscall_error(seL4_TruncatedMessage);
        }
        struct cte *slot = current_extra_caps[0];
        struct cap ncap = slot->cap;
        if (cap_type(ncap) != cap_notification_cap || !cap_notification_can_send(ncap)) {
            if (cap_type(ncap) != cap_notification_cap) {
                user_error("IRQSetHandler: provided cap is not an notification capability.");
            } else {
                user_error("IRQSetHandler: caller does not have send rights on the endpoint.");
            }
            return invalid_capability(0);
        }
        set_thread_state(current_thread, THREAD_RESTART);
        cte_delete(&irq_node[irq], true);
        cdt_insert(ncap, slot, &irq_node[irq]);
        return EXCEPTION_NONE;
    }
    case IRQClearIRQHandler:
        set_thread_state(current_thread, THREAD_RESTART);
        cte_delete(&irq_node[irq], true);
        return EXCEPTION_NONE;
    default:
        user_error("IRQHandler: Illegal operation.");
        return syscall_error(seL4_IllegalOperation);
    }
}

void finalise_irq_handler(struct cap cap)
{
    uint64_t irq = cap_irq_handler_irq(cap);
    if (irq >= N_IRQS) {
        return;
    }
    cte_delete(&irq_node[irq], true);
    mask_irq(true, irq);
    irq_states[irq].source = IRQ_INACTIVE;
}

void handle_device_irq(uint64_t irq)
{
    if (irq < N_IRQS && irq_active(irq)) {
        struct cap c = irq_node[irq].cap;
        if (cap_type(c) == cap_notification_cap && cap_notification_can_send(c)) {
            send_signal(kva(cap_notification_paddr(c)), cap_notification_badge(c));
        }
        /* Masked until the handler's Ack. */
        mask_irq(true, irq);
    }
    timer_ack(); /* the local APIC's end of interrupt */
}

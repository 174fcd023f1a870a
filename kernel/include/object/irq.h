/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Interrupts for user level (seL4's interrupt.c for pc99 with the I/O APIC):
 * IRQControl issues IRQHandler caps for I/O APIC pins and MSIs, an
 * IRQHandler names the notification an interrupt signals, and Ack lets the
 * line fire again. IRQ n arrives on vector n + 0x20; user IRQs are 16..123.
 */
#ifndef OBJECT_IRQ_H
#define OBJECT_IRQ_H

#include <object/tcb.h>

#define IRQ_VECTOR_OFFSET 0x20
#define IRQ_USER_MIN 16
#define IRQ_USER_MAX 123

exception_t decode_irq_control_invocation(uint64_t label, uint64_t length, struct cte *slot, uint64_t *buffer);
exception_t decode_irq_handler_invocation(uint64_t label, struct cap cap);
/* A device interrupt on vector 0x20 + irq: signal, mask, acknowledge. */
void handle_device_irq(uint64_t irq);

#endif /* OBJECT_IRQ_H */

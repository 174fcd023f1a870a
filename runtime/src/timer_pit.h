/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Channel 0 of the PC's programmable interval timer as a one-shot timer,
 * through an I/O port capability for ports 0x40-0x43. Its output is ISA
 * IRQ 0, which timer.c takes from the I/O APIC.
 */
#ifndef SEL4RUNTIME_TIMER_PIT_H
#define SEL4RUNTIME_TIMER_PIT_H

#include <stdbool.h>
#include <stdint.h>
#include <sel4/sel4.h>

/* Issues the ports into slot and stops channel 0; false when the kernel
 * refuses (someone holds them). */
bool sel4rt_pit_claim(seL4_CPtr slot);
/* Deletes the port capability again. */
void sel4rt_pit_release(void);
/* Interrupts once, count ticks (1.193182 MHz) from now. */
void sel4rt_pit_start_one_shot(uint16_t count);
/* No interrupt until the next one-shot. */
void sel4rt_pit_stop(void);

#endif

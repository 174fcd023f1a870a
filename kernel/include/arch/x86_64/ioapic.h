/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The I/O APIC (one, at the standard physical address 0xfec00000, as on
 * QEMU's pc machine): routing a pin to a vector on the boot CPU, and masking
 * it. Every pin starts masked.
 */
#ifndef ARCH_X86_64_IOAPIC_H
#define ARCH_X86_64_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* How many I/O APICs there are (0 or 1) and how many pins one has. */
uint32_t ioapic_count(void);
uint32_t ioapic_pins(uint32_t ioapic);
/* Routes pin to vector (masked), with trigger level and polarity as seL4 takes them. */
void ioapic_map_pin_to_vector(uint32_t ioapic, uint32_t pin, uint32_t level, uint32_t polarity, uint32_t vector);
void ioapic_mask(bool mask, uint32_t ioapic, uint32_t pin);

#endif /* ARCH_X86_64_IOAPIC_H */

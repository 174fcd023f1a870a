/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Arithmetic of the PC's programmable interval timer (8253/8254): how many
 * of its 1.193182 MHz ticks cover a span of nanoseconds. Pure, so that it
 * is tested on the host; timer_pit.c writes the result to the device.
 */
#ifndef SEL4RUNTIME_TIMER_PIT_COUNT_H
#define SEL4RUNTIME_TIMER_PIT_COUNT_H

#include <stdint.h>

#define SEL4RT_PIT_HZ 1193182u
/* The counter is 16 bits; 0 would mean 65536, which we never write. */
#define SEL4RT_PIT_MAX_COUNT 0xffffu

/* The count for a one-shot that ends no earlier than span_ns from now:
 * rounded up, at least 1, and at most SEL4RT_PIT_MAX_COUNT (about 54.9 ms;
 * a longer span takes several one-shots). */
uint16_t sel4rt_pit_count_for(uint64_t span_ns);

#endif

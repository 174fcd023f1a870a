/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * PIT tick arithmetic (timer_pit_count.h). Rounding up matters: a one-shot
 * that ends before a deadline wakes the timer thread for nothing, one that
 * ends after only costs a fraction of a microsecond.
 */
#include "timer_pit_count.h"

#define NS_PER_SECOND 1000000000ull

uint16_t sel4rt_pit_count_for(uint64_t span_ns)
{
    /* beyond this the count is clamped anyway; it also keeps the product
     * below 2^64 */
    const uint64_t longest_ns = 60000000ull;
    if (span_ns >= longest_ns) {
        return SEL4RT_PIT_MAX_COUNT;
    }
    uint64_t ticks = (span_ns * SEL4RT_PIT_HZ + NS_PER_SECOND - 1) / NS_PER_SECOND;
    if (ticks == 0) {
        return 1;
    }
    return ticks > SEL4RT_PIT_MAX_COUNT ? SEL4RT_PIT_MAX_COUNT : (uint16_t)ticks;
}

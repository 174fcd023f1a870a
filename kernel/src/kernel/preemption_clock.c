/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * When a long kernel operation (revoke, deleting a big CNode, clearing an
 * untyped) should stop and let the caller restart it. seL4 stops when an
 * interrupt is pending; interrupts are off inside devkernel, and the one
 * that matters is the timer tick, so devkernel stops once a tick's time has
 * passed since the invocation began, measured with the TSC. That bounds a
 * kernel entry by about one tick, as in seL4.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <kernel/delete.h>

static uint64_t started;

void preemption_clock_start(void)
{
    started = rdtsc();
}

bool preemption_due(void)
{
    uint64_t mhz = tsc_mhz();
    /* Without a known TSC rate, stop at every check: bounded, only slower. */
    if (mhz == 0) {
        return true;
    }
    return rdtsc() - started >= mhz * 1000 * CONFIG_TIMER_TICK_MS;
}

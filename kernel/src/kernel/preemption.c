/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The work-unit count behind preemption points (include/kernel/preemption.h).
 * Asking the local APIC is a device read, so it is done only once per
 * CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION units, not at every step. The
 * count is never reset at a system call boundary: units left over from one
 * operation count towards the next check of the following one, as in seL4.
 * Nothing here measures time; the timer bounds a kernel entry only by
 * raising its interrupt.
 */
#include <arch/x86_64/machine.h>
#include <kernel/preemption.h>

/* Units done since the interrupt controller was last asked. */
static unsigned work_units_completed;

exception_t preemption_point(void)
{
    work_units_completed++;
    if (work_units_completed < CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION) {
        return EXCEPTION_NONE;
    }
    work_units_completed = 0;
    return arch_interrupt_pending() ? EXCEPTION_PREEMPTED : EXCEPTION_NONE;
}

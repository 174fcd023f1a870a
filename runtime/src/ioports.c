/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The runtime's I/O port capabilities, issued from seL4_CapIOPortControl at
 * start-up: COM1 for the console, QEMU's isa-debug-exit device for the exit
 * status and the CMOS real-time clock for the wall clock. Any may be missing (a kernel that refuses, a full CNode);
 * the users of these capabilities then fall back as they document.
 */
#include "internal.h"

#define COM1_FIRST 0x3f8
#define COM1_LAST 0x3ff
#define DEBUG_EXIT_FIRST 0xf4
#define DEBUG_EXIT_LAST 0xf7
#define CMOS_FIRST 0x70
#define CMOS_LAST 0x71

static seL4_CPtr serial_cap;
static seL4_CPtr exit_cap;
static seL4_CPtr rtc_cap;

static seL4_CPtr issue(seL4_Word first, seL4_Word last)
{
    seL4_CPtr slot = sel4rt_bootinfo_take_top_slot();
    if (slot == seL4_CapNull) {
        return seL4_CapNull;
    }
    seL4_Error error = seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, first, last,
                                                    seL4_CapInitThreadCNode, slot,
                                                    seL4_WordBits);
    return error == seL4_NoError ? slot : seL4_CapNull;
}

void sel4rt_ioports_init(void)
{
    serial_cap = issue(COM1_FIRST, COM1_LAST);
    exit_cap = issue(DEBUG_EXIT_FIRST, DEBUG_EXIT_LAST);
    rtc_cap = issue(CMOS_FIRST, CMOS_LAST);
}

seL4_CPtr sel4rt_ioports_rtc(void)
{
    return rtc_cap;
}

void sel4rt_ioports_release_rtc(void)
{
    /* The clock is read once; deleting the capability frees its ports for the
     * program (a driver of its own, an RTC interrupt) as if the runtime had
     * never taken them. */
    if (rtc_cap != seL4_CapNull) {
        seL4_CNode_Delete(seL4_CapInitThreadCNode, rtc_cap, seL4_WordBits);
        rtc_cap = seL4_CapNull;
    }
}

seL4_CPtr sel4rt_ioports_serial(void)
{
    return serial_cap;
}

seL4_CPtr sel4rt_ioports_exit(void)
{
    return exit_cap;
}

seL4_CPtr sel4runtime_serial_port(void)
{
    return serial_cap;
}

seL4_CPtr sel4runtime_exit_port(void)
{
    return exit_cap;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The PIT's channel 0 in mode 0, "interrupt on terminal count": writing
 * the mode drives the output low and stops counting; writing the count
 * (low byte, high byte) starts it, and the output rises, once, when the
 * count runs out. That rising edge is the interrupt. The kernels used the
 * PIT only to measure the TSC at boot, so the runtime may take it.
 */
#include "internal.h"
#include "timer_pit.h"

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
/* channel 0, low byte then high byte, mode 0, binary */
#define PIT_ONE_SHOT_MODE 0x30

static seL4_CPtr ports;

bool sel4rt_pit_claim(seL4_CPtr slot)
{
    if (slot == seL4_CapNull ||
        seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, PIT_CHANNEL0, PIT_COMMAND,
                                     seL4_CapInitThreadCNode, slot, seL4_WordBits) != seL4_NoError) {
        return false;
    }
    ports = slot;
    sel4rt_pit_stop();
    return true;
}

void sel4rt_pit_release(void)
{
    if (ports != seL4_CapNull) {
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, ports, seL4_WordBits);
        ports = seL4_CapNull;
    }
}

void sel4rt_pit_start_one_shot(uint16_t count)
{
    /* the mode first: it also restarts a count already running */
    (void)seL4_X86_IOPort_Out8(ports, PIT_COMMAND, PIT_ONE_SHOT_MODE);
    (void)seL4_X86_IOPort_Out8(ports, PIT_CHANNEL0, count & 0xffu);
    (void)seL4_X86_IOPort_Out8(ports, PIT_CHANNEL0, count >> 8);
}

void sel4rt_pit_stop(void)
{
    (void)seL4_X86_IOPort_Out8(ports, PIT_COMMAND, PIT_ONE_SHOT_MODE);
}

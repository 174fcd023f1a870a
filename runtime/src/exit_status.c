/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Exit status to isa-debug-exit port value (see exit_status.h).
 */
#include "exit_status.h"

uint32_t sel4rt_exit_status_port_value(int status)
{
    uint32_t value = (uint32_t)status & 0xffu;
    return value > 127u ? 127u : value;
}

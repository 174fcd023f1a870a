/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * How an exit status becomes the value written to QEMU's isa-debug-exit
 * port. QEMU exits with (value << 1) | 1 and a host process status has 8
 * bits, so only 0..127 survive the trip; the runner maps an odd QEMU status
 * s back to s >> 1. Pure, tested on the host.
 */
#ifndef SEL4RUNTIME_EXIT_STATUS_H
#define SEL4RUNTIME_EXIT_STATUS_H

#include <stdint.h>

/* The status abort() reports, as a shell shows a SIGABRT death (128 + 6);
 * the port mapping clamps it to 127. */
#define EXIT_STATUS_ABORT 134

/* status & 0xff, clamped to 127 when larger: 0 -> 0, 101 -> 101, -1 -> 127. */
uint32_t sel4rt_exit_status_port_value(int status);

#endif

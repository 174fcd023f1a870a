/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * x86 I/O ports: the IOPortControl cap issues IOPort caps for ranges no other
 * cap has (a 64 Ki-bit map of issued ports), and an IOPort cap reads and
 * writes ports inside its range.
 */
#ifndef OBJECT_IOPORT_H
#define OBJECT_IOPORT_H

#include <kernel/lookup.h>
#include <object/cap.h>

exception_t decode_io_port_control_invocation(uint64_t label, uint64_t length, struct cte *slot, uint64_t *buffer);
exception_t decode_io_port_invocation(uint64_t label, uint64_t length, struct cap cap, bool call, uint64_t *buffer);

#endif /* OBJECT_IOPORT_H */

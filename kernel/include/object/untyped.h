/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Untyped memory: Untyped_Retype, which makes new objects (zeroed) and caps
 * to them in a window of empty CNode slots, children of the untyped in the
 * derivation tree. The untyped's free index is a watermark: objects are cut
 * from it upwards, each aligned to its size, and it goes back to 0 when a
 * retype finds the untyped without children.
 */
#ifndef OBJECT_UNTYPED_H
#define OBJECT_UNTYPED_H

#include <kernel/lookup.h>
#include <object/cap.h>

exception_t decode_untyped_invocation(uint64_t label, uint64_t length, uint64_t cptr, struct cte *slot,
                                      struct cap cap, uint64_t *buffer);

#endif /* OBJECT_UNTYPED_H */

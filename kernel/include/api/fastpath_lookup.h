/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The fastpath's CSpace walk: the slot a cptr names, found as
 * resolve_address_bits finds it over 64 bits, in few instructions and
 * without the failure reports (a failed walk sends the fastpath's caller to
 * the general path, which walks again and reports). Pure: no hardware
 * access, so the host tests check it against resolve_address_bits.
 */
#ifndef API_FASTPATH_LOOKUP_H
#define API_FASTPATH_LOOKUP_H

#include <kernel/cspace.h>

/* One level of the walk lookup_slot makes: whether the CNode cap node
   resolves the next of the `bits` bits left at the top of `rest`, into
   *slot. False where the general walk would fail: the general path then
   walks again and reports the failure. */
static inline bool fastpath_resolve_level(struct cap node, uint64_t rest, uint64_t bits, struct cte **slot,
                                 unsigned *level)
{
    if (cap_type(node) != cap_cnode_cap) {
        return false;
    }
    unsigned radix = cap_cnode_radix(node);
    uint64_t guard = cap_cnode_guard(node);
    *level = radix + cap_cnode_guard_size(node);
    /* Guard and radix bits must all be there (this also refuses a level of
       0 bits, which the general walk rejects too). */
    if (*level - 1 >= bits) {
        return false;
    }
    uint64_t index = rest >> (64 - *level); /* guard, then radix bits */
    if ((index >> radix) != guard) {
        return false;
    }
    *slot = cnode_slots(node) + (index ^ (guard << radix)); /* the radix bits */
    return true;
}

/* The levels below the root CNode, for a cptr the root does not resolve
   whole (rare: out of line, so the common case keeps its registers). */
static __attribute__((noinline)) bool fastpath_lookup_below_root(uint64_t cptr, uint64_t bits, struct cte **slot)
{
    for (;;) {
        unsigned level;
        uint64_t rest = cptr << (64 - bits);
        if (!fastpath_resolve_level((*slot)->cap, rest, bits, slot, &level)) {
            return false;
        }
        bits -= level;
        if (bits == 0 || cap_type((*slot)->cap) != cap_cnode_cap) {
            return true;
        }
    }
}

/* Whether cptr names a slot in the CSpace with root cap `root` by the walk
   lookup_slot makes (resolve_address_bits over 64 bits), leaving it in
   *slot. */
static inline bool lookup_slot_fast(struct cap root, uint64_t cptr, struct cte **slot)
{
    unsigned level;
    if (!fastpath_resolve_level(root, cptr, 64, slot, &level)) {
        return false;
    }
    /* Most CSpaces resolve a cptr in their root CNode. */
    if (__builtin_expect(level == 64 || cap_type((*slot)->cap) != cap_cnode_cap, 1)) {
        return true;
    }
    return fastpath_lookup_below_root(cptr, 64 - level, slot);
}

#endif /* API_FASTPATH_LOOKUP_H */

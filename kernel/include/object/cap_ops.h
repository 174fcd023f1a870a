/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the kernel asks of any cap, whatever its type, as seL4 answers it:
 * which object and memory it names (sameRegionAs, sameObjectAs), the cap a
 * copy gets (deriveCap, maskCapRights, updateCapData), whether a derived cap
 * may be revoked, and the size of the object it names. Pure functions of
 * cap words: no hardware access, so the host tests run them directly.
 */
#ifndef OBJECT_CAP_OPS_H
#define OBJECT_CAP_OPS_H

#include <kernel/lookup.h>
#include <object/cap.h>

struct cte;

/* Whether the cap names memory (an object with an address and a size). */
bool cap_is_physical(struct cap c);
/* First byte and log2 size of the object a physical cap names. */
uint64_t cap_object_base(struct cap c);
unsigned cap_object_size_bits(struct cap c);

/* b names memory or an object inside what a names (seL4's sameRegionAs). */
bool same_region_as(struct cap a, struct cap b);
/* a and b name the same object, so deleting one is not final (sameObjectAs). */
bool same_object_as(struct cap a, struct cap b);
/* A cap derived from src this way may have children that revoking it removes. */
bool is_cap_revocable(struct cap derived, struct cap src);

/* The rights word of CNode_Copy/Mint applied to a cap (maskCapRights). */
struct cap mask_cap_rights(uint64_t rights_word, struct cap c);
/* Mint/Mutate data applied: a badge or CNode guard; the null cap when the
   data cannot apply (updateCapData; preserve is true for Mutate/Rotate). */
struct cap update_cap_data(bool preserve, uint64_t data, struct cap c);
/* The cap a copy of slot's cap gets (deriveCap): the null cap for caps that
   cannot be copied, RevokeFirst for an untyped with children, the vspace
   rules for paging structures. */
exception_t derive_cap(struct cte *slot, struct cap c, struct cap *derived);

/* A short name of a cap type for diagnostics ("endpoint", "cnode"). */
const char *cap_type_name(unsigned type);

#endif /* OBJECT_CAP_OPS_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Virtual memory objects: frames (4 KiB, 2 MiB, 1 GiB), the paging
 * structures (PML4, PDPT, page directory, page table), ASID control and
 * ASID pools. Their invocations (one file each under object/), and what
 * the rest of the kernel does with their caps: copy (derive), mask rights,
 * compare, and finalise on deletion (object/vspace_caps.c).
 *
 * Cap fields used here (layouts in cap.h): a frame's mapping is its ASID
 * (0: unmapped) and virtual address; a paging structure has a mapped bit,
 * and when mapped the ASID and the (aligned) address it covers; a PML4 is
 * "mapped" once it has an ASID; an ASID pool keeps its first ASID in the
 * ASID field.
 */
#ifndef OBJECT_VSPACE_H
#define OBJECT_VSPACE_H

#include <kernel/lookup.h>
#include <object/cap.h>

struct cte;

/* Mapping fields shared by frame, paging structure and ASID pool caps. */
static inline uint64_t cap_mapped_asid(struct cap c) { return c.w1 >> 48; }
static inline uint64_t cap_mapped_vaddr(struct cap c) { return c.w1 & CAP_PADDR_MASK; }
static inline bool cap_table_is_mapped(struct cap c) { return (c.w0 >> 58) & 1; }
static inline struct cap cap_set_mapping(struct cap c, uint64_t asid, uint64_t vaddr)
{
    c.w1 = (asid << 48) | (vaddr & CAP_PADDR_MASK);
    return c;
}
static inline struct cap cap_table_set_mapped(struct cap c, bool mapped)
{
    c.w0 = (c.w0 & ~(1ull << 58)) | ((uint64_t)mapped << 58);
    return c;
}
static inline struct cap cap_frame_set_rights(struct cap c, enum vm_rights rights)
{
    c.w0 = (c.w0 & ~(3ull << 54)) | ((uint64_t)rights << 54);
    return c;
}
/* An ASID pool cap: its memory and its first ASID. */
static inline struct cap cap_asid_pool(uint64_t pool_paddr, uint64_t asid_base)
{
    return cap_table(cap_asid_pool_cap, pool_paddr, false, asid_base, 0);
}
static inline uint64_t cap_asid_pool_base(struct cap c) { return cap_mapped_asid(c); }

/* A PML4 cap with an ASID (seL4's isValidNativeRoot). */
static inline bool is_valid_vspace_root(struct cap c)
{
    return cap_type(c) == cap_pml4_cap && cap_table_is_mapped(c);
}

/* Invocations. */
exception_t decode_frame_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap, bool call,
                                    uint64_t *buffer);
exception_t decode_page_table_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                         uint64_t *buffer);
exception_t decode_page_directory_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                             uint64_t *buffer);
exception_t decode_pdpt_invocation(uint64_t label, uint64_t length, struct cte *slot, struct cap cap,
                                   uint64_t *buffer);
exception_t decode_asid_control_invocation(uint64_t label, uint64_t length, uint64_t *buffer);
exception_t decode_asid_pool_invocation(uint64_t label, struct cap cap);

/* Shared by the Map decoders: the PML4 of a valid vspace cap must still be
   the one its ASID names (FailedLookup with an invalid root when the ASID
   names nothing, InvalidCapability 1 when it names another PML4). */
exception_t check_vspace_asid(uint64_t asid, uint64_t pml4);
/* A missing paging level found by a Map walk: FailedLookup, bits left. */
exception_t missing_paging_level(unsigned bits);

/* Whether a cap type is one of this file's (frame, paging structures, ASID caps). */
static inline bool is_vspace_cap_type(unsigned type)
{
    switch (type) {
    case cap_frame_cap:
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
    case cap_asid_control_cap:
    case cap_asid_pool_cap:
        return true;
    default:
        return false;
    }
}

/* Cap operations for the CNode and deletion code (seL4's Arch_* functions
   for these types). */
/* The cap a copy gets: a frame loses its mapping; an unmapped PT/PD/PDPT or a
   PML4 without ASID cannot be copied (IllegalOperation). */
exception_t vspace_derive_cap(struct cap cap, struct cap *derived);
/* A frame cap's VM rights limited by a rights word; other caps unchanged. */
struct cap vspace_mask_cap_rights(uint64_t rights_word, struct cap cap);
/* seL4's sameRegionAs / sameObjectAs for these types (a is one of them). */
bool vspace_same_region_as(struct cap a, struct cap b);
bool vspace_same_object_as(struct cap a, struct cap b);
/* Deletion of a cap of these types: a frame cap is unmapped; the last cap
   of a paging structure unmaps it; the last cap of a PML4 frees its ASID;
   the last cap of an ASID pool frees the pool and all its ASIDs. */
void vspace_finalise_cap(struct cap cap, bool final);

#endif /* OBJECT_VSPACE_H */

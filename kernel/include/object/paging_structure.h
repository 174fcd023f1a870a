/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What page tables, page directories and PDPTs have in common: each is a
 * paging structure that Map puts into one slot of the level above it in a
 * VSpace and Unmap takes out again. Their Map and Unmap check the same
 * things in the same order and differ only in the level, which each object
 * file (page_table.c, page_directory.c, pdpt.c) describes with a struct
 * paging_structure_level; object/paging_structure.c decodes and performs
 * both methods for any level.
 */
#ifndef OBJECT_PAGING_STRUCTURE_H
#define OBJECT_PAGING_STRUCTURE_H

#include <stdint.h>

#include <arch/x86_64/paging_entries.h>
#include <kernel/lookup.h>
#include <object/cap.h>

struct cte;

/* One level of paging structure, as its Map and Unmap see it. */
struct paging_structure_level {
    uint64_t map_label, unmap_label; /* its two invocation labels */
    unsigned reach_shift;            /* address bits one structure covers (PT 21, PD 30, PDPT 39) */
    unsigned size_bits;              /* its size, cleared when it is unmapped */
    /* The slot of the level above for vaddr in the space rooted at pml4;
       slot NULL, with the bits left in missing_bits, when a level is missing. */
    struct paging_slot (*lookup_parent_slot)(uint64_t pml4, uint64_t vaddr);
    /* Takes a structure at paddr out of the space that asid names (arch/x86_64/vspace.c). */
    void (*unmap)(uint64_t asid, uint64_t vaddr, uint64_t paddr);
    /* seL4's debug message for each refusal, kept letter for letter: seL4
       spells the object differently from one message to the next. */
    struct {
        const char *not_final_cap;  /* Unmap through a cap that is not the last one */
        const char *illegal;        /* a label other than Map or Unmap */
        const char *truncated;      /* Map without two words and a VSpace cap */
        const char *already_mapped; /* Map of a structure that is mapped */
        const char *too_high;       /* Map above USER_TOP */
    } says;
};

/* Map or Unmap on a cap to a paging structure of this level. */
exception_t decode_paging_structure_invocation(const struct paging_structure_level *level, uint64_t label,
                                               uint64_t length, struct cte *slot, struct cap cap,
                                               uint64_t *buffer);

#endif /* OBJECT_PAGING_STRUCTURE_H */

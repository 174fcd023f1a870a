/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * ASIDs (address space identifiers): the name by which caps of frames and
 * paging structures refer to the address space they are mapped into, so a
 * deleted space cannot be reached through a stale cap. An ASID is 12 bits:
 * the top 3 pick one of 8 ASID pools in the kernel's ASID table, the low 9
 * an entry of that pool. A pool is a 4 KiB object of 512 entries, each the
 * physical address of a PML4 (with bit 0 set) or 0. ASID 0 is never handed
 * out; the root task's PML4 has ASID 1 in the initial pool (base 0).
 */
#ifndef OBJECT_ASID_H
#define OBJECT_ASID_H

#include <stdbool.h>
#include <stdint.h>

#include <generated/sel4_api.h>

#define ASID_LOW_BITS seL4_ASIDPoolIndexBits
#define ASID_POOL_ENTRIES (1u << ASID_LOW_BITS)
#define N_ASID_POOLS (1u << seL4_NumASIDPoolsBits)
#define ASID_INVALID 0
#define ASID_ENTRY_VALID 1ull

static inline unsigned asid_high(uint64_t asid) { return (unsigned)(asid >> ASID_LOW_BITS) & (N_ASID_POOLS - 1); }
static inline unsigned asid_low(uint64_t asid) { return (unsigned)asid & (ASID_POOL_ENTRIES - 1); }

/* The first unused pool index, or N_ASID_POOLS when all 8 are in use. */
static inline unsigned asid_table_first_free(const uint64_t table[N_ASID_POOLS])
{
    unsigned i = 0;
    while (i < N_ASID_POOLS && table[i] != 0) {
        i++;
    }
    return i;
}

/* The index of the first free entry of a pool whose first ASID is base
   (never the one for ASID 0), or ASID_POOL_ENTRIES when the pool is full. */
static inline unsigned asid_pool_first_free(const uint64_t entries[ASID_POOL_ENTRIES], uint64_t base)
{
    unsigned i = 0;
    while (i < ASID_POOL_ENTRIES && (base + i == 0 || entries[i] != 0)) {
        i++;
    }
    return i;
}

/* Physical addresses of the 8 pools (0: none), indexed by asid_high. */
extern uint64_t asid_table[N_ASID_POOLS];

/* The PML4 that asid names, or 0 (seL4's findVSpaceForASID; the caller
   reports an invalid-root lookup failure for 0). */
uint64_t find_vspace_for_asid(uint64_t asid);

/* Boot: the root task's pool at pool_paddr becomes pool 0 and names pml4 with asid. */
void asid_boot_init(uint64_t pool_paddr, uint64_t asid, uint64_t pml4_paddr);

/* Finalisation (seL4's deleteASID / deleteASIDPool): forget the ASID of a
   PML4 being deleted, or a whole pool; the current thread's space is
   reloaded if it was one of them. */
void delete_asid(uint64_t asid, uint64_t pml4_paddr);
void delete_asid_pool(uint64_t asid_base, uint64_t pool_paddr);

#endif /* OBJECT_ASID_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The hardware-free half of user address spaces: how seL4 builds x86_64
 * paging entries from a physical address, VM attributes (PWT, PCD, PAT)
 * and VM rights, how a cap's rights word masks VM rights, the address
 * checks of the Map invocations, and the walks that find the slot of each
 * paging level for a virtual address. A walk reaches tables only through
 * paging_table(), so the host tests can run it over ordinary memory.
 */
#ifndef ARCH_X86_64_PAGING_ENTRIES_H
#define ARCH_X86_64_PAGING_ENTRIES_H

#include <stdbool.h>
#include <stdint.h>

#include <object/cap.h>

/* Entry bits (Intel SDM vol. 3, 4-level paging). */
#define PTE_PRESENT 0x1ull
#define PTE_WRITE 0x2ull
#define PTE_USER 0x4ull
#define PTE_PWT 0x8ull
#define PTE_PCD 0x10ull
#define PTE_HUGE 0x80ull      /* PS: a 2 MiB (PD) or 1 GiB (PDPT) page */
#define PTE_PAT_4K 0x80ull    /* PAT bit of a 4 KiB page entry */
#define PTE_PAT_LARGE 0x1000ull /* PAT bit of a 2 MiB or 1 GiB page entry */
#define PTE_ADDR_MASK 0x000ffffffffff000ull

/* Bits of the virtual address each level resolves; a missing level is
   reported as a missing capability with this many bits left. */
#define PML4_SHIFT 39
#define PDPT_SHIFT 30
#define PD_SHIFT 21
#define PT_SHIFT 12

/* Highest user virtual address, inclusive (seL4's USER_TOP). */
#define VSPACE_USER_TOP 0x7fffffffffffull

/* seL4_X86_VMAttributes bits (the "attr" argument of every Map). */
#define VM_ATTR_PWT 0x1ull
#define VM_ATTR_PCD 0x2ull
#define VM_ATTR_PAT 0x4ull

/* seL4_CapRights_t bits (the rights word of X86PageMap and CNode Mint/Copy). */
#define CAP_RIGHT_WRITE 0x1ull
#define CAP_RIGHT_READ 0x2ull

static inline unsigned pt_index(uint64_t vaddr, unsigned shift)
{
    return (vaddr >> shift) & 511;
}

static inline bool pte_present(uint64_t e)
{
    return (e & PTE_PRESENT) != 0;
}

/* A present entry that points to a next-level table (not a large page). */
static inline bool pte_is_table(uint64_t e)
{
    return (e & (PTE_PRESENT | PTE_HUGE)) == PTE_PRESENT;
}

/* The address of the table or 4 KiB page an entry points to. */
static inline uint64_t pte_address(uint64_t e)
{
    return e & PTE_ADDR_MASK;
}

/* The address of the frame a page entry maps at the level that resolves
   shift bits (bit 12 of a 2 MiB or 1 GiB entry is PAT, not address). */
static inline uint64_t pte_frame_address(uint64_t e, unsigned shift)
{
    return e & PTE_ADDR_MASK & ~((1ull << shift) - 1);
}

/* The VM rights a mapping gets: the frame cap's rights as limited by the
   rights word (seL4's maskVMRights). Write without read gives kernel-only. */
enum vm_rights mask_vm_rights(enum vm_rights rights, uint64_t rights_word);
/* Whether that masking asks for a write-only mapping (which seL4 reports, then makes kernel-only). */
bool is_write_only_request(enum vm_rights rights, uint64_t rights_word);

/* Entries for a user frame (4 KiB in a PT, 2 MiB in a PD, 1 GiB in a PDPT). seL4 sets
   no PAT bit in 1 GiB entries, so neither does this. */
uint64_t make_user_pte(uint64_t paddr, uint64_t attr, enum vm_rights rights);
uint64_t make_user_pde_large(uint64_t paddr, uint64_t attr, enum vm_rights rights);
uint64_t make_user_pdpte_huge(uint64_t paddr, uint64_t attr, enum vm_rights rights);
/* An entry that points to a next-level table (PML4, PDPT or PD entry): user, writable, PWT/PCD from attr. */
uint64_t make_user_table_entry(uint64_t table_paddr, uint64_t attr);

/* Whether vaddr is aligned for a frame of this size (seL4's checkVPAlignment). */
bool frame_vaddr_aligned(enum frame_size size, uint64_t vaddr);
/* Whether a new frame mapping at vaddr stays within user space: vaddr and
   vaddr + size must not pass USER_TOP (with wrap-around caught). */
bool frame_range_in_user_space(enum frame_size size, uint64_t vaddr);
/* The address a paging structure covering vaddr is recorded at: vaddr with
   the bits below the structure's reach cleared (PT 21, PD 30, PDPT 39). */
static inline uint64_t table_base_address(uint64_t vaddr, unsigned reach_shift)
{
    return vaddr & ~((1ull << reach_shift) - 1);
}

/* The kernel address of the paging structure at physical address paddr
   (the PPTR window in the kernel; ordinary memory in host tests). */
uint64_t *paging_table(uint64_t paddr);

/* A slot found by a walk: slot is NULL when a level is missing, and then
   missing_bits says which (39 no PDPT, 30 no PD, 21 no PT). */
struct paging_slot {
    uint64_t *slot;
    unsigned missing_bits;
};

/* The slot of each level for vaddr in the address space rooted at pml4.
   Walks below the PML4 never enter the kernel's half (vaddr > USER_TOP
   reports a missing PDPT). */
uint64_t *lookup_pml4_slot(uint64_t pml4, uint64_t vaddr);
struct paging_slot lookup_pdpt_slot(uint64_t pml4, uint64_t vaddr);
struct paging_slot lookup_pd_slot(uint64_t pml4, uint64_t vaddr);
struct paging_slot lookup_pt_slot(uint64_t pml4, uint64_t vaddr);

#endif /* ARCH_X86_64_PAGING_ENTRIES_H */

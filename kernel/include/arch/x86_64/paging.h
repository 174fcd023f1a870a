/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * x86_64 4-level page tables: entry bits, index helpers, and the few
 * operations boot and fault reporting need. Every user PML4 shares the
 * kernel's top entry (PML4[511]) and nothing else.
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <stdint.h>

#define PTE_PRESENT 0x1ull
#define PTE_WRITE 0x2ull
#define PTE_USER 0x4ull
#define PTE_HUGE 0x80ull
#define PTE_ADDR_MASK 0x000ffffffffff000ull
#define PTE_USER_TABLE (PTE_PRESENT | PTE_WRITE | PTE_USER)
#define PTE_USER_RWX_PAGE (PTE_PRESENT | PTE_WRITE | PTE_USER)

/* Bits of the virtual address each level resolves. */
#define PML4_SHIFT 39
#define PDPT_SHIFT 30
#define PD_SHIFT 21
#define PT_SHIFT 12

static inline unsigned pt_index(uint64_t vaddr, unsigned shift)
{
    return (vaddr >> shift) & 511;
}

/* Copies the kernel's half into a fresh, zeroed PML4 at pml4_paddr. */
void vspace_init_user_pml4(uint64_t pml4_paddr);

/* Points entry index of the table at table_paddr to next_paddr with flags. */
void vspace_set_entry(uint64_t table_paddr, unsigned index, uint64_t next_paddr, uint64_t flags);

/* Physical address vaddr maps to in the space rooted at pml4_paddr, or ~0 if unmapped. */
uint64_t vspace_translate(uint64_t pml4_paddr, uint64_t vaddr);

#endif /* ARCH_X86_64_PAGING_H */

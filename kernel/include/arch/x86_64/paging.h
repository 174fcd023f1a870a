/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * x86_64 4-level page tables as the kernel drives them: building the root
 * task's space at boot, new PML4s (which share the kernel's half), the ASID
 * that names each user space, unmapping at every level with the TLB kept
 * right, and address translation for reading a user stack in fault
 * reports. Entry contents and walks are in paging_entries.h.
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include <stdint.h>

#include <arch/x86_64/paging_entries.h>

struct tcb;

#define PTE_USER_TABLE (PTE_PRESENT | PTE_WRITE | PTE_USER)
#define PTE_USER_RWX_PAGE (PTE_PRESENT | PTE_WRITE | PTE_USER)

/* Makes the 4 KiB at pml4_paddr a PML4 with the kernel's mappings and an
   empty user half (seL4's copyGlobalMappings). Untyped_Retype calls it for
   every new PML4; boot calls it for the root task's. */
void vspace_init_pml4(uint64_t pml4_paddr);
/* The same, under its older name. */
void vspace_init_user_pml4(uint64_t pml4_paddr);

/* Points entry index of the table at table_paddr to next_paddr with flags. */
void vspace_set_entry(uint64_t table_paddr, unsigned index, uint64_t next_paddr, uint64_t flags);

/* Physical address vaddr maps to in the space rooted at pml4_paddr, or ~0 if unmapped. */
uint64_t vspace_translate(uint64_t pml4_paddr, uint64_t vaddr);

/* The PML4 thread t runs in: its VSpace root when that is a PML4 cap whose
   ASID still names it, else the kernel's own (seL4's setVMRoot). */
uint64_t vspace_root_of(const struct tcb *t);
/* Loads the address space of thread t into CR3 if it is not loaded. */
void set_vm_root(struct tcb *t);

/* Removes a frame mapping / a table from the space that ASID names, if the
   slot still refers to it; flushes the TLB as needed. Quietly does nothing
   when the ASID or the mapping is gone (seL4's unmapPage, unmapPageTable,
   unmapPageDirectory, unmapPDPT). */
void unmap_page(enum frame_size size, uint64_t asid, uint64_t vaddr, uint64_t frame_paddr);
void unmap_page_table(uint64_t asid, uint64_t vaddr, uint64_t pt_paddr);
void unmap_page_directory(uint64_t asid, uint64_t vaddr, uint64_t pd_paddr);
void unmap_pdpt(uint64_t asid, uint64_t vaddr, uint64_t pdpt_paddr);

/* TLB maintenance for the space rooted at pml4 after an entry changed:
   one page, or everything (after a table went away). Only the loaded
   space can hold stale entries (no PCIDs: a CR3 load flushes them all). */
void flush_page(uint64_t pml4, uint64_t vaddr);
void flush_space(uint64_t pml4);

#endif /* ARCH_X86_64_PAGING_H */

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Address spaces: the kernel's own (the boot PML4 without its identity
 * map), user PML4s that share the kernel's top entry, table edits, and
 * address translation for reading a user stack in fault reports. Paging
 * structures are reached through the PPTR window.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <arch/x86_64/paging.h>
#include <kernel/string.h>
#include <memlayout.h>

extern uint64_t boot_pml4[512];

uint64_t kernel_pml4_paddr(void)
{
    return (uint64_t)(uintptr_t)boot_pml4; /* .boot is linked at its physical address */
}

void vspace_init_kernel(void)
{
    uint64_t *pml4 = kva(kernel_pml4_paddr());
    /* The identity map served only the switch to the higher half. */
    pml4[0] = 0;
    write_cr3(kernel_pml4_paddr());
}

void vspace_init_user_pml4(uint64_t pml4_paddr)
{
    uint64_t *pml4 = kva(pml4_paddr);
    const uint64_t *kernel = kva(kernel_pml4_paddr());
    memset(pml4, 0, 4096);
    pml4[511] = kernel[511];
}

void vspace_set_entry(uint64_t table_paddr, unsigned index, uint64_t next_paddr, uint64_t flags)
{
    uint64_t *table = kva(table_paddr);
    table[index & 511] = (next_paddr & PTE_ADDR_MASK) | flags;
}

uint64_t vspace_translate(uint64_t pml4_paddr, uint64_t vaddr)
{
    if (vaddr > USER_TOP) {
        return ~0ull;
    }
    uint64_t table = pml4_paddr;
    static const unsigned shifts[4] = {PML4_SHIFT, PDPT_SHIFT, PD_SHIFT, PT_SHIFT};
    for (int level = 0; level < 4; level++) {
        uint64_t entry = ((uint64_t *)kva(table))[pt_index(vaddr, shifts[level])];
        if (!(entry & PTE_PRESENT)) {
            return ~0ull;
        }
        uint64_t frame = entry & PTE_ADDR_MASK;
        if (level == 3 || ((entry & PTE_HUGE) && level > 0)) {
            uint64_t page_mask = (1ull << shifts[level]) - 1;
            return (frame & ~page_mask) | (vaddr & page_mask);
        }
        table = frame;
    }
    return ~0ull;
}

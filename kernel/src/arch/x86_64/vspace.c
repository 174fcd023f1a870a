/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Address spaces on the CPU: the kernel's own (the boot PML4 without its
 * identity map), new PML4s (vspace_init_pml4, which Untyped_Retype calls
 * for every PML4 it makes), choosing the PML4 a thread runs in, removing
 * mappings at every level with the TLB flushed, and address translation
 * for reading a user stack in fault reports. Paging structures are reached
 * through the PPTR window.
 */
#include <arch/x86_64/cpu.h>
#include <arch/x86_64/machine.h>
#include <arch/x86_64/paging.h>
#include <kernel/string.h>
#include <kernel/thread.h>
#include <memlayout.h>
#include <object/asid.h>
#include <object/vspace.h>

extern uint64_t boot_pml4[512];

#define MSR_PAT 0x277
/* PAT entries as seL4 sets them: 0 write-back, 1 write-through, 2 uncached
   (UC-), 3 uncacheable, 4 write-combining; 5-7 keep the reset values. So
   attribute bits PAT:PCD:PWT pick exactly the type the ABI names. */
#define PAT_VALUE 0x0007040100070406ull
#define CPUID_1_EDX_PAT (1u << 16)

/* The first PML4 entry of the kernel's half; every PML4 shares 256..511. */
#define KERNEL_PML4_FIRST 256

uint64_t kernel_pml4_paddr(void)
{
    return (uint64_t)(uintptr_t)boot_pml4; /* .boot is linked at its physical address */
}

uint64_t *paging_table(uint64_t paddr)
{
    return kva(paddr);
}

void vspace_init_kernel(void)
{
    uint64_t *pml4 = kva(kernel_pml4_paddr());
    /* The identity map served only the switch to the higher half. */
    pml4[0] = 0;
    if (cpuid(1, 0).edx & CPUID_1_EDX_PAT) {
        wrmsr(MSR_PAT, PAT_VALUE);
    }
    write_cr3(kernel_pml4_paddr());
}

void vspace_init_pml4(uint64_t pml4_paddr)
{
    uint64_t *pml4 = kva(pml4_paddr);
    const uint64_t *kernel = kva(kernel_pml4_paddr());
    memset(pml4, 0, KERNEL_PML4_FIRST * sizeof(uint64_t));
    for (unsigned i = KERNEL_PML4_FIRST; i < 512; i++) {
        pml4[i] = kernel[i];
    }
}

void vspace_init_user_pml4(uint64_t pml4_paddr)
{
    vspace_init_pml4(pml4_paddr);
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

uint64_t vspace_root_of(const struct tcb *t)
{
    struct cap root = t->slots[TCB_VTABLE].cap;
    if (!is_valid_vspace_root(root)) {
        return kernel_pml4_paddr();
    }
    uint64_t pml4 = cap_table_paddr(root);
    if (find_vspace_for_asid(cap_mapped_asid(root)) != pml4) {
        return kernel_pml4_paddr();
    }
    return pml4;
}

void set_vm_root(struct tcb *t)
{
    uint64_t pml4 = t ? vspace_root_of(t) : kernel_pml4_paddr();
    if (read_cr3() != pml4) {
        write_cr3(pml4);
    }
}

void flush_page(uint64_t pml4, uint64_t vaddr)
{
    if (read_cr3() == pml4) {
        __asm__ volatile("invlpg (%0)" : : "r"(vaddr) : "memory");
    }
}

void flush_space(uint64_t pml4)
{
    uint64_t cr3 = read_cr3();
    if (cr3 == pml4) {
        write_cr3(cr3);
    }
}

void unmap_page(enum frame_size size, uint64_t asid, uint64_t vaddr, uint64_t frame_paddr)
{
    uint64_t pml4 = find_vspace_for_asid(asid);
    if (!pml4) {
        return;
    }
    struct paging_slot s;
    switch (size) {
    case FRAME_4K:
        s = lookup_pt_slot(pml4, vaddr);
        break;
    case FRAME_2M:
        s = lookup_pd_slot(pml4, vaddr);
        break;
    default:
        s = lookup_pdpt_slot(pml4, vaddr);
        break;
    }
    unsigned shift = frame_size_bits(size);
    if (!s.slot) {
        return;
    }
    /* Only the frame's own mapping goes: the slot may hold another frame
       or a table by now. A 4 KiB entry has no PS bit (bit 7 is PAT there). */
    uint64_t entry = *s.slot;
    bool is_page = size == FRAME_4K ? pte_present(entry) : pte_present(entry) && (entry & PTE_HUGE);
    if (!is_page || pte_frame_address(entry, shift) != (frame_paddr & PTE_ADDR_MASK)) {
        return;
    }
    *s.slot = 0;
    flush_page(pml4, vaddr);
}

void unmap_page_table(uint64_t asid, uint64_t vaddr, uint64_t pt_paddr)
{
    uint64_t pml4 = find_vspace_for_asid(asid);
    if (!pml4) {
        return;
    }
    struct paging_slot s = lookup_pd_slot(pml4, vaddr);
    if (!s.slot || !pte_is_table(*s.slot) || pte_address(*s.slot) != pt_paddr) {
        return;
    }
    *s.slot = 0;
    flush_space(pml4);
}

void unmap_page_directory(uint64_t asid, uint64_t vaddr, uint64_t pd_paddr)
{
    uint64_t pml4 = find_vspace_for_asid(asid);
    if (!pml4) {
        return;
    }
    struct paging_slot s = lookup_pdpt_slot(pml4, vaddr);
    if (!s.slot || !pte_is_table(*s.slot) || pte_address(*s.slot) != pd_paddr) {
        return;
    }
    *s.slot = 0;
    flush_space(pml4);
}

void unmap_pdpt(uint64_t asid, uint64_t vaddr, uint64_t pdpt_paddr)
{
    uint64_t pml4 = find_vspace_for_asid(asid);
    if (!pml4) {
        return;
    }
    uint64_t *slot = lookup_pml4_slot(pml4, vaddr);
    if (vaddr > VSPACE_USER_TOP || !pte_present(*slot) || pte_address(*slot) != pdpt_paddr) {
        return;
    }
    *slot = 0;
    flush_space(pml4);
}

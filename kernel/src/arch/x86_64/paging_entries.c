/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Paging entries and walks for user address spaces, with no hardware
 * access (host-tested in tests/host/test_paging_entries.c). The entry
 * contents follow seL4's: user frames get the User bit unless kernel-only,
 * the Write bit unless read-only, PWT/PCD from the attributes and PAT for
 * 4 KiB and 2 MiB pages; entries that point to tables are always user and
 * writable, so only the frame entry decides the access.
 */
#include <arch/x86_64/paging_entries.h>

enum vm_rights mask_vm_rights(enum vm_rights rights, uint64_t rights_word)
{
    bool read = (rights_word & CAP_RIGHT_READ) != 0;
    bool write = (rights_word & CAP_RIGHT_WRITE) != 0;
    if (rights == VM_READ_ONLY && read) {
        return VM_READ_ONLY;
    }
    if (rights == VM_READ_WRITE && read) {
        return write ? VM_READ_WRITE : VM_READ_ONLY;
    }
    /* x86 cannot map a page write-only; like everything else left, it becomes kernel-only. */
    return VM_KERNEL_ONLY;
}

bool is_write_only_request(enum vm_rights rights, uint64_t rights_word)
{
    return rights == VM_READ_WRITE && !(rights_word & CAP_RIGHT_READ) && (rights_word & CAP_RIGHT_WRITE);
}

static uint64_t frame_access_bits(enum vm_rights rights)
{
    uint64_t bits = PTE_PRESENT;
    if (rights != VM_KERNEL_ONLY) {
        bits |= PTE_USER;
    }
    if (rights != VM_READ_ONLY) {
        bits |= PTE_WRITE;
    }
    return bits;
}

static uint64_t cache_bits(uint64_t attr)
{
    return ((attr & VM_ATTR_PWT) ? PTE_PWT : 0) | ((attr & VM_ATTR_PCD) ? PTE_PCD : 0);
}

uint64_t make_user_pte(uint64_t paddr, uint64_t attr, enum vm_rights rights)
{
    return (paddr & PTE_ADDR_MASK) | cache_bits(attr) | ((attr & VM_ATTR_PAT) ? PTE_PAT_4K : 0) |
           frame_access_bits(rights);
}

uint64_t make_user_pde_large(uint64_t paddr, uint64_t attr, enum vm_rights rights)
{
    uint64_t address = paddr & PTE_ADDR_MASK & ~((1ull << PD_SHIFT) - 1);
    return address | PTE_HUGE | cache_bits(attr) | ((attr & VM_ATTR_PAT) ? PTE_PAT_LARGE : 0) |
           frame_access_bits(rights);
}

uint64_t make_user_pdpte_huge(uint64_t paddr, uint64_t attr, enum vm_rights rights)
{
    uint64_t address = paddr & PTE_ADDR_MASK & ~((1ull << PDPT_SHIFT) - 1);
    return address | PTE_HUGE | cache_bits(attr) | frame_access_bits(rights);
}

uint64_t make_user_table_entry(uint64_t table_paddr, uint64_t attr)
{
    return (table_paddr & PTE_ADDR_MASK) | cache_bits(attr) | PTE_PRESENT | PTE_WRITE | PTE_USER;
}

bool frame_vaddr_aligned(enum frame_size size, uint64_t vaddr)
{
    return (vaddr & ((1ull << frame_size_bits(size)) - 1)) == 0;
}

bool frame_range_in_user_space(enum frame_size size, uint64_t vaddr)
{
    /* vtop wraps to a small number for vaddr near 2^64, but then vaddr itself is too high. */
    uint64_t vtop = vaddr + (1ull << frame_size_bits(size));
    return vaddr <= VSPACE_USER_TOP && vtop <= VSPACE_USER_TOP;
}

uint64_t *lookup_pml4_slot(uint64_t pml4, uint64_t vaddr)
{
    return paging_table(pml4) + pt_index(vaddr, PML4_SHIFT);
}

struct paging_slot lookup_pdpt_slot(uint64_t pml4, uint64_t vaddr)
{
    /* The kernel's half is shared by every PML4: no walk may hand out a slot
       in it, whatever a caller forgot to check. */
    if (vaddr > VSPACE_USER_TOP) {
        return (struct paging_slot){NULL, PML4_SHIFT};
    }
    uint64_t entry = *lookup_pml4_slot(pml4, vaddr);
    if (!pte_present(entry)) {
        return (struct paging_slot){NULL, PML4_SHIFT};
    }
    return (struct paging_slot){paging_table(pte_address(entry)) + pt_index(vaddr, PDPT_SHIFT), 0};
}

struct paging_slot lookup_pd_slot(uint64_t pml4, uint64_t vaddr)
{
    struct paging_slot pdpt = lookup_pdpt_slot(pml4, vaddr);
    if (!pdpt.slot) {
        return pdpt;
    }
    /* A 1 GiB page in the PDPT slot means there is no page directory. */
    if (!pte_is_table(*pdpt.slot)) {
        return (struct paging_slot){NULL, PDPT_SHIFT};
    }
    return (struct paging_slot){paging_table(pte_address(*pdpt.slot)) + pt_index(vaddr, PD_SHIFT), 0};
}

struct paging_slot lookup_pt_slot(uint64_t pml4, uint64_t vaddr)
{
    struct paging_slot pd = lookup_pd_slot(pml4, vaddr);
    if (!pd.slot) {
        return pd;
    }
    if (!pte_is_table(*pd.slot)) {
        return (struct paging_slot){NULL, PD_SHIFT};
    }
    return (struct paging_slot){paging_table(pte_address(*pd.slot)) + pt_index(vaddr, PT_SHIFT), 0};
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the rest of the kernel does with caps to virtual memory objects
 * (frames, PML4, PDPT, page directory, page table, ASID control and ASID
 * pool): copying (derive), masking a frame's rights, comparing two caps
 * for the derivation tree, and finalising a cap that is deleted; and two
 * checks every Map decoder shares.
 */
#include <arch/x86_64/paging.h>
#include <object/asid.h>
#include <object/vspace.h>

#include <api/invocation.h>

exception_t check_vspace_asid(uint64_t asid, uint64_t pml4)
{
    uint64_t found = find_vspace_for_asid(asid);
    if (!found) {
        current_lookup_fault = (struct lookup_fault){LOOKUP_INVALID_ROOT, 0, 0, 0};
        return failed_lookup(false);
    }
    if (found != pml4) {
        return invalid_capability(1);
    }
    return EXCEPTION_NONE;
}

exception_t missing_paging_level(unsigned bits)
{
    current_lookup_fault = lookup_fault_missing_capability(bits);
    return failed_lookup(false);
}

/* A paging structure cap can be copied only while it is mapped (a PML4: while it has an ASID). */
static exception_t derive_table(struct cap cap, struct cap *derived, const char *refusal)
{
    if (cap_table_is_mapped(cap)) {
        *derived = cap;
        return EXCEPTION_NONE;
    }
    user_error("%s", refusal);
    *derived = cap_null();
    return syscall_error(seL4_IllegalOperation);
}

exception_t vspace_derive_cap(struct cap cap, struct cap *derived)
{
    switch (cap_type(cap)) {
    case cap_frame_cap:
        /* A copy of a frame cap starts unmapped: each cap has its own mapping. */
        *derived = cap_set_mapping(cap, ASID_INVALID, 0);
        return EXCEPTION_NONE;
    case cap_page_table_cap:
        return derive_table(cap, derived, "Deriving an unmapped PT cap");
    case cap_page_directory_cap:
        return derive_table(cap, derived, "Deriving a PD cap without an assigned ASID");
    case cap_pdpt_cap:
        return derive_table(cap, derived, "Deriving an unmapped PTPD cap");
    case cap_pml4_cap:
        return derive_table(cap, derived, "Deriving a PML4 cap without an assigned ASID");
    default:
        *derived = cap;
        return EXCEPTION_NONE;
    }
}

struct cap vspace_mask_cap_rights(uint64_t rights_word, struct cap cap)
{
    if (cap_type(cap) != cap_frame_cap) {
        return cap;
    }
    if (is_write_only_request(cap_frame_rights(cap), rights_word)) {
        user_error("Attempted to make unsupported write only mapping");
    }
    return cap_frame_set_rights(cap, mask_vm_rights(cap_frame_rights(cap), rights_word));
}

bool vspace_same_region_as(struct cap a, struct cap b)
{
    unsigned type = cap_type(a);
    if (cap_type(b) != type) {
        return false;
    }
    switch (type) {
    case cap_frame_cap: {
        /* b's frame lies inside a's. */
        uint64_t bot_a = cap_frame_paddr(a), bot_b = cap_frame_paddr(b);
        uint64_t top_a = bot_a + ((1ull << frame_size_bits(cap_frame_size(a))) - 1);
        uint64_t top_b = bot_b + ((1ull << frame_size_bits(cap_frame_size(b))) - 1);
        return bot_a <= bot_b && top_a >= top_b && bot_b <= top_b;
    }
    case cap_page_table_cap:
    case cap_page_directory_cap:
    case cap_pdpt_cap:
    case cap_pml4_cap:
    case cap_asid_pool_cap:
        return cap_table_paddr(a) == cap_table_paddr(b);
    case cap_asid_control_cap:
        return true;
    default:
        return false;
    }
}

bool vspace_same_object_as(struct cap a, struct cap b)
{
    if (cap_type(a) == cap_frame_cap && cap_type(b) == cap_frame_cap) {
        return cap_frame_paddr(a) == cap_frame_paddr(b) && cap_frame_size(a) == cap_frame_size(b) &&
               cap_frame_is_device(a) == cap_frame_is_device(b);
    }
    return vspace_same_region_as(a, b);
}

void vspace_finalise_cap(struct cap cap, bool final)
{
    switch (cap_type(cap)) {
    case cap_frame_cap:
        /* Every frame cap has its own mapping, so each one is unmapped, final or not. */
        if (cap_mapped_asid(cap) != ASID_INVALID) {
            unmap_page(cap_frame_size(cap), cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_frame_paddr(cap));
        }
        break;
    case cap_page_table_cap:
        if (final && cap_table_is_mapped(cap)) {
            unmap_page_table(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_table_paddr(cap));
        }
        break;
    case cap_page_directory_cap:
        if (final && cap_table_is_mapped(cap)) {
            unmap_page_directory(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_table_paddr(cap));
        }
        break;
    case cap_pdpt_cap:
        if (final && cap_table_is_mapped(cap)) {
            unmap_pdpt(cap_mapped_asid(cap), cap_mapped_vaddr(cap), cap_table_paddr(cap));
        }
        break;
    case cap_pml4_cap:
        if (final && cap_table_is_mapped(cap)) {
            delete_asid(cap_mapped_asid(cap), cap_table_paddr(cap));
        }
        break;
    case cap_asid_pool_cap:
        if (final) {
            delete_asid_pool(cap_asid_pool_base(cap), cap_table_paddr(cap));
        }
        break;
    default:
        break;
    }
}

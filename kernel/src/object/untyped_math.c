/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Untyped_Retype arithmetic (include/object/untyped_math.h).
 */
#include <generated/sel4_api.h>
#include <memlayout.h>
#include <object/untyped_math.h>

unsigned retype_object_bits(uint64_t type, uint64_t user_size)
{
    switch (type) {
    case seL4_UntypedObject:
        return (unsigned)user_size;
    case seL4_TCBObject:
        return seL4_TCBBits;
    case seL4_EndpointObject:
        return seL4_EndpointBits;
    case seL4_NotificationObject:
        return seL4_NotificationBits;
    case seL4_CapTableObject:
        return seL4_SlotBits + (unsigned)user_size;
    case seL4_X64_HugePageObject:
        return seL4_HugePageBits;
    case seL4_X86_LargePageObject:
        return seL4_LargePageBits;
    case seL4_X86_4K:
        return seL4_PageBits;
    case seL4_X86_PDPTObject:
        return seL4_PDPTBits;
    case seL4_X64_PML4Object:
        return seL4_PML4Bits;
    case seL4_X86_PageTableObject:
        return seL4_PageTableBits;
    case seL4_X86_PageDirectoryObject:
        return seL4_PageDirBits;
    default:
        return 0;
    }
}

bool retype_is_frame_type(uint64_t type)
{
    return type == seL4_X86_4K || type == seL4_X86_LargePageObject || type == seL4_X64_HugePageObject;
}

uint64_t untyped_free_bytes(unsigned size_bits, uint64_t free_index)
{
    uint64_t size = 1ull << size_bits;
    return free_index >= size ? 0 : size - free_index;
}

bool untyped_fits(uint64_t free_bytes, unsigned object_bits, uint64_t count)
{
    if (object_bits >= 64) {
        return false;
    }
    return (free_bytes >> object_bits) >= count;
}

uint64_t untyped_object_paddr(uint64_t paddr, uint64_t free_index, unsigned object_bits)
{
    /* wraps modulo 2^64 both ways, as the window address does */
    return align_up_bits(paddr + free_index + PPTR_BASE, object_bits) - PPTR_BASE;
}

uint64_t align_up_bits(uint64_t addr, unsigned bits)
{
    uint64_t mask = (1ull << bits) - 1;
    return (addr + mask) & ~mask;
}

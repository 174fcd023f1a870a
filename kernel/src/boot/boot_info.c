/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The boot info builder (see boot/boot_info.h). While untypeds are added,
 * bi->untyped.start holds the first untyped slot and bi->untyped.end the next
 * slot, so an untyped's index in untypedList is its slot minus
 * untyped.start, the same relation seL4 keeps.
 */
#include <boot/boot_info.h>
#include <boot/untyped_split.h>

#include <stddef.h>

/* The values ABI sections 11 and 12 give for x86_64; the generated header checks the layout. */
_Static_assert(BOOT_INFO_CNODE_SIZE_BITS == 12, "root CNode of 4096 slots");
_Static_assert(BOOT_INFO_MAX_UNTYPEDS == 230, "230 untypedList entries");
_Static_assert(sizeof(((seL4_BootInfo *)0)->untypedList) / sizeof(seL4_UntypedDesc) == BOOT_INFO_MAX_UNTYPEDS,
               "untypedList has BOOT_INFO_MAX_UNTYPEDS entries");
_Static_assert(sizeof(seL4_BootInfo) <= 4096, "the boot info fits its frame");
_Static_assert(UNTYPED_SPLIT_MIN_BITS == seL4_MinUntypedBits && UNTYPED_SPLIT_MAX_BITS == seL4_MaxUntypedBits,
               "the untyped cut uses the ABI's size limits");

void boot_info_begin(struct boot_info_builder *b, seL4_BootInfo *bi, uint64_t ipc_buffer_vaddr,
                     uint64_t extra_len)
{
    uint8_t *bytes = (uint8_t *)bi;
    for (size_t i = 0; i < sizeof(*bi); i++) {
        bytes[i] = 0;
    }
    bi->extraLen = extra_len;
    bi->nodeID = 0;
    bi->numNodes = 1;
    /* seL4 x86_64 without an IOMMU reports -1 here. */
    bi->numIOPTLevels = ~(uint64_t)0;
    /* A user virtual address; the field's type is the header's business. */
    bi->ipcBuffer = (__typeof__(bi->ipcBuffer))ipc_buffer_vaddr;
    bi->initThreadCNodeSizeBits = BOOT_INFO_CNODE_SIZE_BITS;
    bi->initThreadDomain = 0;

    b->bi = bi;
    b->next_slot = seL4_NumInitialCaps;
    b->slot_limit = (uint64_t)1 << BOOT_INFO_CNODE_SIZE_BITS;
}

seL4_SlotRegion boot_info_reserve(struct boot_info_builder *b, uint64_t count)
{
    seL4_SlotRegion r = { .start = b->next_slot, .end = b->next_slot };
    if (count > b->slot_limit - b->next_slot) {
        return r;
    }
    r.end = b->next_slot + count;
    b->next_slot = r.end;
    return r;
}

void boot_info_begin_untypeds(struct boot_info_builder *b)
{
    b->bi->untyped.start = b->next_slot;
    b->bi->untyped.end = b->next_slot;
}

bool boot_info_untyped_list_full(const struct boot_info_builder *b)
{
    return b->next_slot - b->bi->untyped.start >= BOOT_INFO_MAX_UNTYPEDS;
}

bool boot_info_cnode_full(const struct boot_info_builder *b)
{
    return b->next_slot >= b->slot_limit;
}

uint64_t boot_info_add_untyped(struct boot_info_builder *b, uint64_t paddr, unsigned size_bits,
                               bool is_device)
{
    /* The checks seL4 makes before it creates an untyped cap at boot. */
    if (!untyped_split_block_valid(paddr, size_bits)) {
        return 0;
    }
    if (boot_info_untyped_list_full(b) || boot_info_cnode_full(b)) {
        return 0;
    }

    uint64_t slot = b->next_slot;
    seL4_UntypedDesc *d = &b->bi->untypedList[slot - b->bi->untyped.start];
    /* Members the literal leaves out, padding included, become zero. */
    *d = (seL4_UntypedDesc){ .paddr = paddr, .sizeBits = (uint8_t)size_bits, .isDevice = is_device ? 1 : 0 };
    b->next_slot = slot + 1;
    b->bi->untyped.end = b->next_slot;
    return slot;
}

uint64_t boot_info_extra_pages(uint64_t extra_len)
{
    if (extra_len == 0) {
        return 0;
    }
    /* Whole pages, then the next power of two: seL4 allocates the block as one aligned object. */
    uint64_t pages = (extra_len >> 12) + ((extra_len & 0xfff) != 0);
    uint64_t frames = 1;
    while (frames < pages) {
        frames <<= 1;
    }
    return frames;
}

void boot_info_finish(struct boot_info_builder *b)
{
    b->bi->untyped.end = b->next_slot;
    b->bi->empty.start = b->next_slot;
    b->bi->empty.end = b->slot_limit;
}

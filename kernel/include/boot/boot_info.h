/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Filling in the root task's boot info page (seL4_BootInfo, ABI section 12)
 * while the boot code hands out slots of the root CNode (ABI section 11).
 *
 * The builder owns the slot counter: slots below seL4_NumInitialCaps hold the
 * fixed initial caps; from there on the boot code reserves, in seL4's order,
 * the regions userImagePaging, extraBIPages and userImageFrames (storing each
 * region boot_info_reserve returns in the matching seL4_BootInfo field), then
 * adds the untypeds (device ranges first, then RAM), then finishes. The
 * builder only computes slot numbers and writes the page; the boot code puts
 * the capabilities in those slots.
 */
#ifndef BOOT_BOOT_INFO_H
#define BOOT_BOOT_INFO_H

#include <stdbool.h>
#include <stdint.h>

#include <generated/sel4_api.h>

/* The root CNode has 2^12 = 4096 slots. */
#define BOOT_INFO_CNODE_SIZE_BITS CONFIG_ROOT_CNODE_SIZE_BITS
/* Entries of seL4_BootInfo.untypedList: 230. */
#define BOOT_INFO_MAX_UNTYPEDS CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS

/* State of one boot info page being written; owned by the boot code. */
struct boot_info_builder {
    seL4_BootInfo *bi;   /* the page being filled */
    uint64_t next_slot;  /* first root CNode slot not yet handed out */
    uint64_t slot_limit; /* number of root CNode slots (4096) */
};

/*
 * Zeroes bi and sets the fields known before any slot is handed out, with
 * the values real seL4 reports on x86_64: nodeID 0, numNodes 1,
 * numIOPTLevels all ones (no IOMMU), ipcBuffer, initThreadCNodeSizeBits 12,
 * initThreadDomain 0, extraLen. The next slot is seL4_NumInitialCaps (16).
 */
void boot_info_begin(struct boot_info_builder *b, seL4_BootInfo *bi, uint64_t ipc_buffer_vaddr,
                     uint64_t extra_len);

/*
 * Hands out the next count slots and returns them as [start, start + count).
 * If the CNode cannot hold count more slots, hands out nothing and returns
 * the empty region [next, next): seL4 stops booting then (it ran out of cap
 * slots), so callers compare end - start with count.
 */
seL4_SlotRegion boot_info_reserve(struct boot_info_builder *b, uint64_t count);

/* Marks the next slot as the first untyped slot; call once, before adding untypeds. */
void boot_info_begin_untypeds(struct boot_info_builder *b);

/*
 * Appends {paddr, size_bits, is_device} to untypedList and hands out one slot
 * for its cap; returns that slot. Returns 0 and changes nothing when
 * - the list already has 230 entries (seL4 prints "Too many untyped regions
 *   for boot info", drops the untyped and boots on; see
 *   boot_info_untyped_list_full),
 * - the CNode is full (seL4 stops booting; see boot_info_cnode_full),
 * - or the block is not one seL4 would make: size_bits outside 4..47, or
 *   its kernel window address not aligned to 2^size_bits (a caller bug;
 *   untyped_split_kernel_window never produces one; see
 *   untyped_split_block_valid).
 */
uint64_t boot_info_add_untyped(struct boot_info_builder *b, uint64_t paddr, unsigned size_bits,
                               bool is_device);

/* True when untypedList holds its 230 entries, so further untypeds are dropped. */
bool boot_info_untyped_list_full(const struct boot_info_builder *b);

/* True when every slot of the root CNode has been handed out. */
bool boot_info_cnode_full(const struct boot_info_builder *b);

/*
 * Number of 4 KiB frames seL4 gives the extra boot info of extra_len bytes
 * (mapped from the boot info frame + 4 KiB, one cap each in extraBIPages):
 * extra_len rounded up to a page, then up to a power of two; 0 when
 * extra_len is 0. E.g. 0x50c -> 1, 0x1001 -> 2, 0x2001 -> 4.
 */
uint64_t boot_info_extra_pages(uint64_t extra_len);

/* Sets untyped = [first untyped slot, next) and empty = [next, 4096). */
void boot_info_finish(struct boot_info_builder *b);

#endif /* BOOT_BOOT_INFO_H */

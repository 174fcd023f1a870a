/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Growing the heap from untyped memory. When no region holds a request,
 * malloc.c (holding the heap lock) calls sel4rt_heap_grow(), which maps
 * fresh frames at the top of the heap window (layout.h) and hands the new
 * range to the heap as one more region.
 *
 * Frames come from the boot info's RAM untypeds (device memory is never
 * touched): a 2 MiB large page wherever the address is 2 MiB aligned and
 * some untyped still holds one, else 4 KiB pages under a page table. The
 * page directory of each 1 GiB of the window is made when the window first
 * reaches it; the PDPT above it is the image's (the window lies in the
 * first 512 GiB, as the image and the thread windows do). Slots come from
 * a block reserved at start-up below the threads' (so that a program which
 * takes the empty region for itself never meets them): HEAP_SLOTS of them,
 * enough for 2 MiB pages over all of QEMU's usual 512 MiB.
 * Memory is never given back to the kernel: freed heap memory is reused by
 * later allocations. When untyped memory or slots run out, growth stops and
 * the allocation fails with NULL (std then reports "memory allocation of N
 * bytes failed" and aborts).
 */
#include "heap.h"
#include "internal.h"

#define LARGE_BITS 21
#define LARGE_SIZE ((uintptr_t)1 << LARGE_BITS)
#define PD_SPAN ((uintptr_t)1 << 30) /* one page directory maps 1 GiB */

static uintptr_t window_top = SEL4RUNTIME_HEAP_AREA; /* first unmapped address */
static uintptr_t directories_end = SEL4RUNTIME_HEAP_AREA; /* mapped page directories reach here */
static uintptr_t table_end = SEL4RUNTIME_HEAP_AREA; /* the page table at window_top reaches here */
/* The first untyped that may still hold an object of 4 KiB / 2 MiB: the
 * ones before it have refused one already. */
static seL4_Word small_cursor, large_cursor;
/* A slot taken for an object that could not be made, kept for the next one. */
static seL4_CPtr spare_slot;

#define HEAP_SLOTS 256
static seL4_CPtr next_slot, end_slot; /* the reserved block not yet used */

void sel4rt_heap_grow_init(void)
{
    seL4_SlotRegion empty = sel4runtime_empty_slots();
    if (empty.end - empty.start < HEAP_SLOTS + 64) {
        return; /* no growth: the heap stays at its static size */
    }
    /* the top slots come out one below the other: the block is contiguous */
    seL4_CPtr lowest = seL4_CapNull;
    for (unsigned i = 0; i < HEAP_SLOTS; i++) {
        lowest = sel4rt_bootinfo_take_top_slot();
    }
    next_slot = lowest;
    end_slot = lowest + HEAP_SLOTS;
}

static seL4_CPtr take_slot(void)
{
    if (spare_slot != seL4_CapNull) {
        seL4_CPtr slot = spare_slot;
        spare_slot = seL4_CapNull;
        return slot;
    }
    return next_slot < end_slot ? next_slot++ : seL4_CapNull;
}

/* Makes one object of `type` (size 2^size_bits bytes) from the first RAM
 * untyped that still has room; seL4_CapNull when none has. */
static seL4_CPtr make_object(seL4_Word type, unsigned size_bits)
{
    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    seL4_Word *cursor = size_bits >= LARGE_BITS ? &large_cursor : &small_cursor;
    seL4_CPtr slot = take_slot();
    if (slot == seL4_CapNull) {
        return seL4_CapNull;
    }
    seL4_Word count = bootinfo->untyped.end - bootinfo->untyped.start;
    for (; *cursor < count && *cursor < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS; (*cursor)++) {
        const seL4_UntypedDesc *d = &bootinfo->untypedList[*cursor];
        if (d->isDevice || d->sizeBits < size_bits) {
            continue;
        }
        seL4_CPtr untyped = bootinfo->untyped.start + *cursor;
        if (sel4rt_untyped_retype(untyped, type, 0, slot, 1) == seL4_NoError) {
            return slot;
        }
    }
    spare_slot = slot;
    return seL4_CapNull;
}

static bool delete_object(seL4_CPtr slot)
{
    (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits);
    spare_slot = slot;
    return false;
}

/* The page directory of the 1 GiB holding window_top. */
static bool ensure_directory(void)
{
    if (window_top < directories_end) {
        return true;
    }
    seL4_CPtr pd = make_object(seL4_X86_PageDirectoryObject, seL4_PageBits);
    if (pd == seL4_CapNull) {
        return false;
    }
    if (seL4_X86_PageDirectory_Map(pd, seL4_CapInitThreadVSpace, window_top,
                                   seL4_X86_Default_VMAttributes) != seL4_NoError) {
        return delete_object(pd);
    }
    directories_end = (window_top & ~(PD_SPAN - 1)) + PD_SPAN;
    return true;
}

static bool map_frame(seL4_CPtr frame)
{
    if (seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, window_top, seL4_ReadWrite,
                          seL4_X86_Default_VMAttributes) != seL4_NoError) {
        return delete_object(frame);
    }
    return true;
}

/* Maps one page at window_top and moves window_top past it. */
static bool map_one_page(void)
{
    if (window_top >= SEL4RUNTIME_HEAP_AREA + SEL4RUNTIME_HEAP_AREA_SIZE || !ensure_directory()) {
        return false;
    }
    if (window_top % LARGE_SIZE == 0) {
        seL4_CPtr large = make_object(seL4_X86_LargePageObject, LARGE_BITS);
        if (large != seL4_CapNull) {
            if (!map_frame(large)) {
                return false;
            }
            window_top += LARGE_SIZE;
            return true;
        }
        /* no 2 MiB left anywhere: 4 KiB pages under a page table */
        seL4_CPtr table = make_object(seL4_X86_PageTableObject, seL4_PageBits);
        if (table == seL4_CapNull) {
            return false;
        }
        if (seL4_X86_PageTable_Map(table, seL4_CapInitThreadVSpace, window_top,
                                   seL4_X86_Default_VMAttributes) != seL4_NoError) {
            return delete_object(table);
        }
        table_end = window_top + LARGE_SIZE;
    }
    if (window_top >= table_end) {
        return false;
    }
    seL4_CPtr small = make_object(seL4_X86_4K, seL4_PageBits);
    if (small == seL4_CapNull || !map_frame(small)) {
        return false;
    }
    window_top += SEL4RUNTIME_PAGE_SIZE;
    return true;
}

bool sel4rt_heap_grow(struct heap *h, size_t bytes)
{
    if (sel4runtime_bootinfo() == NULL || bytes > SEL4RUNTIME_HEAP_AREA_SIZE) {
        return false;
    }
    /* grow by 2 MiB at least, so that small allocations do not each cost a
     * mapping, and in whole 2 MiB steps */
    size_t wanted = (bytes + LARGE_SIZE - 1) & ~(size_t)(LARGE_SIZE - 1);
    uintptr_t start = window_top;
    while (window_top - start < wanted && map_one_page()) {
    }
    size_t mapped = (size_t)(window_top - start);
    /* what was mapped is usable even when it falls short of the request */
    if (mapped == 0 || !sel4rt_heap_add_region(h, (void *)start, mapped)) {
        return false;
    }
    return mapped >= wanted;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Memory and capabilities for threads, reserved once at start-up so that
 * the program's own allocators (which take the boot info's empty slots and
 * untypeds after start-up) never meet them:
 *
 * - untyped memory: sel4runtime_thread_memory_size bytes (32 MiB unless
 *   the program defines the symbol itself; 0 turns threads off), taken
 *   from the smallest RAM untyped that holds it and retyped into 2 MiB
 *   untyped chunks. Chunk 0 holds the small objects of the thread records
 *   (TCB, notification, IPC buffer frame, page table, page directory);
 *   every other chunk becomes one 2 MiB stack page at a time. A stack page
 *   is deleted when its chunk is wanted for a different stack, and seL4
 *   resets a chunk without children at its next retype, so stack memory
 *   comes back.
 * - slots: a block at the top of the empty region, with a fixed slot for
 *   every chunk, every record's five objects and every chunk's stack page.
 * - addresses: record i owns the 1 GiB window SEL4RT_THREAD_AREA + i GiB
 *   (its own page directory): the IPC buffer in the window's first page,
 *   the rest of the first 2 MiB unmapped (the stack guard), the stack in
 *   2 MiB pages above.
 *
 * Every retype the runtime makes goes through sel4rt_untyped_retype(),
 * which also keeps account of what it took: from each boot info untyped
 * (heap growth, and the thread chunks themselves) and from chunk 0 (the
 * thread records). seL4 has no call that reports an untyped's free
 * memory, so sel4runtime_free_untyped_bytes() answers from this account:
 * objects are placed as seL4 places them, each at the next multiple of its
 * size, and a stack chunk is free whole when it holds no stack page.
 */
#include "internal.h"
#include "thread.h"

/* Bytes of untyped memory for threads; a program may define its own. */
const size_t sel4runtime_thread_memory_size __attribute__((weak)) = 32u * 1024 * 1024;

#define CHUNK_BITS 21
#define CHUNK_SIZE ((size_t)1 << CHUNK_BITS)
#define MAX_CHUNKS 64
#define OBJECT_SLOTS 5 /* TCB, notification, IPC frame, page table, page directory */

static seL4_Word chunk_count;
static seL4_CPtr slot_base;         /* first slot of the reserved block */
static bool chunk_used[MAX_CHUNKS]; /* chunk 0 is never a stack */

static seL4_CPtr chunk_slot(unsigned chunk)
{
    return slot_base + chunk;
}

static seL4_CPtr record_slot(unsigned record, unsigned object)
{
    return slot_base + MAX_CHUNKS + record * OBJECT_SLOTS + object;
}

static seL4_CPtr stack_page_slot(unsigned chunk)
{
    return slot_base + MAX_CHUNKS + SEL4RT_MAX_THREADS * OBJECT_SLOTS + chunk;
}

#define SLOT_COUNT (MAX_CHUNKS + SEL4RT_MAX_THREADS * OBJECT_SLOTS + MAX_CHUNKS)

/* Bytes taken so far from each boot info untyped and from chunk 0: the
 * next free offset in it, as the kernel keeps it. Boot untypeds are
 * written under the heap lock (and before main), chunk 0 under the thread
 * records' lock: no entry has two writers. */
static size_t boot_untyped_taken[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS];
static size_t chunk0_taken;

/* The bytes seL4 gives an object of `type` (size_bits counts for untypeds
 * and CNodes only). */
static size_t object_bytes(seL4_Word type, seL4_Word size_bits)
{
    switch (type) {
    case seL4_UntypedObject:
        return (size_t)1 << size_bits;
    case seL4_TCBObject:
        return (size_t)1 << seL4_TCBBits;
    case seL4_EndpointObject:
        return (size_t)1 << seL4_EndpointBits;
    case seL4_NotificationObject:
        return (size_t)1 << seL4_NotificationBits;
    case seL4_CapTableObject:
        return (size_t)1 << (size_bits + seL4_SlotBits);
    case seL4_X64_HugePageObject:
        return (size_t)1 << seL4_HugePageBits;
    case seL4_X86_LargePageObject:
        return (size_t)1 << seL4_LargePageBits;
    default: /* 4 KiB frames and every paging structure */
        return (size_t)1 << seL4_PageBits;
    }
}

/* The account of `untyped`, or NULL for an untyped the runtime does not
 * track (a stack chunk: it holds one large page or nothing). */
static size_t *taken_from(seL4_CPtr untyped)
{
    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    if (slot_base != seL4_CapNull && untyped == chunk_slot(0)) {
        return &chunk0_taken;
    }
    if (bootinfo != NULL && untyped >= bootinfo->untyped.start && untyped < bootinfo->untyped.end &&
        untyped - bootinfo->untyped.start < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS) {
        return &boot_untyped_taken[untyped - bootinfo->untyped.start];
    }
    return NULL;
}

seL4_Error sel4rt_untyped_retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits,
                                 seL4_CPtr slot, seL4_Word count)
{
    seL4_Error error =
        seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, count);
    size_t *taken = taken_from(untyped);
    if (error == seL4_NoError && taken != NULL) {
        /* the kernel aligns the first object to its size, the others follow */
        size_t bytes = object_bytes(type, size_bits);
        *taken = ((*taken + bytes - 1) & ~(bytes - 1)) + bytes * count;
    }
    return error;
}

size_t sel4runtime_free_untyped_bytes(void)
{
    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    if (bootinfo == NULL) {
        return 0;
    }
    size_t free_bytes = 0;
    /* heap growth may take any RAM untyped that holds a page */
    seL4_Word count = bootinfo->untyped.end - bootinfo->untyped.start;
    for (seL4_Word i = 0; i < count && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS; i++) {
        const seL4_UntypedDesc *d = &bootinfo->untypedList[i];
        size_t size = (size_t)1 << d->sizeBits;
        if (!d->isDevice && d->sizeBits >= seL4_PageBits && boot_untyped_taken[i] < size) {
            free_bytes += size - boot_untyped_taken[i];
        }
    }
    /* the thread memory: chunk 0's rest and every chunk without a stack */
    if (chunk_count != 0) {
        free_bytes += chunk0_taken < CHUNK_SIZE ? CHUNK_SIZE - chunk0_taken : 0;
        for (unsigned chunk = 1; chunk < chunk_count; chunk++) {
            free_bytes += chunk_used[chunk] ? 0 : CHUNK_SIZE;
        }
    }
    return free_bytes;
}

static unsigned size_bits_of(size_t bytes)
{
    unsigned bits = 0;
    while (bits < 63 && ((size_t)1 << bits) < bytes) {
        bits++;
    }
    return bits;
}

void sel4rt_thread_memory_init(void)
{
    /* a volatile read: the compiler must not fold in the weak default
     * when the program defines its own value */
    size_t wanted = *(const volatile size_t *)&sel4runtime_thread_memory_size / CHUNK_SIZE;
    if (wanted > MAX_CHUNKS) {
        wanted = MAX_CHUNKS;
    }
    if (wanted < 2) {
        return; /* threads off: pthread_create fails with EAGAIN */
    }
    const seL4_BootInfo *bootinfo = sel4runtime_bootinfo();
    unsigned need_bits = size_bits_of(wanted * CHUNK_SIZE);
    seL4_CPtr best = seL4_CapNull;
    unsigned best_bits = 64;
    seL4_Word count = bootinfo->untyped.end - bootinfo->untyped.start;
    for (seL4_Word i = 0; i < count && i < CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS; i++) {
        const seL4_UntypedDesc *d = &bootinfo->untypedList[i];
        if (!d->isDevice && d->sizeBits >= need_bits && d->sizeBits < best_bits) {
            best = bootinfo->untyped.start + i;
            best_bits = d->sizeBits;
        }
    }
    seL4_SlotRegion empty = sel4runtime_empty_slots();
    if (best == seL4_CapNull || empty.end - empty.start < SLOT_COUNT + 64) {
        return;
    }
    /* the top slots come out one below the other: the block is contiguous */
    seL4_CPtr lowest = seL4_CapNull;
    for (unsigned i = 0; i < SLOT_COUNT; i++) {
        lowest = sel4rt_bootinfo_take_top_slot();
    }
    slot_base = lowest;
    if (sel4rt_untyped_retype(best, seL4_UntypedObject, CHUNK_BITS, chunk_slot(0), wanted) != seL4_NoError) {
        return;
    }
    chunk_count = wanted;
    chunk_used[0] = true;
}

bool sel4rt_thread_memory_available(void)
{
    return chunk_count != 0;
}

uintptr_t sel4rt_thread_window(unsigned record)
{
    return SEL4RT_THREAD_AREA + (uintptr_t)record * SEL4RT_THREAD_WINDOW;
}

bool sel4rt_thread_memory_make_notification(unsigned record, seL4_CPtr *notification)
{
    seL4_CPtr slot = record_slot(record, 1);
    if (sel4rt_untyped_retype(chunk_slot(0), seL4_NotificationObject, 0, slot, 1) != seL4_NoError) {
        return false;
    }
    *notification = slot;
    return true;
}

bool sel4rt_thread_memory_make_endpoint(seL4_CPtr slot)
{
    return sel4rt_untyped_retype(chunk_slot(0), seL4_EndpointObject, 0, slot, 1) == seL4_NoError;
}

bool sel4rt_thread_memory_make_record(unsigned record, sel4rt_thread_objects *out)
{
    seL4_CPtr chunk = chunk_slot(0);
    uintptr_t window = sel4rt_thread_window(record);
    out->tcb = record_slot(record, 0);
    out->ipc_frame = record_slot(record, 2);
    seL4_CPtr page_table = record_slot(record, 3);
    seL4_CPtr page_directory = record_slot(record, 4);
    if (!sel4rt_thread_memory_make_notification(record, &out->notification)) {
        return false;
    }
    return sel4rt_untyped_retype(chunk, seL4_TCBObject, 0, out->tcb, 1) == seL4_NoError &&
           sel4rt_untyped_retype(chunk, seL4_X86_4K, 0, out->ipc_frame, 1) == seL4_NoError &&
           sel4rt_untyped_retype(chunk, seL4_X86_PageTableObject, 0, page_table, 1) == seL4_NoError &&
           sel4rt_untyped_retype(chunk, seL4_X86_PageDirectoryObject, 0, page_directory, 1) == seL4_NoError &&
           seL4_X86_PageDirectory_Map(page_directory, seL4_CapInitThreadVSpace, window,
                                      seL4_X86_Default_VMAttributes) == seL4_NoError &&
           seL4_X86_PageTable_Map(page_table, seL4_CapInitThreadVSpace, window,
                                  seL4_X86_Default_VMAttributes) == seL4_NoError &&
           seL4_X86_Page_Map(out->ipc_frame, seL4_CapInitThreadVSpace, window, seL4_ReadWrite,
                             seL4_X86_Default_VMAttributes) == seL4_NoError;
}

void sel4rt_thread_memory_release_stack(sel4rt_thread_stack *stack)
{
    for (unsigned i = 0; i < stack->units; i++) {
        unsigned chunk = stack->chunks[i];
        /* deleting the last capability to the page unmaps it; the chunk
         * then has no children and is reset at its next retype */
        (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, stack_page_slot(chunk), seL4_WordBits);
        chunk_used[chunk] = false;
    }
    stack->units = 0;
}

bool sel4rt_thread_memory_make_stack(unsigned record, size_t size, sel4rt_thread_stack *stack)
{
    size_t units = (size + CHUNK_SIZE - 1) / CHUNK_SIZE;
    if (units == 0) {
        units = 1;
    }
    if (units >= SEL4RT_THREAD_WINDOW / CHUNK_SIZE || units >= chunk_count) {
        return false;
    }
    uintptr_t window = sel4rt_thread_window(record);
    stack->units = 0;
    for (unsigned chunk = 1; chunk < chunk_count && stack->units < units; chunk++) {
        if (chunk_used[chunk]) {
            continue;
        }
        seL4_CPtr page = stack_page_slot(chunk);
        uintptr_t vaddr = window + (stack->units + 1) * CHUNK_SIZE;
        if (sel4rt_untyped_retype(chunk_slot(chunk), seL4_X86_LargePageObject, 0, page, 1) != seL4_NoError) {
            continue;
        }
        if (seL4_X86_Page_Map(page, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite,
                              seL4_X86_Default_VMAttributes) != seL4_NoError) {
            (void)seL4_CNode_Delete(seL4_CapInitThreadCNode, page, seL4_WordBits);
            continue;
        }
        chunk_used[chunk] = true;
        stack->chunks[stack->units++] = (uint8_t)chunk;
    }
    if (stack->units < units) {
        sel4rt_thread_memory_release_stack(stack);
        return false;
    }
    stack->base = window + CHUNK_SIZE;
    stack->size = units * CHUNK_SIZE;
    return true;
}

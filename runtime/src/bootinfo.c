/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The boot info the kernel hands the root task, and the runtime's slot
 * allocator over its empty region. The runtime's own capabilities take
 * slots from the top of the region, so a program that starts at
 * bootinfo->empty.start and counts up does not collide with them; programs
 * that use sel4runtime_alloc_slot() get slots from the bottom.
 */
#include "internal.h"

/* libsel4's IPC buffer pointer: one per thread, set at start-up. */
__thread seL4_IPCBuffer *__sel4_ipc_buffer;

static const seL4_BootInfo *boot_info;
static seL4_Word next_free;  /* lowest free slot */
static seL4_Word end_free;   /* one past the highest free slot */

void sel4rt_bootinfo_record(const seL4_BootInfo *bootinfo)
{
    boot_info = bootinfo;
    next_free = bootinfo->empty.start;
    end_free = bootinfo->empty.end;
}

const seL4_BootInfo *sel4runtime_bootinfo(void)
{
    return boot_info;
}

seL4_CPtr sel4rt_bootinfo_take_top_slot(void)
{
    if (end_free <= next_free) {
        return seL4_CapNull;
    }
    return --end_free;
}

seL4_CPtr sel4runtime_alloc_slot(void)
{
    if (next_free >= end_free) {
        return seL4_CapNull;
    }
    return next_free++;
}

seL4_SlotRegion sel4runtime_empty_slots(void)
{
    seL4_SlotRegion region = {.start = next_free, .end = end_free};
    return region;
}

const void *sel4rt_bootinfo_extra_chunk(seL4_Word id, size_t *size)
{
    if (boot_info == NULL) {
        return NULL;
    }
    /* the chunks follow the boot info page; each starts with its header */
    const char *chunk = (const char *)boot_info + seL4_BootInfoFrameSize;
    const char *end = chunk + boot_info->extraLen;
    while (chunk + sizeof(seL4_BootInfoHeader) <= end) {
        const seL4_BootInfoHeader *header = (const seL4_BootInfoHeader *)chunk;
        if (header->len < sizeof(seL4_BootInfoHeader) ||
            header->len > (seL4_Word)(end - chunk)) {
            return NULL; /* malformed: stop rather than wander */
        }
        if (header->id == id) {
            *size = header->len - sizeof(seL4_BootInfoHeader);
            return header + 1;
        }
        chunk += header->len;
    }
    return NULL;
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Reading the multiboot 1 information block: the first module (the root
 * task) and the memory map, copied into kernel memory so that nothing later
 * depends on the loader's data staying where it was.
 */
#include <boot/multiboot.h>
#include <kernel/panic.h>
#include <kernel/string.h>
#include <memlayout.h>

#define MB_FLAG_MODS 0x8
#define MB_FLAG_MMAP 0x40
#define LOW_MEMORY_END 0x100000

struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_module {
    uint32_t mod_start, mod_end, string, reserved;
} __attribute__((packed));

static void add_ram(struct boot_input *in, uint64_t start, uint64_t end)
{
    if (start >= end || in->ram_count == MULTIBOOT_MAX_MMAP_ENTRIES) {
        return;
    }
    /* Insert sorted by start, then merge neighbours that touch. */
    unsigned i = in->ram_count++;
    while (i > 0 && in->ram[i - 1].start > start) {
        in->ram[i] = in->ram[i - 1];
        i--;
    }
    in->ram[i].start = start;
    in->ram[i].end = end;
    unsigned out = 0;
    for (unsigned j = 1; j < in->ram_count; j++) {
        if (in->ram[j].start <= in->ram[out].end) {
            if (in->ram[j].end > in->ram[out].end) {
                in->ram[out].end = in->ram[j].end;
            }
        } else {
            in->ram[++out] = in->ram[j];
        }
    }
    in->ram_count = out + 1;
}

void multiboot_read(uint32_t magic, uint64_t info, struct boot_input *in)
{
    memset(in, 0, sizeof(*in));
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
        boot_failed("not started by a multiboot 1 loader (magic %p)", (void *)(uint64_t)magic);
    }
    const struct mb_info *mb = kva(info);
    if ((mb->flags & MB_FLAG_MODS) && mb->mods_count > 0) {
        const struct mb_module *m = kva(mb->mods_addr);
        in->has_module = true;
        in->module_start = m->mod_start;
        in->module_end = m->mod_end;
    }
    if (!(mb->flags & MB_FLAG_MMAP)) {
        boot_failed("the multiboot loader passed no memory map");
    }
    uint32_t n = mb->mmap_length;
    if (n > sizeof(in->mmap_raw)) {
        n = sizeof(in->mmap_raw);
    }
    memcpy(in->mmap_raw, kva(mb->mmap_addr), n);
    in->mmap_bytes = n;

    /* Entries are size-prefixed; walk the loader's copy, bounded by its length. */
    uint64_t p = mb->mmap_addr, end = (uint64_t)mb->mmap_addr + mb->mmap_length;
    while (p + sizeof(struct mb_mmap_entry) <= end) {
        const struct mb_mmap_entry *e = kva(p);
        if (e->type == MULTIBOOT_RAM) {
            uint64_t base = e->base_addr;
            uint64_t top = e->base_addr + e->length;
            if (top < e->base_addr || top > PPTR_WINDOW_SIZE) {
                top = PPTR_WINDOW_SIZE; /* memory the kernel window cannot reach stays unused */
            }
            /* As seL4 does, RAM below 1 MiB is not used (it becomes device untyped). */
            if (base < LOW_MEMORY_END) {
                base = LOW_MEMORY_END;
            }
            add_ram(in, base, top);
        }
        if (e->size < 20) {
            break;
        }
        p += (uint64_t)e->size + 4;
    }
}

bool multiboot_is_ram(const struct boot_input *in, uint64_t start, uint64_t end)
{
    for (unsigned i = 0; i < in->ram_count; i++) {
        if (start >= in->ram[i].start && end <= in->ram[i].end) {
            return true;
        }
    }
    return false;
}

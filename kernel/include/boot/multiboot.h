/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the multiboot 1 loader (QEMU's -kernel) tells the kernel: the
 * modules (the first is the root task, from -initrd) and the memory map.
 */
#ifndef BOOT_MULTIBOOT_H
#define BOOT_MULTIBOOT_H

#include <stdbool.h>
#include <stdint.h>

#define MULTIBOOT_BOOTLOADER_MAGIC 0x2badb002u
#define MULTIBOOT_MAX_MMAP_ENTRIES 50
#define MULTIBOOT_RAM 1

/* One memory map entry as the loader writes it (seL4_X86_mb_mmap_t). */
struct mb_mmap_entry {
    uint32_t size; /* bytes after this field: 20 */
    uint64_t base_addr;
    uint64_t length;
    uint32_t type;
} __attribute__((packed));
_Static_assert(sizeof(struct mb_mmap_entry) == 24, "seL4_X86_mb_mmap_t layout");

struct boot_input {
    bool has_module;
    uint64_t module_start, module_end; /* physical, [start, end) */
    uint32_t mmap_bytes;               /* bytes of the raw map copied below */
    uint8_t mmap_raw[MULTIBOOT_MAX_MMAP_ENTRIES * sizeof(struct mb_mmap_entry)];
    unsigned ram_count; /* RAM ranges, sorted and merged */
    struct {
        uint64_t start, end;
    } ram[MULTIBOOT_MAX_MMAP_ENTRIES];
};

/* Reads the multiboot information at physical address info; boot_failed() if unusable. */
void multiboot_read(uint32_t magic, uint64_t info, struct boot_input *in);

/* True when [start, end) lies inside one RAM range. */
bool multiboot_is_ram(const struct boot_input *in, uint64_t start, uint64_t end);

#endif /* BOOT_MULTIBOOT_H */

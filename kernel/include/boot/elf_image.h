/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The root task's ELF file, as the boot code sees it: a check that decides
 * whether the file can be run and where it lives in the root task's virtual
 * address space, and a loader that lays its segments out in memory.
 *
 * Both are pure functions over bytes (no hardware, no allocation) so the host
 * tests can feed them hostile files. The rules are those of real seL4 (ABI
 * section 15) plus the refusals devkernel needs to stay safe; see
 * elf_image_check below.
 */
#ifndef BOOT_ELF_IMAGE_H
#define BOOT_ELF_IMAGE_H

#include <stdint.h>

/* Highest user virtual address (inclusive), seL4's USER_TOP on x86_64. */
#define ELF_IMAGE_USER_TOP 0x7fffffffffffULL

/* Page size the image is rounded to. */
#define ELF_IMAGE_PAGE_SIZE 0x1000ULL

/* Where the root task's image lies in its virtual address space. */
struct user_image {
    uint64_t vbase; /* lowest p_vaddr of any header with p_memsz > 0; page-aligned */
    uint64_t vend;  /* highest p_vaddr + p_memsz, rounded up to a page; exclusive */
    uint64_t entry; /* e_entry, inside [vbase, vend) */
};

/*
 * Decides whether the file_len bytes at file are a root task devkernel can
 * load, and if so fills img.
 *
 * Accepted exactly when real seL4 16.0.0 would accept it and devkernel can
 * run it safely:
 * - ELF magic and EI_CLASS 2 (ELF64), as seL4 checks;
 * - e_machine is EM_X86_64 and there is no PT_INTERP or PT_DYNAMIC header
 *   (devkernel runs only static x86_64 programs; seL4 does not look);
 * - the ELF header, the program header table and every header's file bytes
 *   [p_offset, p_offset + p_filesz) lie inside file_len; p_filesz <= p_memsz
 *   for every header; p_vaddr + p_memsz does not overflow;
 * - the image is the range over every program header with p_memsz > 0, of
 *   any type (not only PT_LOAD), as seL4 computes it; at least one exists;
 * - its start is 4 KiB aligned, its end rounded up to 4 KiB plus two pages
 *   (IPC buffer and boot info) is <= ELF_IMAGE_USER_TOP, and e_entry lies
 *   in [vbase, vend).
 * e_type and e_phentsize are not checked, as in seL4; program headers are
 * read as 56-byte Elf64_Phdr records. The file may have any alignment.
 *
 * Returns NULL on success, or a static message naming the problem, worded to
 * follow "devkernel: boot failed: ". img is always written: on success with
 * the image; on a failure found once the range is known (alignment, top,
 * entry) with the offending range, so the caller can print it (vend is left
 * unrounded only when it lies in the last page of the 64-bit space);
 * otherwise with zeroes.
 */
const char *elf_image_check(const void *file, uint64_t file_len, struct user_image *img);

/*
 * Lays out an image accepted by elf_image_check: zeroes dest[0 .. vend-vbase)
 * then, for every program header in header order (any type, as seL4 does),
 * copies its p_filesz file bytes to dest + (p_vaddr - vbase) and zeroes the
 * p_memsz - p_filesz bytes after them. Headers with p_memsz == 0 write
 * nothing and are skipped.
 *
 * Because every header is loaded, a PT_TLS header whose .tbss overlaps later
 * data zeroes those bytes, exactly as on real seL4.
 *
 * file and img must be those elf_image_check accepted; dest must hold
 * vend - vbase bytes.
 */
void elf_image_copy(const void *file, uint8_t *dest, const struct user_image *img);

#endif /* BOOT_ELF_IMAGE_H */

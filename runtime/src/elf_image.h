/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The program's own ELF headers, as the kernel loaded them. The linker puts
 * the ELF header at the start of the first loaded segment and names it
 * __ehdr_start; from it the runtime finds PT_TLS (to build the initial
 * thread's TLS), PT_GNU_EH_FRAME (for the unwinder) and the program headers
 * that getauxval and dl_iterate_phdr report.
 */
#ifndef SEL4RUNTIME_ELF_IMAGE_H
#define SEL4RUNTIME_ELF_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define PT_LOAD 1
#define PT_TLS 7
#define PT_GNU_EH_FRAME 0x6474e550

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} elf64_ehdr;

typedef struct {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
} elf64_phdr;

/* The program headers of the running image, or NULL (count 0) when the
 * linker did not place the ELF header in memory. */
const elf64_phdr *sel4rt_elf_image_phdrs(size_t *count);

/* The first program header of the given type, or NULL. */
const elf64_phdr *sel4rt_elf_image_find(uint32_t type);

/* Where the kernel starts the image: the lowest address of any program
 * header with a memory size, rounded down to a page (seL4's rule). */
uintptr_t sel4rt_elf_image_start(void);

/* Lowest and highest (exclusive) address covered by PT_LOAD segments. */
void sel4rt_elf_image_bounds(uintptr_t *start, uintptr_t *end);

#endif

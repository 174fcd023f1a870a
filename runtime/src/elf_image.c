/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Reading the running program's ELF header and program headers through the
 * linker-defined symbol __ehdr_start (see elf_image.h).
 */
#include "elf_image.h"

/* Weak so that a link without it still succeeds; then nothing is found. */
extern const elf64_ehdr __ehdr_start __attribute__((weak, visibility("hidden")));

const elf64_phdr *sel4rt_elf_image_phdrs(size_t *count)
{
    const elf64_ehdr *ehdr = &__ehdr_start;
    if (ehdr == NULL || ehdr->e_phentsize != sizeof(elf64_phdr)) {
        *count = 0;
        return NULL;
    }
    *count = ehdr->e_phnum;
    return (const elf64_phdr *)((const char *)ehdr + ehdr->e_phoff);
}

const elf64_phdr *sel4rt_elf_image_find(uint32_t type)
{
    size_t count;
    const elf64_phdr *phdrs = sel4rt_elf_image_phdrs(&count);
    for (size_t i = 0; i < count; i++) {
        if (phdrs[i].p_type == type) {
            return &phdrs[i];
        }
    }
    return NULL;
}

void sel4rt_elf_image_bounds(uintptr_t *start, uintptr_t *end)
{
    size_t count;
    const elf64_phdr *phdrs = sel4rt_elf_image_phdrs(&count);
    uintptr_t low = UINTPTR_MAX, high = 0;
    for (size_t i = 0; i < count; i++) {
        if (phdrs[i].p_type != PT_LOAD) {
            continue;
        }
        if (phdrs[i].p_vaddr < low) {
            low = phdrs[i].p_vaddr;
        }
        if (phdrs[i].p_vaddr + phdrs[i].p_memsz > high) {
            high = phdrs[i].p_vaddr + phdrs[i].p_memsz;
        }
    }
    if (high == 0) {
        low = 0;
    }
    *start = low;
    *end = high;
}

uintptr_t sel4rt_elf_image_start(void)
{
    size_t count;
    const elf64_phdr *phdrs = sel4rt_elf_image_phdrs(&count);
    uintptr_t low = UINTPTR_MAX;
    for (size_t i = 0; i < count; i++) {
        if (phdrs[i].p_memsz > 0 && phdrs[i].p_vaddr < low) {
            low = phdrs[i].p_vaddr;
        }
    }
    return low == UINTPTR_MAX ? 0 : low & ~(uintptr_t)0xfff;
}

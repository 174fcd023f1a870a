/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The dynamic loader's lookup calls, for a program that is one static
 * object. gcc 12's unwinder (libgcc_eh) finds the unwind tables of a
 * program counter only through _dl_find_object when the C library has it,
 * so it must answer with the PT_GNU_EH_FRAME address, or every panic
 * aborts instead of unwinding. dl_iterate_phdr serves older unwinders and
 * backtrace code. The program is linked at its run-time address, so the
 * load bias is 0.
 */
#include "elf_image.h"
#include "internal.h"

void *memset(void *dst, int c, size_t n);

int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *info, size_t size, void *data),
                    void *data)
{
    size_t count;
    const elf64_phdr *phdrs = sel4rt_elf_image_phdrs(&count);
    if (phdrs == NULL) {
        return 0;
    }
    struct dl_phdr_info info;
    memset(&info, 0, sizeof(info));
    info.dlpi_addr = 0;
    info.dlpi_name = "";
    info.dlpi_phdr = phdrs;
    info.dlpi_phnum = (uint16_t)count;
    info.dlpi_adds = 1;
    info.dlpi_subs = 0;
    if (sel4rt_elf_image_find(PT_TLS) != NULL) {
        info.dlpi_tls_modid = 1;
        info.dlpi_tls_data = sel4rt_tls_initial_block();
    }
    return callback(&info, sizeof(info), data);
}

int _dl_find_object(void *address, struct dl_find_object *result)
{
    uintptr_t start, end;
    sel4rt_elf_image_bounds(&start, &end);
    const elf64_phdr *eh_frame = sel4rt_elf_image_find(PT_GNU_EH_FRAME);
    if ((uintptr_t)address < start || (uintptr_t)address >= end || eh_frame == NULL) {
        return -1;
    }
    memset(result, 0, sizeof(*result));
    result->dlfo_map_start = (void *)start;
    result->dlfo_map_end = (void *)end;
    result->dlfo_link_map = NULL;
    result->dlfo_eh_frame = (void *)eh_frame->p_vaddr;
    return 0;
}

void *dlsym(void *handle, const char *name)
{
    (void)handle;
    (void)name;
    return NULL; /* std's optional symbols are looked up this way: none here */
}

char *dlerror(void)
{
    return "dynamic loading is not available";
}

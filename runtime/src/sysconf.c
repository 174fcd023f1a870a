/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * What the process knows about its machine: sysconf() and getauxval(), the
 * latter answering from the program's own ELF headers the way the Linux
 * auxiliary vector would. One processor, 4 KiB pages.
 */
#include "elf_image.h"
#include "internal.h"
#include "layout.h"

#define OPEN_MAX_VALUE 32
#define THREAD_STACK_MIN_VALUE 16384

long sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return SEL4RUNTIME_PAGE_SIZE;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    case _SC_CLK_TCK:
        return 100;
    case _SC_OPEN_MAX:
        return OPEN_MAX_VALUE;
    case _SC_NGROUPS_MAX:
        return 0;
    case _SC_THREAD_STACK_MIN:
        return THREAD_STACK_MIN_VALUE;
    case _SC_PHYS_PAGES:
    case _SC_AVPHYS_PAGES:
        return SEL4RUNTIME_HEAP_SIZE / SEL4RUNTIME_PAGE_SIZE;
    case _SC_MINSIGSTKSZ:
        return MINSIGSTKSZ_VALUE;
    case _SC_SIGSTKSZ:
        return SIGSTKSZ_VALUE;
    case _SC_GETPW_R_SIZE_MAX:
    case _SC_GETGR_R_SIZE_MAX:
        return -1; /* no limit, errno unchanged */
    default:
        return fail_with(EINVAL);
    }
}

long getpagesize(void)
{
    return SEL4RUNTIME_PAGE_SIZE;
}

void _start(void);

unsigned long getauxval(unsigned long type)
{
    size_t count;
    const elf64_phdr *phdrs = sel4rt_elf_image_phdrs(&count);
    switch (type) {
    case AT_PAGESZ:
        return SEL4RUNTIME_PAGE_SIZE;
    case AT_PHDR:
        return (unsigned long)phdrs;
    case AT_PHENT:
        return phdrs != NULL ? sizeof(elf64_phdr) : 0;
    case AT_PHNUM:
        return count;
    case AT_ENTRY:
        return (unsigned long)&_start;
    case AT_CLKTCK:
        return 100;
    case AT_BASE:
    case AT_SECURE:
    case AT_UID:
    case AT_EUID:
    case AT_GID:
    case AT_EGID:
        return 0;
    default:
        /* like glibc: unknown types give 0 and ENOENT */
        fail_with(ENOENT);
        return 0;
    }
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Memory mappings, as far as a root task without a pager has them: an
 * anonymous private mmap is a page-aligned, zeroed heap allocation, and
 * munmap of such a mapping frees it. Everything runs with the image's
 * read-write-execute pages, so mprotect and madvise succeed without
 * changing anything (std uses mprotect only for a guard page it never
 * touches). File and fixed-address mappings fail.
 */
#include "internal.h"
#include "layout.h"

void *memset(void *dst, int c, size_t n);

void *mmap64(void *addr, size_t length, int prot, int flags, int fd, off64_t offset)
{
    (void)addr; /* only a hint without MAP_FIXED */
    (void)prot;
    (void)fd;
    (void)offset;
    if (length == 0) {
        fail_with(EINVAL);
        return MAP_FAILED;
    }
    if ((flags & MAP_ANONYMOUS) == 0 || (flags & MAP_FIXED) != 0) {
        fail_with(ENOMEM);
        return MAP_FAILED;
    }
    size_t rounded = (length + SEL4RUNTIME_PAGE_SIZE - 1) & ~(size_t)(SEL4RUNTIME_PAGE_SIZE - 1);
    if (rounded < length) {
        fail_with(ENOMEM);
        return MAP_FAILED;
    }
    void *p = sel4rt_heap_alloc_pages(rounded);
    if (p == NULL) {
        fail_with(ENOMEM);
        return MAP_FAILED;
    }
    return memset(p, 0, rounded);
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off64_t offset)
    __attribute__((alias("mmap64")));

int munmap(void *addr, size_t length)
{
    if (((uintptr_t)addr % SEL4RUNTIME_PAGE_SIZE) != 0 || length == 0) {
        return (int)fail_with(EINVAL);
    }
    /* a whole mapping goes back to the heap; a part of one stays */
    sel4rt_heap_release_pages(addr);
    return 0;
}

int mprotect(void *addr, size_t length, int prot)
{
    (void)length;
    (void)prot;
    if (((uintptr_t)addr % SEL4RUNTIME_PAGE_SIZE) != 0) {
        return (int)fail_with(EINVAL);
    }
    return 0;
}

int madvise(void *addr, size_t length, int advice)
{
    (void)addr;
    (void)length;
    (void)advice;
    return 0;
}

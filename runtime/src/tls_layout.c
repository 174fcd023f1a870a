/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * TLS variant II layout arithmetic (see tls_layout.h).
 */
#include "tls_layout.h"

static bool normalise_align(size_t *align)
{
    if (*align == 0) {
        *align = 1;
    }
    /* the control block holds pointers: keep the thread pointer 8-aligned */
    if (*align < 8) {
        *align = 8;
    }
    return (*align & (*align - 1)) == 0 && *align <= ((size_t)1 << 30);
}

static size_t round_up(size_t value, size_t align)
{
    return (value + align - 1) & ~(align - 1);
}

size_t sel4rt_tls_area_size(size_t memsz, size_t align)
{
    if (!normalise_align(&align) || memsz > ((size_t)1 << 40)) {
        return 0;
    }
    return round_up(memsz, align) + (align - 1) + TLS_TCB_SIZE;
}

bool sel4rt_tls_layout_compute(uintptr_t buffer, size_t size, size_t memsz, size_t align,
                        tls_layout *out)
{
    size_t needed = sel4rt_tls_area_size(memsz, align);
    if (needed == 0 || !normalise_align(&align) || size < needed ||
        buffer + size < buffer) {
        return false;
    }
    size_t block_size = round_up(memsz, align);
    uintptr_t tp = round_up(buffer + block_size, align);
    out->thread_pointer = tp;
    out->block = tp - block_size;
    return true;
}

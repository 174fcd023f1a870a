/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Where a thread's TLS block and control block go in a buffer, for x86_64's
 * TLS variant II: the block (the PT_TLS image, then zeroes up to its memory
 * size) ends at the thread pointer, which is aligned to the segment's
 * alignment; the thread control block starts at the thread pointer and its
 * first word points at itself. Compilers address TLS variables at negative
 * offsets from %fs computed as (offset in segment) - round_up(memsz, align),
 * which this layout matches. Pure arithmetic, tested on the host.
 */
#ifndef SEL4RUNTIME_TLS_LAYOUT_H
#define SEL4RUNTIME_TLS_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bytes reserved at and above the thread pointer. glibc's control block
 * keeps a self pointer at 0 and 16 and the stack-protector canary at 0x28;
 * code built for glibc may read those, so they are reserved and zeroed. */
#define TLS_TCB_SIZE 64u

typedef struct tls_layout {
    uintptr_t block;          /* start of the TLS block (image copied here) */
    uintptr_t thread_pointer; /* the value for the FS base */
} tls_layout;

/* Buffer size that always holds a segment of memsz bytes at this
 * alignment, whatever the buffer's own alignment. 0 on bad input. */
size_t sel4rt_tls_area_size(size_t memsz, size_t align);

/* Places the block in [buffer, buffer + size). False when the alignment is
 * not a power of two (0 counts as 1) or the buffer is too small. */
bool sel4rt_tls_layout_compute(uintptr_t buffer, size_t size, size_t memsz, size_t align,
                        tls_layout *out);

#endif

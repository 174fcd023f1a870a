/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The heap allocator: boundary-tag chunks with segregated free lists over
 * one or more memory regions. Pure logic (no system calls), so the host
 * tests run it under AddressSanitizer; malloc.c puts the C library's
 * malloc family on top of one global heap.
 *
 * Every chunk starts with a 16-byte header (the previous chunk's size, valid
 * only while that chunk is free, and this chunk's size with two flags), so
 * payloads are 16-byte aligned. Freeing a chunk merges it with free
 * neighbours at once, so two free chunks are never adjacent. Each region
 * ends with a zero-sized in-use "fence" chunk that stops merging. Regions
 * are independent: adding one (growth from untyped memory) never moves
 * existing allocations.
 *
 * Not thread-safe: the caller serialises (single-threaded for now).
 */
#ifndef SEL4RUNTIME_HEAP_H
#define SEL4RUNTIME_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEAP_BIN_COUNT 128
#define HEAP_MIN_REGION 64

typedef struct heap_chunk heap_chunk;
typedef struct heap_region heap_region;

typedef struct heap {
    heap_chunk *bins[HEAP_BIN_COUNT]; /* free chunks, by size class */
    uint64_t nonempty[HEAP_BIN_COUNT / 64]; /* bit i: bins[i] != NULL */
    heap_region *regions;                /* all regions, newest first */
    size_t bytes_total;                  /* usable bytes in all regions */
    size_t bytes_in_use;                 /* bytes in allocated chunks */
} heap;

typedef struct heap_stats {
    size_t bytes_total;
    size_t bytes_in_use;
    size_t free_chunks;
    size_t largest_free; /* largest allocation that would succeed without growth */
} heap_stats;

void sel4rt_heap_init(heap *h);

/* Hands [base, base + size) to the heap. False when it is too small. */
bool sel4rt_heap_add_region(heap *h, void *base, size_t size);

/* NULL when no region has room (or size overflows). */
void *sel4rt_heap_alloc(heap *h, size_t size);

/* align: any power of two; NULL when align is not one or there is no room. */
void *sel4rt_heap_alloc_aligned(heap *h, size_t align, size_t size);

/* False (and nothing changes) when ptr is not a live allocation. */
bool sel4rt_heap_free(heap *h, void *ptr);

/* Grows or shrinks in place when it can, else moves. ptr must be live and
 * size non-zero; NULL (ptr untouched) when there is no room. */
void *sel4rt_heap_realloc(heap *h, void *ptr, size_t size);

/* True when ptr is the start of a live allocation. */
bool sel4rt_heap_is_allocation(const heap *h, const void *ptr);

/* Bytes usable at ptr (at least what was asked for). */
size_t sel4rt_heap_usable_size(const void *ptr);

void sel4rt_heap_get_stats(const heap *h, heap_stats *out);

/* Walks every region and free list; 0 when consistent, else a number
 * naming the first broken invariant (see heap.c). */
int sel4rt_heap_check(const heap *h);

#endif

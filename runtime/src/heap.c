/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The heap allocator (design in heap.h).
 *
 * Size classes: chunks below 1 KiB have one exact bin per 16 bytes; larger
 * chunks share bins of a quarter power of two each, the last bin taking
 * everything from 16 MiB up. Allocation takes the first fitting chunk of
 * its own bin, else the head of the next non-empty bin (found through a
 * bitmap), whose every chunk is large enough, and splits off the rest.
 */
#include "heap.h"

#define HEADER_SIZE 16u
#define MIN_CHUNK 32u
#define ALIGNMENT 16u

#define FLAG_IN_USE ((size_t)1)
#define FLAG_PREV_IN_USE ((size_t)2)
#define FLAGS (FLAG_IN_USE | FLAG_PREV_IN_USE)

struct heap_chunk {
    size_t prev_size;       /* size of the chunk before, valid while it is free */
    size_t head;            /* size | FLAG_IN_USE | FLAG_PREV_IN_USE */
    heap_chunk *next_free;  /* free-list links: only while this chunk is free */
    heap_chunk *prev_free;
};

struct heap_region {
    heap_region *next;
    heap_chunk *fence; /* last chunk: size 0, always in use */
};

/* The region header takes the first 16 bytes; chunks follow. */
_Static_assert(sizeof(heap_region) == 16, "region header is 16 bytes");
_Static_assert(sizeof(heap_chunk) == MIN_CHUNK, "a free chunk holds its links");

static size_t chunk_size(const heap_chunk *c) { return c->head & ~FLAGS; }
static bool chunk_in_use(const heap_chunk *c) { return (c->head & FLAG_IN_USE) != 0; }
static bool prev_in_use(const heap_chunk *c) { return (c->head & FLAG_PREV_IN_USE) != 0; }
static heap_chunk *chunk_at(void *p, size_t offset) { return (heap_chunk *)((char *)p + offset); }
static heap_chunk *next_chunk(heap_chunk *c) { return chunk_at(c, chunk_size(c)); }
static void *payload(heap_chunk *c) { return (char *)c + HEADER_SIZE; }
static heap_chunk *chunk_of(const void *p) { return (heap_chunk *)((char *)p - HEADER_SIZE); }

static unsigned bin_index(size_t size)
{
    if (size < 1024) {
        return (unsigned)(size / ALIGNMENT);
    }
    unsigned log2 = 63u - (unsigned)__builtin_clzl(size);
    unsigned quarter = (unsigned)(size >> (log2 - 2)) & 3u;
    unsigned index = 64u + (log2 - 10u) * 4u + quarter;
    return index < HEAP_BIN_COUNT ? index : HEAP_BIN_COUNT - 1;
}

/* The chunk size that holds a request of n bytes; 0 on overflow. */
static size_t chunk_size_for(size_t n)
{
    if (n > SIZE_MAX / 2) {
        return 0;
    }
    size_t size = (n + HEADER_SIZE + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
    return size < MIN_CHUNK ? MIN_CHUNK : size;
}

static void bin_insert(heap *h, heap_chunk *c)
{
    unsigned i = bin_index(chunk_size(c));
    c->prev_free = NULL;
    c->next_free = h->bins[i];
    if (c->next_free != NULL) {
        c->next_free->prev_free = c;
    }
    h->bins[i] = c;
    h->nonempty[i / 64] |= (uint64_t)1 << (i % 64);
}

static void bin_remove(heap *h, heap_chunk *c)
{
    unsigned i = bin_index(chunk_size(c));
    if (c->prev_free != NULL) {
        c->prev_free->next_free = c->next_free;
    } else {
        h->bins[i] = c->next_free;
    }
    if (c->next_free != NULL) {
        c->next_free->prev_free = c->prev_free;
    }
    if (h->bins[i] == NULL) {
        h->nonempty[i / 64] &= ~((uint64_t)1 << (i % 64));
    }
}

/* The lowest non-empty bin above `after`, or HEAP_BIN_COUNT. */
static unsigned next_nonempty_bin(const heap *h, unsigned after)
{
    for (unsigned i = after + 1; i < HEAP_BIN_COUNT;) {
        uint64_t word = h->nonempty[i / 64] >> (i % 64);
        if (word != 0) {
            return i + (unsigned)__builtin_ctzl(word);
        }
        i = (i / 64 + 1) * 64;
    }
    return HEAP_BIN_COUNT;
}

/* Marks a (possibly merged) free chunk free and files it. Its neighbours
 * are in use, so the next chunk learns our size and that we are free. */
static void make_free(heap *h, heap_chunk *c, size_t size)
{
    c->head = size | FLAG_PREV_IN_USE;
    heap_chunk *next = chunk_at(c, size);
    next->prev_size = size;
    next->head &= ~FLAG_PREV_IN_USE;
    bin_insert(h, c);
}

/* Frees an in-use chunk, merging it with free neighbours. */
static void release(heap *h, heap_chunk *c)
{
    size_t size = chunk_size(c);
    heap_chunk *next = chunk_at(c, size);
    h->bytes_in_use -= size;
    if (!prev_in_use(c)) {
        heap_chunk *prev = chunk_at(c, 0 - c->prev_size);
        bin_remove(h, prev);
        size += chunk_size(prev);
        c = prev;
    }
    if (!chunk_in_use(next)) {
        bin_remove(h, next);
        size += chunk_size(next);
    }
    make_free(h, c, size);
}

/* Turns the in-use chunk c into one of `size` bytes when the rest is big
 * enough to stand alone, and frees the rest. */
static void trim(heap *h, heap_chunk *c, size_t size)
{
    size_t have = chunk_size(c);
    if (have - size < MIN_CHUNK) {
        return;
    }
    heap_chunk *rest = chunk_at(c, size);
    c->head = size | (c->head & FLAGS);
    rest->head = (have - size) | FLAG_IN_USE | FLAG_PREV_IN_USE;
    /* rest counts as in use until release() takes it back */
    release(h, rest);
}

/* Takes a free chunk of at least `size` bytes out of the bins, marks it in
 * use and trims it. */
static heap_chunk *take(heap *h, size_t size)
{
    unsigned i = bin_index(size);
    heap_chunk *c = h->bins[i];
    while (c != NULL && chunk_size(c) < size) {
        c = c->next_free;
    }
    if (c == NULL) {
        unsigned j = next_nonempty_bin(h, i);
        if (j == HEAP_BIN_COUNT) {
            return NULL;
        }
        c = h->bins[j];
    }
    bin_remove(h, c);
    size_t have = chunk_size(c);
    c->head = have | FLAG_IN_USE | FLAG_PREV_IN_USE;
    next_chunk(c)->head |= FLAG_PREV_IN_USE;
    h->bytes_in_use += have;
    trim(h, c, size);
    return c;
}

void sel4rt_heap_init(heap *h)
{
    for (unsigned i = 0; i < HEAP_BIN_COUNT; i++) {
        h->bins[i] = NULL;
    }
    for (unsigned i = 0; i < HEAP_BIN_COUNT / 64; i++) {
        h->nonempty[i] = 0;
    }
    h->regions = NULL;
    h->bytes_total = 0;
    h->bytes_in_use = 0;
}

bool sel4rt_heap_add_region(heap *h, void *base, size_t size)
{
    uintptr_t start = ((uintptr_t)base + ALIGNMENT - 1) & ~(uintptr_t)(ALIGNMENT - 1);
    uintptr_t end = ((uintptr_t)base + size) & ~(uintptr_t)(ALIGNMENT - 1);
    if ((uintptr_t)base + size < (uintptr_t)base || end < start ||
        end - start < HEAP_MIN_REGION) {
        return false;
    }
    heap_region *region = (heap_region *)start;
    heap_chunk *first = (heap_chunk *)(start + sizeof(heap_region));
    heap_chunk *fence = (heap_chunk *)(end - HEADER_SIZE);
    size_t usable = (size_t)((uintptr_t)fence - (uintptr_t)first);
    fence->head = FLAG_IN_USE; /* size 0; PREV_IN_USE is cleared by make_free */
    first->head = usable | FLAG_IN_USE | FLAG_PREV_IN_USE;
    make_free(h, first, usable);
    region->fence = fence;
    region->next = h->regions;
    h->regions = region;
    h->bytes_total += usable;
    return true;
}

void *sel4rt_heap_alloc(heap *h, size_t n)
{
    size_t size = chunk_size_for(n);
    if (size == 0) {
        return NULL;
    }
    heap_chunk *c = take(h, size);
    return c == NULL ? NULL : payload(c);
}

void *sel4rt_heap_alloc_aligned(heap *h, size_t align, size_t n)
{
    if (align == 0 || (align & (align - 1)) != 0) {
        return NULL;
    }
    if (align <= ALIGNMENT) {
        return sel4rt_heap_alloc(h, n);
    }
    size_t size = chunk_size_for(n);
    if (size == 0 || align > SIZE_MAX / 4 || size > SIZE_MAX / 2 - align) {
        return NULL;
    }
    /* Room for the worst gap in front: just under align, plus a whole align
     * when the gap is too short to be a chunk of its own. */
    heap_chunk *c = take(h, size + align + MIN_CHUNK);
    if (c == NULL) {
        return NULL;
    }
    uintptr_t p = (uintptr_t)payload(c);
    uintptr_t q = (p + align - 1) & ~(uintptr_t)(align - 1);
    if (q != p) {
        if (q - p < MIN_CHUNK) {
            q += align; /* align >= 32 = MIN_CHUNK, so the gap now fits */
        }
        heap_chunk *aligned = chunk_of((void *)q);
        size_t gap = (size_t)(q - p);
        aligned->head = (chunk_size(c) - gap) | FLAG_IN_USE | FLAG_PREV_IN_USE;
        c->head = gap | (c->head & FLAGS);
        release(h, c); /* the gap goes back; aligned learns it is free */
        c = aligned;
    }
    trim(h, c, size);
    return payload(c);
}

static const heap_region *region_of(const heap *h, const heap_chunk *c)
{
    for (const heap_region *r = h->regions; r != NULL; r = r->next) {
        if ((uintptr_t)c >= (uintptr_t)(r + 1) && (uintptr_t)c < (uintptr_t)r->fence) {
            return r;
        }
    }
    return NULL;
}

bool sel4rt_heap_is_allocation(const heap *h, const void *ptr)
{
    if (ptr == NULL || ((uintptr_t)ptr % ALIGNMENT) != 0) {
        return false;
    }
    heap_chunk *c = chunk_of(ptr);
    const heap_region *r = region_of(h, c);
    if (r == NULL || !chunk_in_use(c)) {
        return false;
    }
    size_t size = chunk_size(c);
    if (size < MIN_CHUNK || size > (size_t)((uintptr_t)r->fence - (uintptr_t)c)) {
        return false;
    }
    return prev_in_use(next_chunk(c));
}

bool sel4rt_heap_free(heap *h, void *ptr)
{
    if (!sel4rt_heap_is_allocation(h, ptr)) {
        return false;
    }
    release(h, chunk_of(ptr));
    return true;
}

void *sel4rt_heap_realloc(heap *h, void *ptr, size_t n)
{
    size_t size = chunk_size_for(n);
    if (size == 0) {
        return NULL;
    }
    heap_chunk *c = chunk_of(ptr);
    size_t have = chunk_size(c);
    if (size <= have) {
        trim(h, c, size);
        return ptr;
    }
    heap_chunk *next = next_chunk(c);
    if (!chunk_in_use(next) && have + chunk_size(next) >= size) {
        size_t merged = have + chunk_size(next);
        bin_remove(h, next);
        c->head = merged | (c->head & FLAGS);
        next_chunk(c)->head |= FLAG_PREV_IN_USE;
        h->bytes_in_use += merged - have;
        trim(h, c, size);
        return ptr;
    }
    void *moved = sel4rt_heap_alloc(h, n);
    if (moved == NULL) {
        return NULL;
    }
    /* byte copy: this file must not depend on memcpy (it is tested apart) */
    const uint64_t *from = ptr;
    uint64_t *to = moved;
    for (size_t i = 0; i < (have - HEADER_SIZE) / 8; i++) {
        to[i] = from[i];
    }
    release(h, c);
    return moved;
}

size_t sel4rt_heap_usable_size(const void *ptr)
{
    return ptr == NULL ? 0 : chunk_size(chunk_of(ptr)) - HEADER_SIZE;
}

void sel4rt_heap_get_stats(const heap *h, heap_stats *out)
{
    out->bytes_total = h->bytes_total;
    out->bytes_in_use = h->bytes_in_use;
    out->free_chunks = 0;
    out->largest_free = 0;
    for (unsigned i = 0; i < HEAP_BIN_COUNT; i++) {
        for (const heap_chunk *c = h->bins[i]; c != NULL; c = c->next_free) {
            out->free_chunks++;
            if (chunk_size(c) - HEADER_SIZE > out->largest_free) {
                out->largest_free = chunk_size(c) - HEADER_SIZE;
            }
        }
    }
}

/* Invariant numbers returned by sel4rt_heap_check. */
enum {
    HEAP_OK = 0,
    BAD_CHUNK_SIZE = 1,      /* size below minimum, unaligned or past the fence */
    BAD_PREV_FLAG = 2,       /* PREV_IN_USE disagrees with the chunk before */
    ADJACENT_FREE = 3,       /* two free chunks next to each other */
    BAD_PREV_SIZE = 4,       /* a free chunk's size not repeated after it */
    BAD_FENCE = 5,           /* walk did not end exactly at the fence */
    BAD_BIN = 6,             /* chunk in a bin of another size class, or in use */
    BAD_LINKS = 7,           /* free list links inconsistent */
    BAD_BITMAP = 8,          /* bitmap disagrees with the bins */
    FREE_COUNT_MISMATCH = 9, /* free chunks in regions != chunks in bins */
    BAD_ACCOUNTING = 10,     /* bytes_in_use / bytes_total disagree with the walk */
};

int sel4rt_heap_check(const heap *h)
{
    size_t free_in_regions = 0, total = 0, in_use = 0;
    for (const heap_region *r = h->regions; r != NULL; r = r->next) {
        heap_chunk *c = (heap_chunk *)(r + 1);
        bool prev_free = false;
        total += (size_t)((uintptr_t)r->fence - (uintptr_t)c);
        while (c != r->fence) {
            size_t size = chunk_size(c);
            if (size < MIN_CHUNK || size % ALIGNMENT != 0 ||
                size > (size_t)((uintptr_t)r->fence - (uintptr_t)c)) {
                return BAD_CHUNK_SIZE;
            }
            if (prev_in_use(c) == prev_free) {
                return BAD_PREV_FLAG;
            }
            if (!chunk_in_use(c)) {
                if (prev_free) {
                    return ADJACENT_FREE;
                }
                if (next_chunk(c)->prev_size != size) {
                    return BAD_PREV_SIZE;
                }
                free_in_regions++;
            } else {
                in_use += size;
            }
            prev_free = !chunk_in_use(c);
            c = next_chunk(c);
        }
        if (chunk_size(c) != 0 || !chunk_in_use(c) || prev_in_use(c) == prev_free) {
            return BAD_FENCE;
        }
    }
    size_t free_in_bins = 0;
    for (unsigned i = 0; i < HEAP_BIN_COUNT; i++) {
        bool bit = (h->nonempty[i / 64] >> (i % 64)) & 1;
        if (bit != (h->bins[i] != NULL)) {
            return BAD_BITMAP;
        }
        const heap_chunk *prev = NULL;
        for (const heap_chunk *c = h->bins[i]; c != NULL; c = c->next_free) {
            if (chunk_in_use(c) || bin_index(chunk_size(c)) != i) {
                return BAD_BIN;
            }
            if (c->prev_free != prev) {
                return BAD_LINKS;
            }
            prev = c;
            if (++free_in_bins > free_in_regions) {
                return FREE_COUNT_MISMATCH;
            }
        }
    }
    if (free_in_bins != free_in_regions) {
        return FREE_COUNT_MISMATCH;
    }
    if (total != h->bytes_total || in_use != h->bytes_in_use) {
        return BAD_ACCOUNTING;
    }
    return HEAP_OK;
}

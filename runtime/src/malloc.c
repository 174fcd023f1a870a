/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The C library's allocation functions over one global heap (heap.c). The
 * heap starts as a static region in .bss (layout.h) and is set up on first
 * use, so constructors may allocate. When no region holds a request, the
 * heap grows from untyped memory (heap_grow.c) under the heap lock and the
 * request is tried once more; a program may also add memory with
 * sel4runtime_heap_add_region(). A free() of something that is not a live
 * allocation is a bug in the program: it is reported and aborts.
 */
#include "heap.h"
#include "internal.h"
#include "lock.h"
#include "layout.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
NORETURN void abort(void);

static _Alignas(SEL4RUNTIME_PAGE_SIZE) unsigned char static_heap[SEL4RUNTIME_HEAP_SIZE];
static heap the_heap;
static bool initialised;
/* Threads share the heap: every entry into it holds this lock. */
static sel4rt_lock heap_lock;

static heap *get_heap(void)
{
    if (!initialised) {
        sel4rt_heap_init(&the_heap);
        sel4rt_heap_add_region(&the_heap, static_heap, sizeof(static_heap));
        initialised = true;
    }
    return &the_heap;
}

/* Room a request of n bytes at alignment align needs in a new region: the
 * chunk, the worst alignment gap, and the region's header and fence. */
static size_t growth_for(size_t n, size_t align)
{
    size_t room;
    if (__builtin_add_overflow(n, align + 256, &room)) {
        return SIZE_MAX;
    }
    return room;
}

/* Allocates with the heap lock held, growing the heap once when needed. */
static void *alloc_locked(size_t align, size_t n)
{
    heap *h = get_heap();
    void *p = sel4rt_heap_alloc_aligned(h, align, n);
    if (p == NULL && sel4rt_heap_grow(h, growth_for(n, align))) {
        p = sel4rt_heap_alloc_aligned(h, align, n);
    }
    return p;
}

static void *or_enomem(void *p)
{
    if (p == NULL) {
        *__errno_location() = ENOMEM;
    }
    return p;
}

int sel4runtime_heap_add_region(void *base, size_t size)
{
    sel4rt_lock_take(&heap_lock);
    bool added = sel4rt_heap_add_region(get_heap(), base, size);
    sel4rt_lock_give(&heap_lock);
    return added ? 0 : -1;
}

size_t sel4runtime_heap_size(void)
{
    sel4rt_lock_take(&heap_lock);
    size_t size = get_heap()->bytes_total;
    sel4rt_lock_give(&heap_lock);
    return size;
}

void *malloc(size_t size)
{
    sel4rt_lock_take(&heap_lock);
    void *p = alloc_locked(1, size);
    sel4rt_lock_give(&heap_lock);
    return or_enomem(p);
}

void free(void *ptr)
{
    if (ptr == NULL) {
        return;
    }
    sel4rt_lock_take(&heap_lock);
    bool freed = sel4rt_heap_free(get_heap(), ptr);
    sel4rt_lock_give(&heap_lock);
    if (!freed) {
        static const char message[] = "free(): invalid pointer\n";
        sel4rt_serial_write(message, sizeof(message) - 1);
        abort();
    }
}

void *calloc(size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        return or_enomem(NULL);
    }
    void *p = malloc(total);
    if (p != NULL) {
        memset(p, 0, total);
    }
    return p;
}

void *realloc(void *ptr, size_t size)
{
    if (ptr == NULL) {
        return malloc(size);
    }
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    sel4rt_lock_take(&heap_lock);
    if (!sel4rt_heap_is_allocation(get_heap(), ptr)) {
        sel4rt_lock_give(&heap_lock);
        static const char message[] = "realloc(): invalid pointer\n";
        sel4rt_serial_write(message, sizeof(message) - 1);
        abort();
    }
    void *p = sel4rt_heap_realloc(get_heap(), ptr, size);
    if (p == NULL && sel4rt_heap_grow(get_heap(), growth_for(size, 1))) {
        p = sel4rt_heap_realloc(get_heap(), ptr, size);
    }
    sel4rt_lock_give(&heap_lock);
    return or_enomem(p);
}

static bool power_of_two(size_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (!power_of_two(align) || align % sizeof(void *) != 0) {
        return EINVAL;
    }
    sel4rt_lock_take(&heap_lock);
    void *p = alloc_locked(align, size);
    sel4rt_lock_give(&heap_lock);
    if (p == NULL) {
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t size)
{
    if (!power_of_two(align)) {
        *__errno_location() = EINVAL;
        return NULL;
    }
    sel4rt_lock_take(&heap_lock);
    void *p = alloc_locked(align, size);
    sel4rt_lock_give(&heap_lock);
    return or_enomem(p);
}

void *memalign(size_t align, size_t size)
{
    return aligned_alloc(align, size);
}

void *valloc(size_t size)
{
    return aligned_alloc(SEL4RUNTIME_PAGE_SIZE, size);
}

size_t malloc_usable_size(void *ptr)
{
    return sel4rt_heap_usable_size(ptr);
}

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL) {
        memcpy(copy, s, n);
    }
    return copy;
}

char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *copy = malloc(n + 1);
    if (copy != NULL) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

void *sel4rt_heap_alloc_pages(size_t length)
{
    sel4rt_lock_take(&heap_lock);
    void *p = alloc_locked(SEL4RUNTIME_PAGE_SIZE, length);
    sel4rt_lock_give(&heap_lock);
    return p;
}

bool sel4rt_heap_release_pages(void *addr)
{
    sel4rt_lock_take(&heap_lock);
    bool freed = sel4rt_heap_free(get_heap(), addr);
    sel4rt_lock_give(&heap_lock);
    return freed;
}

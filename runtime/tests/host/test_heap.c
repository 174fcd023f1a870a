/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The heap allocator: long random sequences of allocations, aligned
 * allocations, reallocations and frees, checking after each step that
 * every live block keeps its contents, is aligned as asked, overlaps no
 * other, and that the heap's own invariants hold; plus the edge cases
 * (exhaustion, invalid frees, in-place growth, several regions).
 */
#include <stdlib.h>
#include <string.h>

#include "heap.h"
#include "tests.h"

#define ARENA_SIZE (4u << 20)
#define SLOTS 600

typedef struct {
    unsigned char *ptr;
    size_t size;
    size_t align;
    unsigned char fill;
} live_block;

static unsigned char *arena;
static heap h;

static void setup(void)
{
    arena = aligned_alloc(4096, ARENA_SIZE);
    ck_assert_ptr_nonnull(arena);
    sel4rt_heap_init(&h);
    ck_assert(sel4rt_heap_add_region(&h, arena, ARENA_SIZE));
}

static void teardown(void)
{
    free(arena);
}

static void fill(live_block *b)
{
    memset(b->ptr, b->fill, b->size);
}

static void verify(const live_block *b, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (b->ptr[i] != b->fill) {
            ck_abort_msg("block %p (size %zu) byte %zu changed", (void *)b->ptr, b->size, i);
        }
    }
}

static int by_address(const void *a, const void *b)
{
    const live_block *x = a, *y = b;
    return (x->ptr > y->ptr) - (x->ptr < y->ptr);
}

static void verify_no_overlap(const live_block *slots)
{
    static live_block sorted[SLOTS];
    size_t n = 0;
    for (size_t i = 0; i < SLOTS; i++) {
        if (slots[i].ptr != NULL) {
            sorted[n++] = slots[i];
        }
    }
    qsort(sorted, n, sizeof(sorted[0]), by_address);
    for (size_t i = 0; i + 1 < n; i++) {
        ck_assert((uintptr_t)(sorted[i].ptr + sorted[i].size) <= (uintptr_t)(sorted[i + 1].ptr));
    }
    for (size_t i = 0; i < n; i++) {
        ck_assert((uintptr_t)(sorted[i].ptr) >= (uintptr_t)(arena));
        ck_assert((uintptr_t)(sorted[i].ptr + sorted[i].size) <= (uintptr_t)(arena + ARENA_SIZE));
        ck_assert_uint_ge(sel4rt_heap_usable_size(sorted[i].ptr), sorted[i].size);
    }
}

static size_t random_size(uint64_t *seed)
{
    uint64_t r = test_random(seed) % 100;
    if (r < 70) {
        return test_random(seed) % 200;
    }
    if (r < 95) {
        return test_random(seed) % 8192;
    }
    return test_random(seed) % (256 * 1024);
}

START_TEST(random_sequences_keep_every_invariant)
{
    static live_block slots[SLOTS];
    memset(slots, 0, sizeof(slots));
    uint64_t seed = 0x1234567u + (uint64_t)_i * 7919u;
    unsigned char next_fill = 1;
    size_t failures = 0;
    for (int step = 0; step < 60000; step++) {
        live_block *b = &slots[test_random(&seed) % SLOTS];
        uint64_t action = test_random(&seed) % 100;
        if (b->ptr == NULL) {
            b->size = random_size(&seed);
            b->align = action < 30 ? (size_t)1 << (test_random(&seed) % 17) : 16;
            b->ptr = action < 30 ? sel4rt_heap_alloc_aligned(&h, b->align, b->size)
                                 : sel4rt_heap_alloc(&h, b->size);
            if (b->ptr == NULL) {
                failures++;
                continue;
            }
            ck_assert_uint_eq((uintptr_t)b->ptr % b->align, 0);
            b->fill = next_fill++;
            fill(b);
        } else if (action < 60) {
            verify(b, b->size);
            ck_assert(sel4rt_heap_free(&h, b->ptr));
            b->ptr = NULL;
        } else {
            size_t new_size = random_size(&seed) + 1;
            unsigned char *moved = sel4rt_heap_realloc(&h, b->ptr, new_size);
            if (moved == NULL) {
                failures++;
                verify(b, b->size);
                continue;
            }
            ck_assert_uint_eq((uintptr_t)moved % 16, 0);
            b->ptr = moved;
            verify(b, b->size < new_size ? b->size : new_size);
            b->size = new_size;
            b->fill = next_fill++;
            fill(b);
        }
        if (step % 500 == 0) {
            ck_assert_int_eq(sel4rt_heap_check(&h), 0);
            verify_no_overlap(slots);
        }
    }
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
    verify_no_overlap(slots);
    ck_assert_uint_lt(failures, 60000 / 10);
    for (size_t i = 0; i < SLOTS; i++) {
        if (slots[i].ptr != NULL) {
            verify(&slots[i], slots[i].size);
            ck_assert(sel4rt_heap_free(&h, slots[i].ptr));
        }
    }
    /* everything merged back into one free chunk */
    heap_stats stats;
    sel4rt_heap_get_stats(&h, &stats);
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
    ck_assert_uint_eq(stats.bytes_in_use, 0);
    ck_assert_uint_eq(stats.free_chunks, 1);
    ck_assert_uint_eq(stats.largest_free, stats.bytes_total - 16);
}
END_TEST

START_TEST(zero_sizes_and_bad_requests)
{
    void *p = sel4rt_heap_alloc(&h, 0);
    ck_assert_ptr_nonnull(p);
    ck_assert(sel4rt_heap_free(&h, p));
    ck_assert_ptr_null(sel4rt_heap_alloc(&h, SIZE_MAX));
    ck_assert_ptr_null(sel4rt_heap_alloc(&h, SIZE_MAX - 8));
    ck_assert_ptr_null(sel4rt_heap_alloc_aligned(&h, 48, 10));
    ck_assert_ptr_null(sel4rt_heap_alloc_aligned(&h, 0, 10));
    ck_assert_ptr_null(sel4rt_heap_alloc_aligned(&h, (size_t)1 << 62, 10));
    ck_assert_ptr_null(sel4rt_heap_alloc(&h, ARENA_SIZE));
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
}
END_TEST

START_TEST(invalid_frees_are_refused)
{
    unsigned char *p = sel4rt_heap_alloc(&h, 100);
    unsigned char *q = sel4rt_heap_alloc(&h, 100);
    ck_assert(!sel4rt_heap_free(&h, p + 16));     /* inside a block */
    ck_assert(!sel4rt_heap_free(&h, p + 1));      /* misaligned */
    ck_assert(!sel4rt_heap_free(&h, arena - 64)); /* outside every region */
    ck_assert(sel4rt_heap_free(&h, p));
    ck_assert(!sel4rt_heap_free(&h, p)); /* double free */
    ck_assert(!sel4rt_heap_is_allocation(&h, p));
    ck_assert(sel4rt_heap_is_allocation(&h, q));
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
}
END_TEST

START_TEST(exhaustion_then_full_recovery)
{
    static void *blocks[ARENA_SIZE / 1024];
    size_t n = 0;
    while ((blocks[n] = sel4rt_heap_alloc(&h, 1000)) != NULL) {
        n++;
    }
    ck_assert_uint_gt(n, ARENA_SIZE / 1100);
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
    /* free every other block, then the rest: merging must reunite them */
    for (size_t i = 0; i < n; i += 2) {
        ck_assert(sel4rt_heap_free(&h, blocks[i]));
    }
    ck_assert_ptr_null(sel4rt_heap_alloc(&h, 4000));
    for (size_t i = 1; i < n; i += 2) {
        ck_assert(sel4rt_heap_free(&h, blocks[i]));
    }
    heap_stats stats;
    sel4rt_heap_get_stats(&h, &stats);
    ck_assert_uint_eq(stats.free_chunks, 1);
    ck_assert_ptr_nonnull(sel4rt_heap_alloc(&h, ARENA_SIZE - 1024));
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
}
END_TEST

START_TEST(realloc_grows_in_place_into_a_free_neighbour)
{
    unsigned char *a = sel4rt_heap_alloc(&h, 100);
    unsigned char *b = sel4rt_heap_alloc(&h, 1000);
    unsigned char *c = sel4rt_heap_alloc(&h, 100);
    memset(a, 0xab, 100);
    ck_assert(sel4rt_heap_free(&h, b));
    unsigned char *grown = sel4rt_heap_realloc(&h, a, 900);
    ck_assert_ptr_eq(grown, a);
    for (int i = 0; i < 100; i++) {
        ck_assert_uint_eq(grown[i], 0xab);
    }
    /* shrinking stays in place too */
    ck_assert_ptr_eq(sel4rt_heap_realloc(&h, grown, 10), a);
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
    ck_assert(sel4rt_heap_free(&h, c));
    ck_assert(sel4rt_heap_free(&h, a));
}
END_TEST

START_TEST(every_power_of_two_alignment)
{
    for (unsigned bits = 0; bits <= 20; bits++) {
        size_t align = (size_t)1 << bits;
        void *p = sel4rt_heap_alloc_aligned(&h, align, 24);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % align, 0);
        ck_assert_int_eq(sel4rt_heap_check(&h), 0);
        ck_assert(sel4rt_heap_free(&h, p));
    }
    heap_stats stats;
    sel4rt_heap_get_stats(&h, &stats);
    ck_assert_uint_eq(stats.free_chunks, 1);
}
END_TEST

START_TEST(regions_added_later_are_used)
{
    static _Alignas(16) unsigned char second[1 << 16];
    static _Alignas(16) unsigned char tiny[48];
    ck_assert(!sel4rt_heap_add_region(&h, tiny, sizeof(tiny)));
    void *big = sel4rt_heap_alloc(&h, ARENA_SIZE - 4096);
    ck_assert_ptr_nonnull(big);
    ck_assert_ptr_null(sel4rt_heap_alloc(&h, 8192));
    ck_assert(sel4rt_heap_add_region(&h, second + 3, sizeof(second) - 3)); /* unaligned base */
    unsigned char *p = sel4rt_heap_alloc(&h, 8192);
    ck_assert_ptr_nonnull(p);
    ck_assert((uintptr_t)(p) >= (uintptr_t)(second));
    ck_assert((uintptr_t)(p + 8192) <= (uintptr_t)(second + sizeof(second)));
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
    ck_assert(sel4rt_heap_free(&h, p));
    ck_assert(sel4rt_heap_free(&h, big));
    heap_stats stats;
    sel4rt_heap_get_stats(&h, &stats);
    ck_assert_uint_eq(stats.free_chunks, 2);
    ck_assert_int_eq(sel4rt_heap_check(&h), 0);
}
END_TEST

Suite *heap_suite(void)
{
    Suite *s = suite_create("heap");
    TCase *tc = tcase_create("heap");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, random_sequences_keep_every_invariant, 0, 4);
    tcase_add_test(tc, zero_sizes_and_bad_requests);
    tcase_add_test(tc, invalid_frees_are_refused);
    tcase_add_test(tc, exhaustion_then_full_recovery);
    tcase_add_test(tc, realloc_grows_in_place_into_a_free_neighbour);
    tcase_add_test(tc, every_power_of_two_alignment);
    tcase_add_test(tc, regions_added_later_are_used);
    suite_add_tcase(s, tc);
    return s;
}

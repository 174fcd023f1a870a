/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Host tests of the fastpath's CSpace walk (include/api/fastpath_lookup.h):
 * on random CSpaces of one to several levels, with guards of every size,
 * CNodes of no slots and CNodes that contain themselves, it must find
 * exactly the slot resolve_address_bits finds over 64 bits, and fail
 * exactly where that walk fails. The fastpath relies on the first: a slot
 * it finds is the one the general path would use.
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MAP_FIXED_NOREPLACE */
#include "boot_tests.h"

#include <string.h>
#include <sys/mman.h>

#include <api/fastpath_lookup.h>
#include <kernel/cspace.h>
#include <memlayout.h>

/* CNodes live in memory mapped at a fixed low address, so that the kernel's
   window arithmetic (kva) maps the "physical" addresses in caps onto it. */
#define ARENA ((uintptr_t)0x38000000)
#define ARENA_SIZE (1u << 16)
#define MAX_RADIX 3
#define NODES 24
#define NODE_BYTES ((1u << MAX_RADIX) * sizeof(struct cte))
_Static_assert(NODES * NODE_BYTES <= ARENA_SIZE, "the CNodes fit the arena");

static uint8_t *arena;
static uint64_t seed;

static void setup(void)
{
    void *p = mmap((void *)ARENA, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    ck_assert_ptr_eq(p, (void *)ARENA);
    arena = p;
    seed = 0x9e3779b97f4a7c15ull;
}

static void teardown(void)
{
    munmap(arena, ARENA_SIZE);
}

static uint64_t rnd(uint64_t n)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return n ? seed % n : seed;
}

static uint64_t pa(const void *p)
{
    return (uint64_t)(uintptr_t)p - PPTR_BASE;
}

/* The caps of node i of the current CSpace. */
static struct cap node_caps[NODES];

static struct cte *slots_of(unsigned i)
{
    return (struct cte *)(void *)(arena + i * NODE_BYTES);
}

/* A random CSpace: each node's guard size is drawn so that paths of a few
   levels end near 64 bits, and a few guard sizes are wrong on purpose. Each
   slot holds null, an endpoint, or a cap to a random node (itself too). */
static void make_cspace(void)
{
    memset(arena, 0, NODES * NODE_BYTES);
    for (unsigned i = 0; i < NODES; i++) {
        unsigned radix = (unsigned)rnd(MAX_RADIX + 1);
        unsigned guard_size = (unsigned)(rnd(4) == 0 ? rnd(64) : 64 - radix - rnd(3) * 20);
        if (guard_size > 63) {
            guard_size = 63;
        }
        uint64_t guard = rnd(8) == 0 ? rnd(0) : (guard_size ? rnd(0) & ((1ull << guard_size) - 1) : 0);
        if (rnd(2)) {
            guard = rnd(3); /* small guards, so random cptrs often match */
            if (guard_size < 2) {
                guard &= (1ull << guard_size) - 1;
            }
        }
        node_caps[i] = cap_cnode(pa(slots_of(i)), radix, guard_size, guard);
    }
    for (unsigned i = 0; i < NODES; i++) {
        for (unsigned s = 0; s < (1u << cap_cnode_radix(node_caps[i])); s++) {
            uint64_t pick = rnd(4);
            slots_of(i)[s].cap = pick == 0   ? cap_null()
                                 : pick == 1 ? cap_endpoint(0x1000, rnd(0), 15)
                                             : node_caps[rnd(NODES)];
        }
    }
}

/* A cptr that follows the guards of the nodes it meets for a while, then
   random bits: most walks get some levels deep. */
static uint64_t make_cptr(struct cap root)
{
    uint64_t cptr = 0;
    unsigned used = 0;
    struct cap node = root;
    while (cap_type(node) == cap_cnode_cap && rnd(8) != 0) {
        unsigned radix = cap_cnode_radix(node);
        unsigned guard_size = cap_cnode_guard_size(node);
        unsigned level = radix + guard_size;
        if (level == 0 || used + level > 64) {
            break;
        }
        uint64_t index = rnd(1ull << radix);
        uint64_t piece = (cap_cnode_guard(node) << radix) | index;
        if (level < 64) {
            piece &= (1ull << level) - 1;
        }
        used += level;
        cptr |= used == 64 ? piece : piece << (64 - used);
        node = slots_of((unsigned)((cap_cnode_paddr(node) + PPTR_BASE - ARENA) / NODE_BYTES))[index].cap;
    }
    if (used == 0) {
        cptr = rnd(0);
    } else if (used < 64 && rnd(2)) {
        cptr |= rnd(0) & ((1ull << (64 - used)) - 1);
    }
    if (rnd(16) == 0) {
        cptr ^= 1ull << rnd(64);
    }
    return cptr;
}

START_TEST(fast_walk_finds_what_the_general_walk_finds)
{
    unsigned found = 0, deep = 0, failed = 0;
    for (unsigned space = 0; space < 400; space++) {
        make_cspace();
        for (unsigned n = 0; n < 200; n++) {
            struct cap root = rnd(20) == 0 ? cap_endpoint(0x1000, 0, 15) : node_caps[rnd(NODES)];
            uint64_t cptr = make_cptr(root);
            struct resolve_result r = resolve_address_bits(root, cptr, 64);
            struct cte *slot = NULL;
            bool ok = lookup_slot_fast(root, cptr, &slot);
            ck_assert_msg(ok == (r.status == EXCEPTION_NONE), "cptr %#lx: fast %d, general status %d",
                          (unsigned long)cptr, ok, r.status);
            if (ok) {
                ck_assert_ptr_eq(slot, r.slot);
                found++;
                deep += cap_type(root) == cap_cnode_cap &&
                        cap_cnode_radix(root) + cap_cnode_guard_size(root) < 64 - r.bits_remaining;
            } else {
                failed++;
            }
        }
    }
    /* The random spaces must exercise both outcomes and walks below the root. */
    ck_assert_uint_gt(found, 1000);
    ck_assert_uint_gt(failed, 1000);
    ck_assert_uint_gt(deep, 100);
}
END_TEST

START_TEST(fast_walk_edge_levels)
{
    memset(arena, 0, NODES * NODE_BYTES);
    struct cte *s0 = slots_of(0);
    /* One level of 64 bits: radix 3, guard of 61 bits. */
    struct cap full = cap_cnode(pa(s0), 3, 61, 5);
    struct cte *slot = NULL;
    ck_assert(lookup_slot_fast(full, (5ull << 3) | 6, &slot));
    ck_assert_ptr_eq(slot, s0 + 6);
    ck_assert(!lookup_slot_fast(full, (4ull << 3) | 6, &slot));
    /* A CNode resolving no bits, and a guard wider than the bits left. */
    ck_assert(!lookup_slot_fast(cap_cnode(pa(s0), 0, 0, 0), 0, &slot));
    s0[1].cap = cap_cnode(pa(slots_of(1)), 2, 62, 0);
    ck_assert(!lookup_slot_fast(cap_cnode(pa(s0), 3, 0, 0), 1ull << 61, &slot));
    /* A slot that is not a CNode ends the walk with bits left. */
    s0[2].cap = cap_endpoint(0x1000, 7, 15);
    ck_assert(lookup_slot_fast(cap_cnode(pa(s0), 3, 0, 0), 2ull << 61, &slot));
    ck_assert_ptr_eq(slot, s0 + 2);
}
END_TEST

Suite *fastpath_lookup_suite(void)
{
    Suite *s = suite_create("fastpath_lookup");
    TCase *tc = tcase_create("walk");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, fast_walk_finds_what_the_general_walk_finds);
    tcase_add_test(tc, fast_walk_edge_levels);
    suite_add_tcase(s, tc);
    return s;
}

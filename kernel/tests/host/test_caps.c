/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Host tests of the capability logic: cptr resolution through guards and
 * radixes (kernel/cspace.c), the derivation tree (kernel/cdt.c, with the cap
 * rules of object/cap_ops.c) and Untyped_Retype arithmetic
 * (object/untyped_math.c). CNodes live in memory mapped at a fixed low
 * address, so that the kernel's physical-to-virtual window arithmetic maps
 * the "physical" addresses in caps back onto it.
 */
#define _GNU_SOURCE /* MAP_ANONYMOUS, MAP_FIXED_NOREPLACE */
#include "boot_tests.h"

#include <sys/mman.h>

#include <kernel/cdt.h>
#include <kernel/cspace.h>
#include <kernel/delete.h>
#include <memlayout.h>
#include <object/cap_ops.h>
#include <object/finalise.h>
#include <object/untyped_math.h>
#include <object/vspace.h>

/* The vspace rules are not under test here: plain stand-ins. */
exception_t vspace_derive_cap(struct cap cap, struct cap *derived)
{
    *derived = cap;
    return EXCEPTION_NONE;
}
struct cap vspace_mask_cap_rights(uint64_t rights_word, struct cap cap)
{
    (void)rights_word;
    return cap;
}
bool vspace_same_region_as(struct cap a, struct cap b)
{
    return cap_type(a) == cap_type(b) && cap_table_paddr(a) == cap_table_paddr(b);
}
bool vspace_same_object_as(struct cap a, struct cap b)
{
    return vspace_same_region_as(a, b);
}
void vspace_finalise_cap(struct cap cap, bool final)
{
    (void)cap;
    (void)final;
}

/* Preemption points see an interrupt always pending (test_preemption.c), so
   the tests meet every point where an operation can stop. */

/* Finalisation hooks: counted, so the tests see which objects were destroyed. */
static unsigned endpoints_finalised;
void finalise_endpoint(struct cap cap)
{
    (void)cap;
    endpoints_finalised++;
}
void finalise_notification(struct cap cap) { (void)cap; }
void finalise_irq_handler(struct cap cap) { (void)cap; }
void finalise_io_port(struct cap cap) { (void)cap; }
void tcb_finalise(struct tcb *t) { (void)t; }

#define ARENA ((uintptr_t)0x30000000)
#define ARENA_SIZE (1u << 18)
static uint8_t *arena;

static void setup(void)
{
    void *p = mmap((void *)ARENA, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                   -1, 0);
    ck_assert_ptr_eq(p, (void *)ARENA);
    arena = p;
}

static void teardown(void)
{
    munmap(arena, ARENA_SIZE);
}

/* The "physical" address whose window address is p. */
static uint64_t pa(const void *p)
{
    return (uint64_t)(uintptr_t)p - PPTR_BASE;
}

/* A CNode of 2^radix slots at byte offset off of the arena. */
static struct cap node_at(unsigned off, unsigned radix, unsigned guard_size, uint64_t guard)
{
    return cap_cnode(pa(arena + off), radix, guard_size, guard);
}

static struct cte *slots_of(struct cap node)
{
    return cnode_slots(node);
}

START_TEST(lookup_single_level_with_guard)
{
    struct cap root = node_at(0, 4, 60, 0);
    struct resolve_result r = resolve_address_bits(root, 5, 64);
    ck_assert_int_eq(r.status, EXCEPTION_NONE);
    ck_assert_ptr_eq(r.slot, slots_of(root) + 5);
    ck_assert_uint_eq(r.bits_remaining, 0);

    r = resolve_address_bits(root, (1ull << 40) | 5, 64);
    ck_assert_int_eq(r.status, EXCEPTION_LOOKUP_FAULT);
    ck_assert_int_eq(current_lookup_fault.kind, LOOKUP_GUARD_MISMATCH);
    ck_assert_uint_eq(current_lookup_fault.bits_left, 64);
    ck_assert_uint_eq(current_lookup_fault.bits_found, 60);
    ck_assert_uint_eq(current_lookup_fault.guard_found, 0);

    r = resolve_address_bits(root, 0, 62);
    ck_assert_int_eq(r.status, EXCEPTION_LOOKUP_FAULT);
    ck_assert_int_eq(current_lookup_fault.kind, LOOKUP_DEPTH_MISMATCH);
    ck_assert_uint_eq(current_lookup_fault.bits_left, 62);
    ck_assert_uint_eq(current_lookup_fault.bits_found, 64);
}
END_TEST

START_TEST(lookup_two_levels_and_through_non_cnode)
{
    struct cap top = node_at(0, 4, 0, 0);
    struct cap inner = node_at(4096, 3, 2, 1);
    slots_of(top)[2].cap = inner;
    slots_of(top)[3].cap = cap_endpoint(0x1000, 0, 15);

    /* 4 bits: slot 2; 2 guard bits 01; 3 bits: slot 6. */
    uint64_t cptr = (2u << 5) | (1u << 3) | 6;
    struct resolve_result r = resolve_address_bits(top, cptr, 9);
    ck_assert_int_eq(r.status, EXCEPTION_NONE);
    ck_assert_ptr_eq(r.slot, slots_of(inner) + 6);

    /* Wrong guard at the second level. */
    r = resolve_address_bits(top, (2u << 5) | (2u << 3) | 6, 9);
    ck_assert_int_eq(r.status, EXCEPTION_LOOKUP_FAULT);
    ck_assert_int_eq(current_lookup_fault.kind, LOOKUP_GUARD_MISMATCH);
    ck_assert_uint_eq(current_lookup_fault.bits_left, 5);
    ck_assert_uint_eq(current_lookup_fault.guard_found, 1);

    /* Through an endpoint: stops there with bits left. */
    r = resolve_address_bits(top, (3u << 4) | 1, 8);
    ck_assert_int_eq(r.status, EXCEPTION_NONE);
    ck_assert_ptr_eq(r.slot, slots_of(top) + 3);
    ck_assert_uint_eq(r.bits_remaining, 4);

    /* As a CNode operation that is a depth mismatch: 4 bits left, 0 found. */
    r = lookup_slot_for_cnode_op(true, top, (3u << 4) | 1, 8);
    ck_assert_int_eq(r.status, EXCEPTION_SYSCALL_ERROR);
    ck_assert_int_eq(current_syscall_error.type, seL4_FailedLookup);
    ck_assert(current_syscall_error.failed_lookup_was_source);
    ck_assert_int_eq(current_lookup_fault.kind, LOOKUP_DEPTH_MISMATCH);
    ck_assert_uint_eq(current_lookup_fault.bits_left, 4);
    ck_assert_uint_eq(current_lookup_fault.bits_found, 0);
}
END_TEST

START_TEST(cnode_op_checks_root_then_depth)
{
    struct cap top = node_at(0, 4, 0, 0);
    struct resolve_result r = lookup_slot_for_cnode_op(false, cap_endpoint(0x1000, 0, 15), 0, 0);
    ck_assert_int_eq(current_syscall_error.type, seL4_FailedLookup);
    ck_assert_int_eq(current_lookup_fault.kind, LOOKUP_INVALID_ROOT);
    r = lookup_slot_for_cnode_op(false, top, 0, 0);
    ck_assert_int_eq(r.status, EXCEPTION_SYSCALL_ERROR);
    ck_assert_int_eq(current_syscall_error.type, seL4_RangeError);
    ck_assert_uint_eq(current_syscall_error.range_min, 1);
    ck_assert_uint_eq(current_syscall_error.range_max, 64);
    r = lookup_slot_for_cnode_op(false, top, 0, 65);
    ck_assert_int_eq(current_syscall_error.type, seL4_RangeError);
}
END_TEST

START_TEST(self_containing_cnode_resolves_64_bits)
{
    struct cap node = node_at(0, 1, 0, 0);
    slots_of(node)[0].cap = node;
    struct resolve_result r = resolve_address_bits(node, 1, 64);
    ck_assert_int_eq(r.status, EXCEPTION_NONE);
    ck_assert_ptr_eq(r.slot, slots_of(node) + 1);
}
END_TEST

static struct cte *cte(unsigned i)
{
    return (struct cte *)arena + i;
}

START_TEST(cdt_badged_endpoints)
{
    struct cap ep = cap_endpoint(0x1000, 0, 15);
    cdt_set_root(cte(0), ep);
    cdt_insert(update_cap_data(false, 5, ep), cte(0), cte(1));  /* badge 5 */
    cdt_insert(cte(1)->cap, cte(1), cte(2));                     /* copy of badge 5 */
    cdt_insert(ep, cte(0), cte(3));                              /* plain copy */
    ck_assert(mdb_revocable(cte(1)) && mdb_first_badged(cte(1)));
    ck_assert(!mdb_revocable(cte(2)));
    ck_assert(is_mdb_parent_of(cte(0), cte(3)));
    ck_assert(is_mdb_parent_of(cte(1), cte(2)));
    ck_assert(!is_mdb_parent_of(cte(3), cte(1)));
    ck_assert(cdt_has_children(cte(0)));
    ck_assert(!cdt_has_children(cte(3)));
    ck_assert(!is_final_capability(cte(2)));
    /* Badge 5 again from the original starts a new subtree. */
    cdt_insert(update_cap_data(false, 5, ep), cte(0), cte(4));
    ck_assert(mdb_first_badged(cte(4)));
    ck_assert(!is_mdb_parent_of(cte(4), cte(1)));
    /* Re-badging is refused. */
    ck_assert_uint_eq(cap_type(update_cap_data(false, 9, cte(1)->cap)), cap_null_cap);
    ck_assert_uint_eq(cap_type(update_cap_data(true, 0, ep)), cap_null_cap);
}
END_TEST

START_TEST(cdt_remove_move_swap_keep_the_list)
{
    struct cap ut = cap_untyped(0x100000, 16, false);
    cdt_set_root(cte(0), ut);
    cdt_insert_new(cte(0), cte(1), cap_endpoint(0x100000, 0, 15));
    cdt_insert_new(cte(0), cte(2), cap_endpoint(0x100010, 0, 15));
    /* Order: 0, 2, 1. */
    ck_assert_ptr_eq(mdb_next(cte(0)), cte(2));
    ck_assert_ptr_eq(mdb_next(cte(2)), cte(1));
    ck_assert(cdt_has_children(cte(0)));
    ck_assert(is_final_capability(cte(1)));

    /* Swap neighbours 2 and 1: order 0, 1, 2 with the caps exchanged. */
    struct cap c1 = cte(1)->cap, c2 = cte(2)->cap;
    cdt_swap(c1, cte(1), c2, cte(2));
    ck_assert_ptr_eq(mdb_next(cte(0)), cte(1));
    ck_assert_ptr_eq(mdb_next(cte(1)), cte(2));
    ck_assert_ptr_eq(mdb_prev(cte(2)), cte(1));
    ck_assert_ptr_eq(mdb_prev(cte(1)), cte(0));
    ck_assert_uint_eq(cte(1)->cap.w0, c2.w0);

    cdt_move(cte(2)->cap, cte(2), cte(7));
    ck_assert_uint_eq(cap_type(cte(2)->cap), cap_null_cap);
    ck_assert_ptr_eq(mdb_next(cte(1)), cte(7));
    ck_assert_ptr_eq(mdb_prev(cte(7)), cte(1));

    cdt_remove(cte(1));
    cdt_remove(cte(7));
    ck_assert_ptr_null(mdb_next(cte(0)));
    ck_assert(!cdt_has_children(cte(0)));
}
END_TEST

START_TEST(cdt_untyped_copy_is_full)
{
    struct cap ut = cap_untyped(0x100000, 12, false);
    cdt_set_root(cte(0), ut);
    cdt_insert(ut, cte(0), cte(1));
    ck_assert_uint_eq(cap_untyped_free_index(cte(0)->cap), 4096);
    ck_assert(is_mdb_parent_of(cte(0), cte(1)));
    ck_assert(is_final_capability(cte(1))); /* untyped caps are never the same object */
}
END_TEST

START_TEST(cap_rules)
{
    struct cap node = cap_cnode(0x200000, 4, 0, 0);
    struct cap guarded = update_cap_data(false, (0xffull << 6) | 3, node);
    ck_assert_uint_eq(cap_cnode_guard_size(guarded), 3);
    ck_assert_uint_eq(cap_cnode_guard(guarded), 7);
    ck_assert_uint_eq(cap_type(update_cap_data(false, 61, node)), cap_null_cap);
    ck_assert_uint_eq(cap_type(update_cap_data(false, 60, node)), cap_cnode_cap);
    struct cap ep = mask_cap_rights(2, cap_endpoint(0x1000, 0, 15));
    ck_assert(cap_endpoint_can_receive(ep) && !cap_endpoint_can_send(ep) && !cap_endpoint_can_grant(ep));
    ck_assert(same_region_as(cap_untyped(0x200000, 16, false), node));
    ck_assert(!same_region_as(cap_untyped(0x200000, 8, false), node));
    ck_assert(!same_object_as(cap_untyped(0x200000, 16, false), cap_untyped(0x200000, 16, false)));
}
END_TEST

START_TEST(untyped_arithmetic)
{
    ck_assert_uint_eq(retype_object_bits(seL4_TCBObject, 63), 11);
    ck_assert_uint_eq(retype_object_bits(seL4_CapTableObject, 10), 15);
    ck_assert_uint_eq(retype_object_bits(seL4_X64_HugePageObject, 0), 30);
    ck_assert_uint_eq(retype_object_bits(seL4_UntypedObject, 20), 20);
    ck_assert(retype_is_frame_type(seL4_X86_4K) && !retype_is_frame_type(seL4_X86_PageTableObject));
    ck_assert_uint_eq(untyped_free_bytes(16, 16), 65520);
    ck_assert_uint_eq(untyped_free_bytes(12, 4096), 0);
    ck_assert(untyped_fits(4080, 11, 1));
    ck_assert(!untyped_fits(4080, 11, 2));
    ck_assert(!untyped_fits(1ull << 24, 47, 1));
    ck_assert_uint_eq(align_up_bits(0x100010, 11), 0x100800);
    ck_assert_uint_eq(align_up_bits(0x100800, 11), 0x100800);
    /* below 2^39 the window alignment is the physical one */
    ck_assert_uint_eq(untyped_object_paddr(0x100000, 0x10, 11), 0x100800);
    /* above, children are aligned in the window: two 2^44 halves of the
       2^45 block at 0x408000000000 start at its base and 2^44 above it */
    ck_assert_uint_eq(untyped_object_paddr(0x408000000000, 0, 44), 0x408000000000);
    ck_assert_uint_eq(untyped_object_paddr(0x408000000000, 1ull << 44, 44), 0x508000000000);
    ck_assert_uint_eq(untyped_object_paddr(0x8000000000, 0x10, 45), 0x208000000000);
}
END_TEST

/* Runs a delete or revoke to the end, restarting it after each preemption as
   a restarted system call would; returns how many kernel entries it took. */
static unsigned run_to_end(exception_t (*op)(struct cte *), struct cte *slot)
{
    unsigned entries = 1;
    test_preemption_sync();
    while (op(slot) == EXCEPTION_PREEMPTED) {
        entries++;
        ck_assert_uint_lt(entries, 100000);
    }
    return entries;
}

static exception_t delete_exposed(struct cte *slot)
{
    return cte_delete(slot, true);
}

/* The test untyped covers arena bytes [64 KiB, 128 KiB); its cap is in root slot 0. */
#define UT_OFFSET 65536u
#define UT_BITS 16

static struct cap root_node(void)
{
    return node_at(0, 6, 58, 0);
}

/* A radix-2 CNode made from the untyped, its cap in root slot `slot`. */
static struct cap make_node(unsigned index, unsigned slot, unsigned radix)
{
    struct cap node = node_at(UT_OFFSET + index * 4096, radix, 0, 0);
    cdt_insert_new(&slots_of(root_node())[0], &slots_of(root_node())[slot], node);
    return node;
}

static void setup_untyped(void)
{
    cdt_set_root(&slots_of(root_node())[0], cap_untyped(pa(arena + UT_OFFSET), UT_BITS, false));
}

/* Every slot of the untyped's memory is empty and the untyped has no children. */
static void expect_all_gone(void)
{
    struct cte *root = slots_of(root_node());
    ck_assert(!cdt_has_children(&root[0]));
    const struct cte *c = (const struct cte *)(arena + UT_OFFSET);
    for (unsigned i = 0; i < (1u << UT_BITS) / sizeof(struct cte); i++) {
        ck_assert_uint_eq(cap_type(c[i].cap), cap_null_cap);
    }
}

START_TEST(delete_chain_of_cnodes)
{
    setup_untyped();
    struct cte *root = slots_of(root_node());
    enum { N = 12 };
    struct cap nodes[N];
    for (unsigned i = 0; i < N; i++) {
        nodes[i] = make_node(i, 1 + i, 2);
    }
    /* node i holds the only cap to node i+1 in its last slot. */
    for (unsigned i = N - 1; i > 0; i--) {
        cdt_move(root[1 + i].cap, &root[1 + i], &slots_of(nodes[i - 1])[3]);
    }
    run_to_end(delete_exposed, &root[1]);
    ck_assert_uint_eq(cap_type(root[1].cap), cap_null_cap);
    run_to_end(cte_revoke, &root[0]);
    expect_all_gone();
}
END_TEST

START_TEST(delete_cycles_and_self_reference)
{
    setup_untyped();
    struct cte *root = slots_of(root_node());
    struct cap a = make_node(0, 1, 2), b = make_node(1, 2, 2), c = make_node(2, 3, 1);
    cdt_move(b, &root[2], &slots_of(a)[0]);
    cdt_move(a, &root[1], &slots_of(b)[1]);
    cdt_insert(c, &root[3], &slots_of(c)[1]);
    run_to_end(delete_exposed, &root[3]);
    ck_assert_uint_eq(cap_type(slots_of(c)[1].cap), cap_cnode_cap); /* c still holds itself */
    ck_assert(cdt_has_children(&root[0]));
    run_to_end(cte_revoke, &root[0]);
    expect_all_gone();
}
END_TEST

START_TEST(delete_big_cnode_is_preempted_and_finishes)
{
    setup_untyped();
    struct cte *root = slots_of(root_node());
    struct cap big = make_node(0, 1, 10);
    cdt_insert_new(&root[0], &root[2], cap_endpoint(pa(arena + UT_OFFSET + 32768), 0, 15));
    for (unsigned i = 0; i < 1024; i++) {
        cdt_insert(root[2].cap, &root[2], &slots_of(big)[i]);
    }
    endpoints_finalised = 0;
    unsigned entries = run_to_end(delete_exposed, &root[1]);
    ck_assert_uint_gt(entries, 10); /* bounded work per entry */
    ck_assert_uint_eq(endpoints_finalised, 0); /* root[2] still names the endpoint */
    run_to_end(delete_exposed, &root[2]);
    ck_assert_uint_eq(endpoints_finalised, 1);
    expect_all_gone();
}
END_TEST

START_TEST(revoke_badged_subtree_only)
{
    setup_untyped();
    struct cte *root = slots_of(root_node());
    struct cap ep = cap_endpoint(pa(arena + UT_OFFSET), 0, 15);
    cdt_insert_new(&root[0], &root[1], ep);
    cdt_insert(update_cap_data(false, 5, ep), &root[1], &root[2]);
    cdt_insert(root[2].cap, &root[2], &root[3]);
    cdt_insert(update_cap_data(false, 6, ep), &root[1], &root[4]);
    run_to_end(cte_revoke, &root[2]);
    ck_assert_uint_eq(cap_type(root[3].cap), cap_null_cap);
    ck_assert_uint_eq(cap_type(root[4].cap), cap_endpoint_cap);
    run_to_end(cte_revoke, &root[1]);
    ck_assert_uint_eq(cap_type(root[2].cap), cap_null_cap);
    ck_assert_uint_eq(cap_type(root[4].cap), cap_null_cap);
    ck_assert_uint_eq(cap_type(root[1].cap), cap_endpoint_cap);
}
END_TEST

/* Every cap's tree links agree with its neighbours', and empty slots have none. */
static void check_links(struct cte **slots, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        struct cte *c = slots[i];
        if (cap_type(c->cap) == cap_null_cap) {
            ck_assert_uint_eq(c->mdb.prev, 0);
            ck_assert_uint_eq(c->mdb.next, 0);
            continue;
        }
        if (mdb_next(c)) {
            ck_assert_ptr_eq(mdb_prev(mdb_next(c)), c);
            ck_assert_uint_ne(cap_type(mdb_next(c)->cap), cap_null_cap);
        }
        if (mdb_prev(c)) {
            ck_assert_ptr_eq(mdb_next(mdb_prev(c)), c);
        }
    }
}

static uint64_t rng_state = 0x2545f4914f6cdd1dull;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

/* Random copies, badges, moves, swaps, deletes and revokes on caps to CNodes
   and endpoints made from one untyped; the tree stays consistent throughout
   and revoking the untyped at the end leaves nothing behind. */
/* When set, a preempted delete or revoke is sometimes left unfinished, as
   when another thread runs before the caller restarts it. */
static bool leave_unfinished;
static unsigned left_unfinished;

static void delete_or_revoke(exception_t (*op)(struct cte *), struct cte *slot)
{
    if (leave_unfinished && rnd(2)) {
        /* Arrive with most of the units to the next check spent, so even
           small deletes stop. */
        test_preemption_sync();
        for (unsigned i = rnd(99); i > 0; i--) {
            (void)preemption_point();
        }
        if (op(slot) == EXCEPTION_PREEMPTED) {
            left_unfinished++;
        }
        return;
    }
    run_to_end(op, slot);
}

static void random_tree_operations_body(void)
{
    setup_untyped();
    struct cte *root = slots_of(root_node());
    enum { NODES = 48, EPS = 512, ROOT_SLOTS = 64 };
    unsigned nodes_made = 0, eps_made = 0;
    /* Slots the operations use: the root's, then those of every node made (reachable or not). */
    static struct cte *all[ROOT_SLOTS + NODES * 4];
    unsigned n_all = 0;
    for (unsigned i = 0; i < ROOT_SLOTS; i++) {
        all[n_all++] = &root[i];
    }
    for (unsigned step = 0; step < 20000; step++) {
        struct cte *a = &root[1 + rnd(ROOT_SLOTS - 1)];
        struct cte *b = &root[1 + rnd(ROOT_SLOTS - 1)];
        /* Sometimes a slot inside a node that a root slot names. */
        if (rnd(3) == 0 && cap_type(b->cap) == cap_cnode_cap && cap_cnode_radix(b->cap) == 2) {
            b = &slots_of(b->cap)[rnd(4)];
        }
        bool a_full = cap_type(a->cap) != cap_null_cap, b_full = cap_type(b->cap) != cap_null_cap;
        struct cap derived;
        switch (rnd(8)) {
        case 0: /* make an object */
            if (!a_full && rnd(2) && nodes_made < NODES) {
                struct cap node = node_at(UT_OFFSET + nodes_made * 128, 2, 0, 0);
                for (unsigned i = 0; i < 4; i++) {
                    all[n_all++] = &slots_of(node)[i];
                }
                nodes_made++;
                cdt_insert_new(&root[0], a, node);
            } else if (!a_full && eps_made < EPS) {
                cdt_insert_new(&root[0], a, cap_endpoint(pa(arena + UT_OFFSET + 32768 + 16 * eps_made++), 0, 15));
            }
            break;
        case 1: /* copy */
            if (a_full && !b_full && derive_cap(a, a->cap, &derived) == EXCEPTION_NONE &&
                cap_type(derived) != cap_null_cap) {
                cdt_insert(derived, a, b);
            }
            break;
        case 2: /* mint a badge */
            if (a_full && !b_full) {
                derived = update_cap_data(false, 1 + rnd(3), a->cap);
                if (cap_type(derived) != cap_null_cap) {
                    cdt_insert(derived, a, b);
                }
            }
            break;
        case 3: /* move */
            if (a_full && !b_full) {
                cdt_move(a->cap, a, b);
            }
            break;
        case 4: /* swap */
            if (a_full && b_full && a != b) {
                cdt_swap(a->cap, a, b->cap, b);
            }
            break;
        case 5:
        case 6:
            delete_or_revoke(delete_exposed, rnd(2) ? a : b);
            break;
        default:
            delete_or_revoke(cte_revoke, rnd(2) ? a : b);
            break;
        }
        check_links(all, n_all);
    }
    run_to_end(cte_revoke, &root[0]);
    for (unsigned i = 1; i < ROOT_SLOTS; i++) {
        run_to_end(delete_exposed, &root[i]);
    }
    run_to_end(cte_revoke, &root[0]);
    check_links(all, n_all);
    expect_all_gone();
}

START_TEST(random_tree_operations)
{
    leave_unfinished = false;
    random_tree_operations_body();
}
END_TEST

START_TEST(random_tree_operations_with_zombies_left)
{
    leave_unfinished = true;
    left_unfinished = 0;
    random_tree_operations_body();
    ck_assert_uint_gt(left_unfinished, 0);
}
END_TEST

Suite *caps_suite(void)
{
    Suite *s = suite_create("caps");
    TCase *lookup = tcase_create("lookup");
    tcase_add_checked_fixture(lookup, setup, teardown);
    tcase_add_test(lookup, lookup_single_level_with_guard);
    tcase_add_test(lookup, lookup_two_levels_and_through_non_cnode);
    tcase_add_test(lookup, cnode_op_checks_root_then_depth);
    tcase_add_test(lookup, self_containing_cnode_resolves_64_bits);
    suite_add_tcase(s, lookup);
    TCase *cdt = tcase_create("cdt");
    tcase_add_checked_fixture(cdt, setup, teardown);
    tcase_add_test(cdt, cdt_badged_endpoints);
    tcase_add_test(cdt, cdt_remove_move_swap_keep_the_list);
    tcase_add_test(cdt, cdt_untyped_copy_is_full);
    tcase_add_test(cdt, cap_rules);
    suite_add_tcase(s, cdt);
    TCase *deletion = tcase_create("delete");
    tcase_add_checked_fixture(deletion, setup, teardown);
    tcase_add_test(deletion, delete_chain_of_cnodes);
    tcase_add_test(deletion, delete_cycles_and_self_reference);
    tcase_add_test(deletion, delete_big_cnode_is_preempted_and_finishes);
    tcase_add_test(deletion, revoke_badged_subtree_only);
    tcase_add_test(deletion, random_tree_operations);
    tcase_add_test(deletion, random_tree_operations_with_zombies_left);
    tcase_set_timeout(deletion, 60);
    suite_add_tcase(s, deletion);
    TCase *untyped = tcase_create("untyped");
    tcase_add_test(untyped, untyped_arithmetic);
    suite_add_tcase(s, untyped);
    return s;
}

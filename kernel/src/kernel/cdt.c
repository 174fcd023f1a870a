/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The capability derivation tree: the list operations of include/kernel/cdt.h.
 * Neighbours are fixed up in seL4's order, so that swapping two adjacent
 * slots comes out right without a special case.
 */
#include <kernel/cdt.h>
#include <object/cap_ops.h>

void cdt_set_root(struct cte *slot, struct cap cap)
{
    slot->cap = cap;
    slot->mdb.prev = 0;
    slot->mdb.next = MDB_REVOCABLE | MDB_FIRST_BADGED;
}

/* Copying an untyped over its whole block makes the original useless for
   retyping (seL4's setUntypedCapAsFull): both would hand out the same bytes. */
static void set_untyped_cap_as_full(struct cap src_cap, struct cap new_cap, struct cte *src)
{
    if (cap_type(src_cap) == cap_untyped_cap && cap_type(new_cap) == cap_untyped_cap &&
        cap_untyped_paddr(src_cap) == cap_untyped_paddr(new_cap) &&
        cap_untyped_size_bits(src_cap) == cap_untyped_size_bits(new_cap)) {
        src->cap = cap_untyped_set_free_index(src->cap, 1ull << cap_untyped_size_bits(src_cap));
    }
}

void cdt_insert(struct cap cap, struct cte *src, struct cte *dest)
{
    bool revocable = is_cap_revocable(cap, src->cap);
    set_untyped_cap_as_full(src->cap, cap, src);
    dest->cap = cap;
    cdt_link_after(src, dest, revocable ? MDB_REVOCABLE | MDB_FIRST_BADGED : 0);
}

void cdt_insert_new(struct cte *parent, struct cte *dest, struct cap cap)
{
    dest->cap = cap;
    cdt_link_after(parent, dest, MDB_REVOCABLE | MDB_FIRST_BADGED);
}

void cdt_move(struct cap new_cap, struct cte *src, struct cte *dest)
{
    struct mdb_node m = src->mdb;
    dest->cap = new_cap;
    dest->mdb = m;
    src->cap = cap_null();
    src->mdb = (struct mdb_node){0, 0};
    struct cte *prev = (struct cte *)(uintptr_t)m.prev;
    struct cte *next = (struct cte *)(uintptr_t)(m.next & ~MDB_FLAGS);
    if (prev) {
        mdb_set_next(prev, dest);
    }
    if (next) {
        mdb_set_prev(next, dest);
    }
}

void cdt_swap(struct cap cap1, struct cte *slot1, struct cap cap2, struct cte *slot2)
{
    slot1->cap = cap2;
    slot2->cap = cap1;

    struct mdb_node m1 = slot1->mdb;
    struct cte *prev = (struct cte *)(uintptr_t)m1.prev;
    struct cte *next = (struct cte *)(uintptr_t)(m1.next & ~MDB_FLAGS);
    if (prev) {
        mdb_set_next(prev, slot2);
    }
    if (next) {
        mdb_set_prev(next, slot2);
    }
    /* Read slot2's links only now: when the two are neighbours the fix-ups
       above changed them, and the fix-ups below then land right. */
    struct mdb_node m2 = slot2->mdb;
    slot1->mdb = m2;
    slot2->mdb = m1;
    prev = (struct cte *)(uintptr_t)m2.prev;
    next = (struct cte *)(uintptr_t)(m2.next & ~MDB_FLAGS);
    if (prev) {
        mdb_set_next(prev, slot1);
    }
    if (next) {
        mdb_set_prev(next, slot1);
    }
}

void cdt_remove(struct cte *slot)
{
    if (cap_type(slot->cap) == cap_null_cap) {
        return;
    }
    cdt_unlink(slot);
}

bool is_mdb_parent_of(const struct cte *a, const struct cte *b)
{
    if (!mdb_revocable(a) || !same_region_as(a->cap, b->cap)) {
        return false;
    }
    uint64_t badge;
    switch (cap_type(a->cap)) {
    case cap_endpoint_cap:
        badge = cap_endpoint_badge(a->cap);
        return badge == 0 || (badge == cap_endpoint_badge(b->cap) && !mdb_first_badged(b));
    case cap_notification_cap:
        badge = cap_notification_badge(a->cap);
        return badge == 0 || (badge == cap_notification_badge(b->cap) && !mdb_first_badged(b));
    default:
        return true;
    }
}

bool cdt_has_children(const struct cte *slot)
{
    const struct cte *next = mdb_next(slot);
    return next && is_mdb_parent_of(slot, next);
}

bool is_final_capability(const struct cte *slot)
{
    const struct cte *prev = mdb_prev(slot);
    if (prev && same_object_as(prev->cap, slot->cap)) {
        return false;
    }
    const struct cte *next = mdb_next(slot);
    return !next || !same_object_as(slot->cap, next->cap);
}

/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * The capability derivation tree (seL4's mdb). Every cte is on one doubly
 * linked list in derivation order: a cap's descendants follow it directly,
 * each subtree contiguous. Two marks per cte make the tree out of the list:
 * "revocable" (this cap may have children: untypeds, badged endpoints and
 * notifications, caps made by a control cap) and "first badged" (the first
 * cap with a new badge, which starts a new subtree of its endpoint). A cap b
 * following a is a's child when is_mdb_parent_of(a, b) holds. Pure list
 * operations, no hardware access: the host tests run them directly.
 */
#ifndef KERNEL_CDT_H
#define KERNEL_CDT_H

#include <object/cap.h>

#define MDB_REVOCABLE 1ull
#define MDB_FIRST_BADGED 2ull
#define MDB_FLAGS (MDB_REVOCABLE | MDB_FIRST_BADGED)

static inline struct cte *mdb_prev(const struct cte *c) { return (struct cte *)(uintptr_t)c->mdb.prev; }
static inline struct cte *mdb_next(const struct cte *c) { return (struct cte *)(uintptr_t)(c->mdb.next & ~MDB_FLAGS); }
static inline bool mdb_revocable(const struct cte *c) { return c->mdb.next & MDB_REVOCABLE; }
static inline bool mdb_first_badged(const struct cte *c) { return c->mdb.next & MDB_FIRST_BADGED; }
static inline void mdb_set_prev(struct cte *c, struct cte *p) { c->mdb.prev = (uint64_t)(uintptr_t)p; }
static inline void mdb_set_next(struct cte *c, struct cte *n)
{
    c->mdb.next = (uint64_t)(uintptr_t)n | (c->mdb.next & MDB_FLAGS);
}

/* Puts dest (a slot whose cap is already set) into the list right after
   prev, with the marks in flags (MDB_REVOCABLE, MDB_FIRST_BADGED). Inline:
   the IPC fastpath uses it too, and calls nothing that returns. */
static inline void cdt_link_after(struct cte *prev, struct cte *dest, uint64_t flags)
{
    struct cte *next = mdb_next(prev);
    dest->mdb.prev = (uint64_t)(uintptr_t)prev;
    dest->mdb.next = (uint64_t)(uintptr_t)next | flags;
    mdb_set_next(prev, dest);
    if (next) {
        mdb_set_prev(next, dest);
    }
}

/* Takes the slot of a cap out of the list and leaves it empty. A badged
   copy following the first badged cap inherits the mark, so it keeps its
   siblings' subtree when the first goes. Inline for the fastpath too. */
static inline void cdt_unlink(struct cte *slot)
{
    struct cte *prev = mdb_prev(slot);
    struct cte *next = mdb_next(slot);
    if (prev) {
        mdb_set_next(prev, next);
    }
    if (next) {
        mdb_set_prev(next, prev);
        if (mdb_first_badged(slot)) {
            next->mdb.next |= MDB_FIRST_BADGED;
        }
    }
    slot->cap = cap_null();
    slot->mdb = (struct mdb_node){0, 0};
}

/* A cap placed by the kernel with no parent (boot caps): revocable, first badged. */
void cdt_set_root(struct cte *slot, struct cap cap);
/* Puts cap into the empty dest as a child or sibling of src (seL4's cteInsert). */
void cdt_insert(struct cap cap, struct cte *src, struct cte *dest);
/* A cap made by Untyped_Retype, directly after its untyped (insertNewCap). */
void cdt_insert_new(struct cte *parent, struct cte *dest, struct cap cap);
/* Moves src's cap (as new_cap) and its place in the tree to the empty dest. */
void cdt_move(struct cap new_cap, struct cte *src, struct cte *dest);
/* Exchanges the caps and tree places of two slots (seL4's cteSwap). */
void cdt_swap(struct cap cap1, struct cte *slot1, struct cap cap2, struct cte *slot2);
/* Takes slot out of the tree and leaves it empty (the list part of emptySlot). */
void cdt_remove(struct cte *slot);

/* b is a child of a (seL4's isMDBParentOf). */
bool is_mdb_parent_of(const struct cte *a, const struct cte *b);
/* slot has at least one child. */
bool cdt_has_children(const struct cte *slot);
/* No other cap names slot's object (seL4's isFinalCapability). */
bool is_final_capability(const struct cte *slot);

#endif /* KERNEL_CDT_H */

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
static inline void mdb_set_flags(struct cte *c, bool revocable, bool first_badged)
{
    c->mdb.next = (c->mdb.next & ~MDB_FLAGS) | (revocable ? MDB_REVOCABLE : 0) | (first_badged ? MDB_FIRST_BADGED : 0);
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

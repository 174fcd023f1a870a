/* SPDX-License-Identifier: MIT OR Apache-2.0 */
/*
 * Finding caps: resolving a cptr through CNodes (guards and radix bits, as
 * seL4 does), and the lookups that invocations make. Each failure leaves the
 * reason in current_lookup_fault (and, for CNode operations, a FailedLookup
 * or RangeError in current_syscall_error).
 */
#ifndef KERNEL_CSPACE_H
#define KERNEL_CSPACE_H

#include <kernel/lookup.h>
#include <memlayout.h>
#include <object/tcb.h>

struct resolve_result {
    exception_t status;
    struct cte *slot;
    uint64_t bits_remaining;
};

/* Walks n_bits of cptr from the CNode cap root (seL4's resolveAddressBits). */
struct resolve_result resolve_address_bits(struct cap root, uint64_t cptr, uint64_t n_bits);

/* The slot cptr names in thread's CSpace, with depth 64 (seL4's lookupSlot). */
struct resolve_result lookup_slot(struct tcb *thread, uint64_t cptr);

/* A slot for a CNode operation: root must be a CNode cap, 1 <= depth <= 64,
   and the walk must use all depth bits (seL4's lookupSlotForCNodeOp). */
struct resolve_result lookup_target_slot(struct cap root, uint64_t cptr, uint64_t depth);
/* The same, with FailedLookup marked as a source lookup when is_source
   (seL4's lookupSlotForCNodeOp; source and pivot lookups of CNode calls). */
struct resolve_result lookup_slot_for_cnode_op(bool is_source, struct cap root, uint64_t cptr, uint64_t depth);

/* Prints why the last CNode-operation lookup failed (": guard mismatch ..."),
   for the end of a user_error line. */
void print_lookup_failure_reason(void);

/* DeleteFirst unless slot holds the null cap. */
exception_t ensure_empty_slot(struct cte *slot);

/* Puts cap in dest, derived from src (seL4's cteInsert). */
void cte_insert(struct cap cap, struct cte *src, struct cte *dest);

/* The slot array of a CNode cap. */
static inline struct cte *cnode_slots(struct cap cnode)
{
    return (struct cte *)kva(cap_cnode_paddr(cnode));
}

#endif /* KERNEL_CSPACE_H */

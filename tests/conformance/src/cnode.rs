// SPDX-License-Identifier: MIT OR Apache-2.0
//
// CNode invocations: Copy, Mint (rights, badges, guards), Move, Mutate,
// Rotate, Delete, Revoke, SaveCaller, CancelBadgedSends, with their
// truncation, order-of-checks and lookup failures; and capability lookup
// through guards and radixes across CNodes several levels deep.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, Case, Lookup, Outcome, Want};
use crate::invoke::{
    self, call, cnode_copy, cnode_delete, cnode_mint, cnode_move, cnode_mutate, cnode_rotate,
};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// All rights, as a seL4_CapRights_t word.
pub const ALL: seL4_Word = 15;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["cnode":
        copy_endpoint, copy_dest_occupied, copy_src_empty, copy_depth_zero, copy_src_root_not_cnode,
        copy_guard_mismatch, order_dest_before_src, order_occupied_before_src, copy_not_derivable,
        copy_initial_caps, copy_unmapped_paging_structures, mint_badge, mint_badge_limits, mint_rights,
        mint_cnode_guard_limits, mint_ignores_data_of_other_caps, mint_src_empty, move_endpoint,
        move_onto_itself, mutate_badged_types, mutate_cnode_guard, rotate_three_slots, rotate_swap,
        rotate_same_pivot, rotate_dest_occupied, rotate_empty_slots, rotate_badged_types,
        delete_and_delete_empty, delete_bad_depth, revoke_empty, save_caller_without_caller,
        cancel_badged_sends_rights, truncated_messages, illegal_labels, two_level_lookup,
        lookup_stops_at_depth, lookup_runs_out_of_bits, guard_at_second_level, through_non_cnode,
        four_level_chain, full_64_bit_guards, guard_value_masked, cnode_rights_ignored,
        source_through_guarded_root, move_between_cnodes, rotate_across_cnodes,
    ]
}

/// An endpoint in a fresh slot.
pub fn endpoint(env: &mut Env) -> Result<seL4_CPtr, String> {
    env.make(seL4_EndpointObject, 0)
}

/// A root-CNode cap with no guard (radix 12 consumes 12 bits), so that
/// paths deeper than the root can be resolved with depths below 64.
pub fn unguarded_root(env: &mut Env) -> Result<seL4_CPtr, String> {
    let slot = env.slot();
    expect("mint root without guard", cnode_mint(ROOT, slot, DEPTH, ROOT, ROOT, DEPTH, ALL, 0), Want::Ok)?;
    Ok(slot)
}

/// `seL4_CNode_CapData` word.
pub fn guard(guard: seL4_Word, size: seL4_Word) -> seL4_Word {
    (guard << 6) | size
}

/// A cap pointer made of (bits, value) parts, most significant first, and its depth.
pub fn path(parts: &[(seL4_Word, seL4_Word)]) -> (seL4_Word, seL4_Word) {
    parts.iter().fold((0, 0), |(index, depth), (bits, value)| ((index << bits) | value, depth + bits))
}

fn copy_endpoint(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    expect("copy", cnode_copy(ROOT, dest, DEPTH, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    expect_cap("copy", dest, cap_endpoint_cap)?;
    expect_cap("original", ep, cap_endpoint_cap)
}

fn copy_dest_occupied(env: &mut Env) -> Outcome {
    let (ep, other) = (endpoint(env)?, endpoint(env)?);
    expect("onto a cap", cnode_copy(ROOT, other, DEPTH, ROOT, ep, DEPTH, ALL), Want::DeleteFirst)?;
    expect("onto itself", cnode_copy(ROOT, ep, DEPTH, ROOT, ep, DEPTH, ALL), Want::DeleteFirst)
}

fn copy_src_empty(env: &mut Env) -> Outcome {
    let (empty, dest) = (env.slot(), env.slot());
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, empty, DEPTH, ALL);
    expect("from an empty slot", reply, Want::FailedLookup(true, Lookup::Missing(64)))?;
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, ROOT, DEPTH, ALL);
    expect("the root CNode itself", reply, Want::Ok)?;
    expect_cap("root copy", dest, cap_cnode_cap)
}

fn copy_depth_zero(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    expect("source depth 0", cnode_copy(ROOT, dest, DEPTH, ROOT, ep, 0, ALL), Want::Range(1, 64))?;
    expect("dest depth 0", cnode_copy(ROOT, dest, 0, ROOT, ep, DEPTH, ALL), Want::Range(1, 64))?;
    expect("source depth 65", cnode_copy(ROOT, dest, DEPTH, ROOT, ep, 65, ALL), Want::Range(1, 64))
}

fn copy_src_root_not_cnode(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    let reply = cnode_copy(ROOT, dest, DEPTH, ep, ep, DEPTH, ALL);
    expect("source root is an endpoint", reply, Want::FailedLookup(true, Lookup::InvalidRoot))?;
    let reply = cnode_copy(ROOT, dest, DEPTH, seL4_CapNull, ep, DEPTH, ALL);
    expect("source root is empty", reply, Want::FailedLookup(true, Lookup::InvalidRoot))
}

fn copy_guard_mismatch(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, ep | 1 << 40, DEPTH, ALL);
    expect("source guard", reply, Want::FailedLookup(true, Lookup::Guard(64, 0, 52)))?;
    let reply = cnode_copy(ROOT, dest | 1 << 63, DEPTH, ROOT, ep, DEPTH, ALL);
    expect("dest guard", reply, Want::FailedLookup(false, Lookup::Guard(64, 0, 52)))?;
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, ep, 40, ALL);
    expect("source depth 40", reply, Want::FailedLookup(true, Lookup::Guard(40, 0, 52)))?;
    let reply = cnode_copy(ROOT, dest >> 4, 60, ROOT, ep, DEPTH, ALL);
    expect("dest depth 60", reply, Want::FailedLookup(false, Lookup::Depth(60, 64)))
}

fn order_dest_before_src(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    let reply = cnode_copy(ROOT, dest, 65, ROOT, ep, 0, ALL);
    expect("both depths bad", reply, Want::Range(1, 64))?;
    let reply = cnode_copy(ROOT, dest, 20, ROOT, ep, 0, ALL);
    expect("dest lookup fails, source depth bad", reply, Want::FailedLookup(false, Lookup::Guard(20, 0, 52)))
}

fn order_occupied_before_src(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let empty = env.slot();
    let reply = cnode_copy(ROOT, ep, DEPTH, ROOT, empty, 0, ALL);
    expect("occupied dest, bad source depth", reply, Want::DeleteFirst)?;
    let reply = cnode_copy(ROOT, ep, DEPTH, ROOT, empty, DEPTH, ALL);
    expect("occupied dest, empty source", reply, Want::DeleteFirst)
}

fn copy_not_derivable(env: &mut Env) -> Outcome {
    let dest = env.slot();
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, seL4_CapIRQControl, DEPTH, ALL);
    expect("IRQControl", reply, Want::IllegalOperation)?;
    let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, seL4_CapIOPortControl, DEPTH, ALL);
    expect("IOPortControl", reply, Want::IllegalOperation)?;
    let reply = cnode_mint(ROOT, dest, DEPTH, ROOT, seL4_CapIOPortControl, DEPTH, ALL, 0);
    expect("IOPortControl by mint", reply, Want::IllegalOperation)?;
    expect_cap("nothing copied", dest, cap_null_cap)
}

fn copy_initial_caps(env: &mut Env) -> Outcome {
    let caps = [
        (seL4_CapInitThreadTCB, cap_thread_cap),
        (seL4_CapInitThreadCNode, cap_cnode_cap),
        (seL4_CapInitThreadVSpace, cap_pml4_cap),
        (seL4_CapASIDControl, cap_asid_control_cap),
        (seL4_CapInitThreadASIDPool, cap_asid_pool_cap),
        (seL4_CapBootInfoFrame, cap_frame_cap),
        (seL4_CapInitThreadIPCBuffer, cap_frame_cap),
        (seL4_CapDomain, cap_domain_cap),
    ];
    for (cap, tag) in caps {
        let dest = env.slot();
        expect(
            &format!("copy initial cap {cap}"),
            cnode_copy(ROOT, dest, DEPTH, ROOT, cap, DEPTH, ALL),
            Want::Ok,
        )?;
        expect_cap("copy", dest, tag)?;
    }
    Ok(())
}

fn copy_unmapped_paging_structures(env: &mut Env) -> Outcome {
    for ty in
        [seL4_X86_PageTableObject, seL4_X86_PageDirectoryObject, seL4_X86_PDPTObject, seL4_X64_PML4Object]
    {
        let (object, dest) = (env.make(ty, 0)?, env.slot());
        let reply = cnode_copy(ROOT, dest, DEPTH, ROOT, object, DEPTH, ALL);
        expect(&format!("unmapped type {ty}"), reply, Want::IllegalOperation)?;
    }
    let (frame, dest) = (env.make(seL4_X86_4K, 0)?, env.slot());
    expect("unmapped frame", cnode_copy(ROOT, dest, DEPTH, ROOT, frame, DEPTH, ALL), Want::Ok)
}

fn mint_badge(env: &mut Env) -> Outcome {
    let (ep, badged, again, zero, from_zero) =
        (endpoint(env)?, env.slot(), env.slot(), env.slot(), env.slot());
    expect("mint badge 7", cnode_mint(ROOT, badged, DEPTH, ROOT, ep, DEPTH, ALL, 7), Want::Ok)?;
    let reply = cnode_mint(ROOT, again, DEPTH, ROOT, badged, DEPTH, ALL, 9);
    expect("re-badge", reply, Want::IllegalOperation)?;
    let reply = cnode_mint(ROOT, again, DEPTH, ROOT, badged, DEPTH, ALL, 0);
    expect("re-badge with 0", reply, Want::IllegalOperation)?;
    expect("copy of badged", cnode_copy(ROOT, again, DEPTH, ROOT, badged, DEPTH, ALL), Want::Ok)?;
    expect("mint badge 0", cnode_mint(ROOT, zero, DEPTH, ROOT, ep, DEPTH, ALL, 0), Want::Ok)?;
    expect("badge after 0", cnode_mint(ROOT, from_zero, DEPTH, ROOT, zero, DEPTH, ALL, 3), Want::Ok)
}

fn mint_badge_limits(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let ntfn = env.make(seL4_NotificationObject, 0)?;
    for (cap, what) in [(ep, "endpoint"), (ntfn, "notification")] {
        let dest = env.slot();
        let reply = cnode_mint(ROOT, dest, DEPTH, ROOT, cap, DEPTH, ALL, u64::MAX);
        expect(&format!("{what} badge 2^64-1"), reply, Want::Ok)?;
        let next = env.slot();
        let reply = cnode_mint(ROOT, next, DEPTH, ROOT, dest, DEPTH, ALL, 1);
        expect(&format!("{what} badged with all ones"), reply, Want::IllegalOperation)?;
    }
    Ok(())
}

fn mint_rights(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let (none, rw, garbage) = (env.slot(), env.slot(), env.slot());
    expect("no rights", cnode_mint(ROOT, none, DEPTH, ROOT, ep, DEPTH, 0, 1), Want::Ok)?;
    expect_cap("rightless endpoint", none, cap_endpoint_cap)?;
    expect("read-write", cnode_mint(ROOT, rw, DEPTH, ROOT, ep, DEPTH, 3, 2), Want::Ok)?;
    let reply = cnode_mint(ROOT, garbage, DEPTH, ROOT, ep, DEPTH, !0u64, 3);
    expect("rights word with high bits", reply, Want::Ok)?;
    expect(
        "cancel on rightless",
        invoke::cnode_cancel_badged_sends(ROOT, none, DEPTH),
        Want::IllegalOperation,
    )?;
    expect(
        "cancel on read-write",
        invoke::cnode_cancel_badged_sends(ROOT, rw, DEPTH),
        Want::IllegalOperation,
    )?;
    expect("cancel on all rights", invoke::cnode_cancel_badged_sends(ROOT, garbage, DEPTH), Want::Ok)?;
    let (lost, back) = (env.slot(), env.slot());
    expect("copy read-only", cnode_copy(ROOT, lost, DEPTH, ROOT, ep, DEPTH, 2), Want::Ok)?;
    expect("rights never come back", cnode_copy(ROOT, back, DEPTH, ROOT, lost, DEPTH, ALL), Want::Ok)?;
    expect("cancel on regained", invoke::cnode_cancel_badged_sends(ROOT, back, DEPTH), Want::IllegalOperation)
}

fn mint_cnode_guard_limits(env: &mut Env) -> Outcome {
    let node = env.make(seL4_CapTableObject, 4)?;
    let (ok, bad) = (env.slot(), env.slot());
    expect(
        "guard 60 + radix 4",
        cnode_mint(ROOT, ok, DEPTH, ROOT, node, DEPTH, ALL, guard(1, 60)),
        Want::Ok,
    )?;
    let reply = cnode_mint(ROOT, bad, DEPTH, ROOT, node, DEPTH, ALL, guard(0, 61));
    expect("guard 61 + radix 4", reply, Want::IllegalOperation)?;
    let reply = cnode_mint(ROOT, bad, DEPTH, ROOT, ROOT, DEPTH, ALL, guard(0, 53));
    expect("root guard 53 + radix 12", reply, Want::IllegalOperation)?;
    let reply = cnode_mint(ROOT, bad, DEPTH, ROOT, ROOT, DEPTH, ALL, guard(0, 52));
    expect("root guard 52 + radix 12", reply, Want::Ok)
}

fn mint_ignores_data_of_other_caps(env: &mut Env) -> Outcome {
    let (tcb, frame, child) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_X86_4K, 0)?, env.untyped(12)?);
    for (cap, tag) in [(tcb, cap_thread_cap), (frame, cap_frame_cap), (child, cap_untyped_cap)] {
        let dest = env.slot();
        expect("mint with a badge", cnode_mint(ROOT, dest, DEPTH, ROOT, cap, DEPTH, ALL, 0x55), Want::Ok)?;
        expect_cap("minted", dest, tag)?;
        let again = env.slot();
        expect("and again", cnode_mint(ROOT, again, DEPTH, ROOT, dest, DEPTH, ALL, 0x66), Want::Ok)?;
    }
    Ok(())
}

fn mint_src_empty(env: &mut Env) -> Outcome {
    let (empty, dest) = (env.slot(), env.slot());
    let reply = cnode_mint(ROOT, dest, DEPTH, ROOT, empty, DEPTH, ALL, 1);
    expect("from empty", reply, Want::FailedLookup(true, Lookup::Missing(64)))
}

fn move_endpoint(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    expect("move", cnode_move(ROOT, dest, DEPTH, ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("source", ep, cap_null_cap)?;
    expect_cap("dest", dest, cap_endpoint_cap)?;
    let reply = cnode_move(ROOT, env.slot(), DEPTH, ROOT, ep, DEPTH);
    expect("move from emptied slot", reply, Want::FailedLookup(true, Lookup::Missing(64)))
}

fn move_onto_itself(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    expect("move onto itself", cnode_move(ROOT, ep, DEPTH, ROOT, ep, DEPTH), Want::DeleteFirst)?;
    expect_cap("still there", ep, cap_endpoint_cap)
}

fn mutate_badged_types(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let ntfn = env.make(seL4_NotificationObject, 0)?;
    let tcb = env.make(seL4_TCBObject, 0)?;
    let dest = env.slot();
    expect("mutate endpoint", cnode_mutate(ROOT, dest, DEPTH, ROOT, ep, DEPTH, 0), Want::IllegalOperation)?;
    expect(
        "mutate notification",
        cnode_mutate(ROOT, dest, DEPTH, ROOT, ntfn, DEPTH, 5),
        Want::IllegalOperation,
    )?;
    expect_cap("endpoint stays", ep, cap_endpoint_cap)?;
    expect("mutate TCB", cnode_mutate(ROOT, dest, DEPTH, ROOT, tcb, DEPTH, 5), Want::Ok)?;
    expect_cap("TCB moved", dest, cap_thread_cap)?;
    expect_cap("TCB source", tcb, cap_null_cap)
}

fn mutate_cnode_guard(env: &mut Env) -> Outcome {
    let node = env.make(seL4_CapTableObject, 4)?;
    let (dest, ep) = (env.slot(), endpoint(env)?);
    let reply = cnode_mutate(ROOT, dest, DEPTH, ROOT, node, DEPTH, guard(0, 61));
    expect("guard too big", reply, Want::IllegalOperation)?;
    expect_cap("source stays", node, cap_cnode_cap)?;
    expect("guard 60", cnode_mutate(ROOT, dest, DEPTH, ROOT, node, DEPTH, guard(0x3, 60)), Want::Ok)?;
    // The mutated node resolves 64 bits: guard 3 in the top 60, then slot 9.
    let deep = 0x3 << 4 | 9;
    expect("copy into the mutated node", cnode_copy(dest, deep, 64, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    let reply = cnode_copy(dest, 9, 64, ROOT, ep, DEPTH, ALL);
    expect("wrong guard", reply, Want::FailedLookup(false, Lookup::Guard(64, 3, 60)))
}

fn rotate_three_slots(env: &mut Env) -> Outcome {
    let (src, pivot, dest) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_CapTableObject, 2)?, env.slot());
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, pivot, DEPTH, 0, ROOT, src, DEPTH);
    expect("rotate", reply, Want::Ok)?;
    // seL4 moves the pivot's cap to dest and the source's cap to the pivot.
    expect_cap("dest has the pivot's cap", dest, cap_cnode_cap)?;
    expect_cap("pivot has the source's cap", pivot, cap_thread_cap)?;
    expect_cap("source is empty", src, cap_null_cap)
}

fn rotate_swap(env: &mut Env) -> Outcome {
    let (a, b) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_X86_4K, 0)?);
    let reply = cnode_rotate(ROOT, a, DEPTH, 0, ROOT, b, DEPTH, 0, ROOT, a, DEPTH);
    expect("swap", reply, Want::Ok)?;
    expect_cap("a", a, cap_frame_cap)?;
    expect_cap("b", b, cap_thread_cap)
}

fn rotate_same_pivot(env: &mut Env) -> Outcome {
    let (a, b, dest) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_X86_4K, 0)?, env.slot());
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, a, DEPTH, 0, ROOT, a, DEPTH);
    expect("pivot is source", reply, Want::IllegalOperation)?;
    let reply = cnode_rotate(ROOT, b, DEPTH, 0, ROOT, b, DEPTH, 0, ROOT, a, DEPTH);
    expect("pivot is dest", reply, Want::IllegalOperation)
}

fn rotate_dest_occupied(env: &mut Env) -> Outcome {
    let (a, b, c) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_X86_4K, 0)?, env.make(seL4_TCBObject, 0)?);
    let reply = cnode_rotate(ROOT, c, DEPTH, 0, ROOT, b, DEPTH, 0, ROOT, a, DEPTH);
    expect("dest occupied", reply, Want::DeleteFirst)
}

fn rotate_empty_slots(env: &mut Env) -> Outcome {
    let (a, empty, dest) = (env.make(seL4_TCBObject, 0)?, env.slot(), env.slot());
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, a, DEPTH, 0, ROOT, empty, DEPTH);
    expect("empty source", reply, Want::FailedLookup(true, Lookup::Missing(64)))?;
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, empty, DEPTH, 0, ROOT, a, DEPTH);
    expect("empty pivot", reply, Want::FailedLookup(false, Lookup::Missing(64)))?;
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, a, 0, 0, ROOT, empty, DEPTH);
    expect("pivot lookup before the empty-source check", reply, Want::Range(1, 64))?;
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, seL4_CapInitThreadTCB, a, DEPTH, 0, ROOT, a, 0);
    expect("source depth checked before pivot root", reply, Want::Range(1, 64))
}

fn rotate_badged_types(env: &mut Env) -> Outcome {
    let (ep, tcb, dest) = (endpoint(env)?, env.make(seL4_TCBObject, 0)?, env.slot());
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, tcb, DEPTH, 0, ROOT, ep, DEPTH);
    expect("endpoint as source", reply, Want::IllegalOperation)?;
    let reply = cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, ep, DEPTH, 0, ROOT, tcb, DEPTH);
    expect("endpoint as pivot", reply, Want::IllegalOperation)
}

fn delete_and_delete_empty(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    expect("delete", cnode_delete(ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("deleted", ep, cap_null_cap)?;
    expect("delete empty", cnode_delete(ROOT, ep, DEPTH), Want::Ok)?;
    expect("delete slot 0", cnode_delete(ROOT, seL4_CapNull, DEPTH), Want::Ok)
}

fn delete_bad_depth(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    expect("depth 0", cnode_delete(ROOT, ep, 0), Want::Range(1, 64))?;
    expect("depth 65", cnode_delete(ROOT, ep, 65), Want::Range(1, 64))?;
    expect("depth 12", cnode_delete(ROOT, ep, 12), Want::FailedLookup(false, Lookup::Guard(12, 0, 52)))?;
    expect_cap("still there", ep, cap_endpoint_cap)
}

fn revoke_empty(env: &mut Env) -> Outcome {
    let empty = env.slot();
    expect("revoke empty", invoke::cnode_revoke(ROOT, empty, DEPTH), Want::Ok)?;
    expect("revoke depth 0", invoke::cnode_revoke(ROOT, empty, 0), Want::Range(1, 64))
}

fn save_caller_without_caller(env: &mut Env) -> Outcome {
    let (empty, ep) = (env.slot(), endpoint(env)?);
    expect("save into empty", invoke::cnode_save_caller(ROOT, empty, DEPTH), Want::Ok)?;
    expect_cap("no caller, no cap", empty, cap_null_cap)?;
    expect("save into occupied", invoke::cnode_save_caller(ROOT, ep, DEPTH), Want::DeleteFirst)
}

fn cancel_badged_sends_rights(env: &mut Env) -> Outcome {
    let (ep, ntfn, empty) = (endpoint(env)?, env.make(seL4_NotificationObject, 0)?, env.slot());
    expect("unbadged endpoint", invoke::cnode_cancel_badged_sends(ROOT, ep, DEPTH), Want::Ok)?;
    expect("notification", invoke::cnode_cancel_badged_sends(ROOT, ntfn, DEPTH), Want::IllegalOperation)?;
    expect("empty", invoke::cnode_cancel_badged_sends(ROOT, empty, DEPTH), Want::IllegalOperation)?;
    let tcb = seL4_CapInitThreadTCB;
    expect("TCB", invoke::cnode_cancel_badged_sends(ROOT, tcb, DEPTH), Want::IllegalOperation)
}

fn truncated_messages(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    let args = [dest, DEPTH, ep, DEPTH, ALL, 1];
    expect("delete, 1 word", call(ROOT, label::CNodeDelete, &[dest], &[]), Want::Truncated)?;
    expect("copy, 4 words", call(ROOT, label::CNodeCopy, &args[..4], &[ROOT]), Want::Truncated)?;
    expect("copy, no cap", call(ROOT, label::CNodeCopy, &args[..5], &[]), Want::Truncated)?;
    expect("copy, 3 words", call(ROOT, label::CNodeCopy, &args[..3], &[ROOT]), Want::Truncated)?;
    expect("mint, 5 words", call(ROOT, label::CNodeMint, &args[..5], &[ROOT]), Want::Truncated)?;
    expect("mutate, 4 words", call(ROOT, label::CNodeMutate, &args[..4], &[ROOT]), Want::Truncated)?;
    let rotate = [dest, DEPTH, 0, ep, DEPTH, 0, ep, DEPTH];
    expect("rotate, 7 words", call(ROOT, label::CNodeRotate, &rotate[..7], &[ROOT, ROOT]), Want::Truncated)?;
    expect("rotate, 1 cap", call(ROOT, label::CNodeRotate, &rotate, &[ROOT]), Want::Truncated)?;
    let reply = call(ROOT, label::CNodeCopy, &args[..4], &[]);
    expect("dest lookup before truncation of copy", reply, Want::Truncated)?;
    let reply = call(ROOT, label::CNodeCopy, &[dest, 0, ep, DEPTH], &[ROOT]);
    expect("dest depth checked before copy length", reply, Want::Range(1, 64))?;
    expect("move, 4 words, works", call(ROOT, label::CNodeMove, &args[..4], &[ROOT]), Want::Ok)
}

fn illegal_labels(_env: &mut Env) -> Outcome {
    let irq = label::IRQIssueIRQHandler;
    expect(
        "UntypedRetype on a CNode",
        call(ROOT, label::UntypedRetype, &[0; 6], &[ROOT]),
        Want::IllegalOperation,
    )?;
    expect("IRQ label on a CNode", call(ROOT, irq, &[0; 3], &[ROOT]), Want::IllegalOperation)?;
    expect("label 0 on a CNode", call(ROOT, 0, &[], &[]), Want::IllegalOperation)?;
    expect("TCB label on a CNode, short", call(ROOT, label::TCBSuspend, &[], &[]), Want::IllegalOperation)
}

fn two_level_lookup(env: &mut Env) -> Outcome {
    let (top, node, ep, out) =
        (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?, env.slot());
    let (index, depth) = path(&[(12, node), (4, 3)]);
    expect("copy into level 2", cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    expect("copy back out", cnode_copy(ROOT, out, DEPTH, top, index, depth, ALL), Want::Ok)?;
    expect_cap("copied out", out, cap_endpoint_cap)?;
    expect("delete at level 2", cnode_delete(top, index, depth), Want::Ok)?;
    let reply = cnode_copy(ROOT, env.slot(), DEPTH, top, index, depth, ALL);
    expect("gone", reply, Want::FailedLookup(true, Lookup::Missing(16)))
}

fn lookup_stops_at_depth(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?);
    let reply = cnode_copy(top, node, 12, ROOT, ep, DEPTH, ALL);
    expect("depth 12 names the CNode's slot", reply, Want::DeleteFirst)?;
    let reply = cnode_delete(top, node, 12);
    expect("delete the CNode cap by its 12-bit path", reply, Want::Ok)?;
    expect_cap("deleted", node, cap_null_cap)
}

fn lookup_runs_out_of_bits(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?);
    let (index, _) = path(&[(12, node), (2, 1)]);
    let reply = cnode_copy(top, index, 14, ROOT, ep, DEPTH, ALL);
    expect("2 bits for a radix-4 node", reply, Want::FailedLookup(false, Lookup::Depth(2, 4)))?;
    let reply = cnode_copy(top, 5, 11, ROOT, ep, DEPTH, ALL);
    expect("11 bits for a radix-12 root", reply, Want::FailedLookup(false, Lookup::Depth(11, 12)))
}

fn guard_at_second_level(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?);
    let guarded = env.slot();
    expect(
        "mint guard 5/3",
        cnode_mint(ROOT, guarded, DEPTH, ROOT, node, DEPTH, ALL, guard(5, 3)),
        Want::Ok,
    )?;
    let (index, depth) = path(&[(12, guarded), (3, 5), (4, 9)]);
    expect("matching guard", cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    let (index, depth) = path(&[(12, guarded), (3, 6), (4, 9)]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("wrong guard", reply, Want::FailedLookup(false, Lookup::Guard(7, 5, 3)))?;
    let (index, depth) = path(&[(12, guarded), (2, 2)]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("fewer bits than the guard", reply, Want::FailedLookup(false, Lookup::Guard(2, 5, 3)))?;
    let (index, depth) = path(&[(12, guarded), (3, 5), (2, 1)]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("guard matches, radix short", reply, Want::FailedLookup(false, Lookup::Depth(5, 7)))
}

fn through_non_cnode(env: &mut Env) -> Outcome {
    let (top, ep, empty, dest) = (unguarded_root(env)?, endpoint(env)?, env.slot(), env.slot());
    let (index, depth) = path(&[(12, ep), (4, 1)]);
    let reply = cnode_copy(ROOT, dest, DEPTH, top, index, depth, ALL);
    expect("through an endpoint", reply, Want::FailedLookup(true, Lookup::Depth(4, 0)))?;
    let (index, depth) = path(&[(12, empty), (30, 1)]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("through an empty slot", reply, Want::FailedLookup(false, Lookup::Depth(30, 0)))
}

fn four_level_chain(env: &mut Env) -> Outcome {
    let top = unguarded_root(env)?;
    let (l1, l2, l3, l4) = (
        env.make(seL4_CapTableObject, 2)?,
        env.make(seL4_CapTableObject, 3)?,
        env.make(seL4_CapTableObject, 5)?,
        env.make(seL4_CapTableObject, 1)?,
    );
    let (ep, out) = (endpoint(env)?, env.slot());
    // l1[1] = l2 with guard 0xa/4; l2[6] = l3 with guard 1/1; l3[17] = l4.
    expect("l2 into l1", cnode_mint(l1, 1, 2, ROOT, l2, DEPTH, ALL, guard(0xa, 4)), Want::Ok)?;
    expect("l3 into l2", cnode_mint(l2, 6, 3, ROOT, l3, DEPTH, ALL, guard(1, 1)), Want::Ok)?;
    expect("l4 into l3", cnode_copy(l3, 17, 5, ROOT, l4, DEPTH, ALL), Want::Ok)?;
    let parts = [(12, l1), (2, 1), (4, 0xa), (3, 6), (1, 1), (5, 17), (1, 1)];
    let (index, depth) = path(&parts);
    expect("copy to the 5th level", cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    expect("copy out", cnode_copy(ROOT, out, DEPTH, top, index, depth, ALL), Want::Ok)?;
    expect_cap("endpoint from the bottom", out, cap_endpoint_cap)?;
    let mut wrong = parts;
    wrong[4] = (1, 0);
    let (index, depth) = path(&wrong);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("wrong guard at level 4", reply, Want::FailedLookup(false, Lookup::Guard(7, 1, 1)))?;
    let (index, depth) = path(&parts[..6]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("stopping at l4's slot", reply, Want::DeleteFirst)?;
    let (index, depth) = path(&parts[..3]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("stopping after l2's guard", reply, Want::FailedLookup(false, Lookup::Depth(4, 7)))
}

fn full_64_bit_guards(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?);
    let guarded = env.slot();
    let value = 0xabcd_ef01_2345;
    let reply = cnode_mint(ROOT, guarded, DEPTH, ROOT, node, DEPTH, ALL, guard(value, 48));
    expect("mint guard 48", reply, Want::Ok)?;
    let (index, depth) = path(&[(12, guarded), (48, value), (4, 15)]);
    expect_eq_depth(depth, 64)?;
    expect("64-bit path", cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    let (index, depth) = path(&[(12, guarded), (48, value ^ 1), (4, 15)]);
    let reply = cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL);
    expect("last guard bit wrong", reply, Want::FailedLookup(false, Lookup::Guard(52, value, 48)))
}

fn expect_eq_depth(depth: seL4_Word, want: seL4_Word) -> Outcome {
    crate::framework::expect_eq("path depth", depth, want)
}

fn guard_value_masked(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 4)?, endpoint(env)?);
    let guarded = env.slot();
    expect(
        "mint guard 0xff/3",
        cnode_mint(ROOT, guarded, DEPTH, ROOT, node, DEPTH, ALL, guard(0xff, 3)),
        Want::Ok,
    )?;
    let (index, depth) = path(&[(12, guarded), (3, 7), (4, 2)]);
    expect("guard is the low 3 bits", cnode_copy(top, index, depth, ROOT, ep, DEPTH, ALL), Want::Ok)
}

fn cnode_rights_ignored(env: &mut Env) -> Outcome {
    let (node, ep, rightless) = (env.make(seL4_CapTableObject, 2)?, endpoint(env)?, env.slot());
    expect(
        "mint a CNode with no rights",
        cnode_mint(ROOT, rightless, DEPTH, ROOT, node, DEPTH, 0, 0),
        Want::Ok,
    )?;
    expect("still usable", cnode_copy(rightless, 1, 2, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    expect("delete through it", cnode_delete(rightless, 1, 2), Want::Ok)
}

fn source_through_guarded_root(env: &mut Env) -> Outcome {
    let (guarded, ep, dest) = (env.slot(), endpoint(env)?, env.slot());
    let data = guard(0x15, 5);
    expect(
        "root with guard 0x15/5",
        cnode_mint(ROOT, guarded, DEPTH, ROOT, ROOT, DEPTH, ALL, data),
        Want::Ok,
    )?;
    let index = (0x15 << 12) | ep;
    expect("copy from it", cnode_copy(ROOT, dest, DEPTH, guarded, index, 17, ALL), Want::Ok)?;
    expect_cap("copied", dest, cap_endpoint_cap)?;
    let reply = cnode_copy(ROOT, env.slot(), DEPTH, guarded, ep, 17, ALL);
    expect("source guard mismatch", reply, Want::FailedLookup(true, Lookup::Guard(17, 0x15, 5)))
}

fn move_between_cnodes(env: &mut Env) -> Outcome {
    let (node, ep, back) = (env.make(seL4_CapTableObject, 3)?, endpoint(env)?, env.slot());
    expect("root to node", cnode_move(node, 6, 3, ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("left the root", ep, cap_null_cap)?;
    expect("node to node", cnode_move(node, 2, 3, node, 6, 3), Want::Ok)?;
    expect("node to root", cnode_move(ROOT, back, DEPTH, node, 2, 3), Want::Ok)?;
    expect_cap("back in the root", back, cap_endpoint_cap)?;
    let reply = cnode_move(ROOT, env.slot(), DEPTH, node, 6, 3);
    expect("the node slot was emptied", reply, Want::FailedLookup(true, Lookup::Missing(3)))
}

fn rotate_across_cnodes(env: &mut Env) -> Outcome {
    let (a, b) = (env.make(seL4_CapTableObject, 2)?, env.make(seL4_CapTableObject, 2)?);
    let (tcb, frame) = (env.make(seL4_TCBObject, 0)?, env.make(seL4_X86_4K, 0)?);
    expect("frame into b[3]", cnode_move(b, 3, 2, ROOT, frame, DEPTH), Want::Ok)?;
    let reply = cnode_rotate(a, 1, 2, 0, b, 3, 2, 0, ROOT, tcb, DEPTH);
    expect("rotate root -> b -> a", reply, Want::Ok)?;
    let (out_a, out_b) = (env.slot(), env.slot());
    expect("a[1] out", cnode_move(ROOT, out_a, DEPTH, a, 1, 2), Want::Ok)?;
    expect("b[3] out", cnode_move(ROOT, out_b, DEPTH, b, 3, 2), Want::Ok)?;
    expect_cap("dest got the pivot's frame", out_a, cap_frame_cap)?;
    expect_cap("pivot got the source's TCB", out_b, cap_thread_cap)?;
    expect_cap("source emptied", tcb, cap_null_cap)
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//
// The capability derivation tree: what Revoke removes (descendants only,
// and which copies count as descendants), that deleting the last cap to an
// object destroys it (seen through the untyped it came from becoming
// reusable from its start), CNodes that hold caps to themselves or to each
// other, and revokes long enough to be preempted inside the kernel.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::cnode::{endpoint, ALL};
use crate::framework::{expect, expect_cap, Case, Lookup, Outcome, Want};
use crate::invoke::{self, cnode_copy, cnode_delete, cnode_mint, cnode_move, cnode_revoke, untyped_retype};
use sel4_sys::cap_tag::*;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["cdt":
        revoke_removes_descendants, copies_of_unbadged_are_siblings, revoke_badged_keeps_others,
        delete_copy_keeps_object, last_cap_frees_untyped, deleting_cnode_deletes_contents,
        self_containing_cnode, self_containing_cnode_moved, cnodes_containing_each_other,
        long_revoke_of_copies, long_revoke_of_untyped, revoke_untyped_copy, revoke_twice,
        revoke_through_cnode_path, delete_untyped_keeps_its_objects, same_badge_minted_twice,
        delete_cnode_leaves_inner_cnode, revoke_chain_of_copies, delete_nested_cnodes_needs_revoke, moved_cap_keeps_parent, rotated_caps_keep_parents,
    ]
}

/// Checks whether `untyped` (of 2^`bits` bytes) has no children left: a
/// retype of one byte more than it holds then reports all of it free.
fn expect_untyped_empty(env: &mut Env, untyped: seL4_CPtr, bits: seL4_Word) -> Outcome {
    let slot = env.slot();
    let reply = untyped_retype(untyped, seL4_UntypedObject, bits + 1, ROOT, 0, 0, slot, 1);
    expect("all memory free again", reply, Want::NotEnoughMemory(1 << bits))
}

fn copy(env: &mut Env, from: seL4_CPtr) -> Result<seL4_CPtr, String> {
    let dest = env.slot();
    expect("copy", cnode_copy(ROOT, dest, DEPTH, ROOT, from, DEPTH, ALL), Want::Ok)?;
    Ok(dest)
}

fn mint(env: &mut Env, from: seL4_CPtr, badge: seL4_Word) -> Result<seL4_CPtr, String> {
    let dest = env.slot();
    expect("mint", cnode_mint(ROOT, dest, DEPTH, ROOT, from, DEPTH, ALL, badge), Want::Ok)?;
    Ok(dest)
}

fn revoke_removes_descendants(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let badged = mint(env, ep, 5)?;
    let badged_copy = copy(env, badged)?;
    let plain = copy(env, ep)?;
    expect("revoke", cnode_revoke(ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("original stays", ep, cap_endpoint_cap)?;
    for slot in [badged, badged_copy, plain] {
        expect_cap("descendant gone", slot, cap_null_cap)?;
    }
    Ok(())
}

fn copies_of_unbadged_are_siblings(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let first = copy(env, ep)?;
    let second = copy(env, first)?;
    expect("revoke a copy", cnode_revoke(ROOT, first, DEPTH), Want::Ok)?;
    expect_cap("copy of a copy stays", second, cap_endpoint_cap)?;
    expect_cap("revoked copy stays", first, cap_endpoint_cap)
}

fn revoke_badged_keeps_others(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let (five, six) = (mint(env, ep, 5)?, mint(env, ep, 6)?);
    let (five_copy, six_copy) = (copy(env, five)?, copy(env, six)?);
    expect("revoke badge 5", cnode_revoke(ROOT, five, DEPTH), Want::Ok)?;
    expect_cap("badge 5 stays", five, cap_endpoint_cap)?;
    expect_cap("its copy goes", five_copy, cap_null_cap)?;
    expect_cap("badge 6 stays", six, cap_endpoint_cap)?;
    expect_cap("badge 6 copy stays", six_copy, cap_endpoint_cap)
}

fn delete_copy_keeps_object(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let ep = env.make_from(child, seL4_EndpointObject, 0)?;
    let other = copy(env, ep)?;
    expect("delete original", cnode_delete(ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("copy stays", other, cap_endpoint_cap)?;
    let slot = env.slot();
    let reply = untyped_retype(child, seL4_UntypedObject, 13, ROOT, 0, 0, slot, 1);
    expect("untyped still used", reply, Want::NotEnoughMemory(4096 - 16))?;
    expect("delete last copy", cnode_delete(ROOT, other, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 12)
}

fn last_cap_frees_untyped(env: &mut Env) -> Outcome {
    let child = env.untyped(16)?;
    let mut objects = Vec::new();
    for (ty, bits) in [
        (seL4_TCBObject, 0),
        (seL4_EndpointObject, 0),
        (seL4_NotificationObject, 0),
        (seL4_CapTableObject, 3),
        (seL4_X86_4K, 0),
        (seL4_X86_PageTableObject, 0),
        (seL4_X86_PageDirectoryObject, 0),
        (seL4_X86_PDPTObject, 0),
        (seL4_X64_PML4Object, 0),
        (seL4_UntypedObject, 8),
    ] {
        objects.push(env.make_from(child, ty, bits)?);
    }
    for slot in objects {
        expect("delete", cnode_delete(ROOT, slot, DEPTH), Want::Ok)?;
    }
    expect_untyped_empty(env, child, 16)
}

fn deleting_cnode_deletes_contents(env: &mut Env) -> Outcome {
    let child = env.untyped(14)?;
    let node = env.make_from(child, seL4_CapTableObject, 4)?;
    let ep = env.make_from(child, seL4_EndpointObject, 0)?;
    for i in 0..16 {
        expect("copy into the node", cnode_copy(node, i, 4, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    }
    expect("delete the endpoint", cnode_delete(ROOT, ep, DEPTH), Want::Ok)?;
    expect("delete the node", cnode_delete(ROOT, node, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 14)
}

fn self_containing_cnode(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let node = env.make_from(child, seL4_CapTableObject, 2)?;
    expect("node into itself", cnode_copy(node, 0, 2, ROOT, node, DEPTH, ALL), Want::Ok)?;
    expect("delete the outside cap", cnode_delete(ROOT, node, DEPTH), Want::Ok)?;
    expect_cap("outside cap gone", node, cap_null_cap)?;
    let slot = env.slot();
    let reply = untyped_retype(child, seL4_UntypedObject, 12, ROOT, 0, 0, slot, 1);
    expect("node still alive", reply, Want::NotEnoughMemory(4096 - 128))?;
    expect("revoke the untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 12)
}

fn self_containing_cnode_moved(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let node = env.make_from(child, seL4_CapTableObject, 2)?;
    expect("move the only cap into the node", cnode_move(node, 1, 2, ROOT, node, DEPTH), Want::Ok)?;
    expect_cap("moved", node, cap_null_cap)?;
    expect("revoke the untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 12)
}

fn cnodes_containing_each_other(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let a = env.make_from(child, seL4_CapTableObject, 2)?;
    let b = env.make_from(child, seL4_CapTableObject, 2)?;
    expect("b into a", cnode_move(a, 0, 2, ROOT, b, DEPTH), Want::Ok)?;
    // Through a: 2 bits pick a[0] (which holds b), 2 more pick b[1].
    expect("a into b, through a", cnode_move(a, 0b0001, 4, ROOT, a, DEPTH), Want::Ok)?;
    expect_cap("a moved", a, cap_null_cap)?;
    expect("revoke the untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 12)
}

fn long_revoke_of_copies(env: &mut Env) -> Outcome {
    let node = env.make(seL4_CapTableObject, 10)?;
    let ep = endpoint(env)?;
    let badged = mint(env, ep, 77)?;
    for i in 0..1024 {
        let reply = cnode_copy(node, i, 10, ROOT, badged, DEPTH, ALL);
        expect(&format!("copy {i}"), reply, Want::Ok)?;
    }
    expect("revoke 1024 copies", cnode_revoke(ROOT, badged, DEPTH), Want::Ok)?;
    for i in [0, 1, 511, 1023] {
        let reply = cnode_copy(ROOT, env.slot(), DEPTH, node, i, 10, ALL);
        expect(&format!("slot {i} emptied"), reply, Want::FailedLookup(true, Lookup::Missing(10)))?;
    }
    expect_cap("badged cap stays", badged, cap_endpoint_cap)
}

fn long_revoke_of_untyped(env: &mut Env) -> Outcome {
    let child = env.untyped(20)?;
    let node = env.make(seL4_CapTableObject, 10)?;
    for chunk in 0..4 {
        let reply = untyped_retype(child, seL4_NotificationObject, 0, ROOT, node, DEPTH, chunk * 256, 256);
        expect("256 notifications", reply, Want::Ok)?;
    }
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, env.slots(256), 256);
    expect("256 TCBs", reply, Want::Ok)?;
    expect("revoke 1280 objects", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    let reply = cnode_copy(ROOT, env.slot(), DEPTH, node, 700, 10, ALL);
    expect("notification gone", reply, Want::FailedLookup(true, Lookup::Missing(10)))?;
    expect_untyped_empty(env, child, 20)
}

fn revoke_untyped_copy(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let twin = copy(env, child)?;
    let ep = env.make_from(twin, seL4_EndpointObject, 0)?;
    expect("revoke the original", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_cap("copy gone", twin, cap_null_cap)?;
    expect_cap("object made from the copy gone", ep, cap_null_cap)
}

fn revoke_twice(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    copy(env, ep)?;
    expect("first revoke", cnode_revoke(ROOT, ep, DEPTH), Want::Ok)?;
    expect("second revoke", cnode_revoke(ROOT, ep, DEPTH), Want::Ok)?;
    expect_cap("original stays", ep, cap_endpoint_cap)
}

fn revoke_through_cnode_path(env: &mut Env) -> Outcome {
    let node = env.make(seL4_CapTableObject, 3)?;
    let ep = endpoint(env)?;
    expect("mint into the node", cnode_mint(node, 5, 3, ROOT, ep, DEPTH, ALL, 9), Want::Ok)?;
    let outside = env.slot();
    expect("copy out", cnode_copy(ROOT, outside, DEPTH, node, 5, 3, ALL), Want::Ok)?;
    expect("revoke inside the node", invoke::cnode_revoke(node, 5, 3), Want::Ok)?;
    expect_cap("copy of the inner cap gone", outside, cap_null_cap)?;
    expect("delete inside the node", cnode_delete(node, 5, 3), Want::Ok)?;
    let reply = cnode_copy(ROOT, outside, DEPTH, node, 5, 3, ALL);
    expect("inner slot empty", reply, Want::FailedLookup(true, Lookup::Missing(3)))
}

fn delete_untyped_keeps_its_objects(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let ep = env.make_from(child, seL4_EndpointObject, 0)?;
    expect("delete the untyped", cnode_delete(ROOT, child, DEPTH), Want::Ok)?;
    expect_cap("object survives", ep, cap_endpoint_cap)?;
    let ut = env.ut();
    expect("revoke the grandparent", cnode_revoke(ROOT, ut, DEPTH), Want::Ok)?;
    expect_cap("object gone with it", ep, cap_null_cap)
}

fn same_badge_minted_twice(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let first = mint(env, ep, 5)?;
    let first_copy = copy(env, first)?;
    let second = mint(env, ep, 5)?;
    let second_copy = copy(env, second)?;
    expect("revoke the second mint", cnode_revoke(ROOT, second, DEPTH), Want::Ok)?;
    expect_cap("its copy goes", second_copy, cap_null_cap)?;
    expect_cap("the first mint stays", first, cap_endpoint_cap)?;
    expect_cap("and its copy", first_copy, cap_endpoint_cap)?;
    expect("revoke the first mint", cnode_revoke(ROOT, first, DEPTH), Want::Ok)?;
    expect_cap("its copy goes", first_copy, cap_null_cap)?;
    expect_cap("the second mint stays", second, cap_endpoint_cap)
}

/// The bytes of a 2^14-byte untyped that a retype of 2^15 reports free.
fn free_bytes_want(used: seL4_Word) -> Want {
    Want::NotEnoughMemory((1 << 14) - used)
}

fn delete_cnode_leaves_inner_cnode(env: &mut Env) -> Outcome {
    let child = env.untyped(14)?;
    let nodes = env.make_many_from(child, seL4_CapTableObject, 1, 2)?;
    expect("inner node into the outer", cnode_move(nodes, 0, 1, ROOT, nodes + 1, DEPTH), Want::Ok)?;
    expect("delete the outer node", cnode_delete(ROOT, nodes, DEPTH), Want::Ok)?;
    // seL4 turns the inner node into a zombie that refers to itself and
    // leaves it: the untyped keeps a child until it is revoked.
    let reply = untyped_retype(child, seL4_UntypedObject, 15, ROOT, 0, 0, env.slot(), 1);
    expect("the untyped still has a child", reply, free_bytes_want(128))?;
    expect("revoke the untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 14)
}

fn delete_nested_cnodes_needs_revoke(env: &mut Env) -> Outcome {
    let child = env.untyped(14)?;
    let nodes = env.make_many_from(child, seL4_CapTableObject, 1, 10)?;
    // Each node moves into slot 0 of the one before it: the first holds the chain.
    for i in (1..10).rev() {
        let reply = cnode_move(nodes + i - 1, 0, 1, ROOT, nodes + i, DEPTH);
        expect(&format!("node {i} into node {}", i - 1), reply, Want::Ok)?;
    }
    let ep = env.make_from(child, seL4_EndpointObject, 0)?;
    let (index, depth) = crate::cnode::path(&[(9, 0), (1, 1)]);
    expect("endpoint to the bottom", cnode_move(nodes, index, depth, ROOT, ep, DEPTH), Want::Ok)?;
    expect("delete the outermost node", cnode_delete(ROOT, nodes, DEPTH), Want::Ok)?;
    let reply = untyped_retype(child, seL4_UntypedObject, 15, ROOT, 0, 0, env.slot(), 1);
    expect("the untyped still has children", reply, free_bytes_want(10 * 64 + 16))?;
    expect("revoke the untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_untyped_empty(env, child, 14)
}

fn moved_cap_keeps_parent(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let ep = env.make_from(child, seL4_EndpointObject, 0)?;
    let node = env.make(seL4_CapTableObject, 2)?;
    expect("move the object into a node", cnode_move(node, 2, 2, ROOT, ep, DEPTH), Want::Ok)?;
    expect("revoke its untyped", cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    let reply = cnode_copy(ROOT, env.slot(), DEPTH, node, 2, 2, ALL);
    expect("moved cap revoked too", reply, Want::FailedLookup(true, Lookup::Missing(2)))
}

fn rotated_caps_keep_parents(env: &mut Env) -> Outcome {
    let (a, b) = (env.untyped(12)?, env.untyped(12)?);
    let (from_a, from_b, dest) =
        (env.make_from(a, seL4_TCBObject, 0)?, env.make_from(b, seL4_X86_4K, 0)?, env.slot());
    let reply = invoke::cnode_rotate(ROOT, dest, DEPTH, 0, ROOT, from_b, DEPTH, 0, ROOT, from_a, DEPTH);
    expect("rotate", reply, Want::Ok)?;
    expect("revoke a", cnode_revoke(ROOT, a, DEPTH), Want::Ok)?;
    expect_cap("a's TCB, now in b's old slot, goes", from_b, cap_null_cap)?;
    expect_cap("b's frame, now in dest, stays", dest, cap_frame_cap)?;
    expect("revoke b", cnode_revoke(ROOT, b, DEPTH), Want::Ok)?;
    expect_cap("b's frame goes", dest, cap_null_cap)
}

fn revoke_chain_of_copies(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let badged = mint(env, ep, 0x99)?;
    let first = env.slots(300);
    let mut from = badged;
    for slot in first..first + 300 {
        expect("copy of the previous copy", cnode_copy(ROOT, slot, DEPTH, ROOT, from, DEPTH, ALL), Want::Ok)?;
        from = slot;
    }
    expect("revoke the badged cap", cnode_revoke(ROOT, badged, DEPTH), Want::Ok)?;
    for slot in [first, first + 150, first + 299] {
        expect_cap("every copy in the chain gone", slot, cap_null_cap)?;
    }
    expect_cap("badged cap stays", badged, cap_endpoint_cap)
}

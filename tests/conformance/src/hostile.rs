// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Hostile input: invocations of empty slots, every initial capability
// asked to do what it cannot, cap pointers and depths at their extremes,
// guards and badges at their limits, counts and sizes at the edges,
// crafted message info words, and maps of the root task's own image
// structures. Each must fail exactly as seL4 fails (or succeed as it does)
// and leave the root task running.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::cnode::{endpoint, guard, path, unguarded_root, ALL};
use crate::framework::{expect, expect_cap, expect_eq, expect_value, Case, Lookup, Outcome, Want};
use crate::invoke::{self as k, call, call_with_info};
use crate::vspace::{RW, V};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["hostile":
        invoke_empty_slots, initial_caps_wrong_labels, initial_slots_occupied, image_paging_already_mapped,
        image_frame_elsewhere, image_frame_copy_unmap, revoke_initial_caps, delete_null_initial_slots,
        cptr_extremes, depth_extremes, guard_data_extremes, all_ones_guard_lookup, retype_256_tcbs,
        retype_window_extremes, retype_size_extremes, message_length_clamped, label_extremes,
        extra_caps_beyond_need, zero_length_messages, self_lookup_64_bits, map_extreme_addresses,
        every_depth_through_root, every_depth_through_unguarded_root, many_of_each_type,
        delete_the_invoked_cap, move_the_invoked_cap, identify_unresolvable_cptrs,
    ]
}

fn invoke_empty_slots(env: &mut Env) -> Outcome {
    let empty = env.slot();
    for slot in [seL4_CapNull, seL4_CapIOSpace, 12, 13, 14, 15, empty] {
        let reply = call(slot, label::CNodeCopy, &[0; 5], &[ROOT]);
        expect(&format!("invoke empty slot {slot}"), reply, Want::InvalidCapability(0))?;
        expect(&format!("label 0 on slot {slot}"), call(slot, 0, &[], &[]), Want::InvalidCapability(0))?;
    }
    Ok(())
}

fn initial_caps_wrong_labels(_env: &mut Env) -> Outcome {
    let cases = [
        (seL4_CapInitThreadTCB, label::CNodeCopy),
        (seL4_CapInitThreadTCB, label::UntypedRetype),
        (seL4_CapIRQControl, label::CNodeCopy),
        (seL4_CapASIDControl, label::X86PageMap),
        (seL4_CapInitThreadASIDPool, label::CNodeRevoke),
        (seL4_CapBootInfoFrame, label::CNodeCopy),
        (seL4_CapInitThreadIPCBuffer, label::X86PageTableMap),
        (seL4_CapDomain, label::CNodeDelete),
        (seL4_CapInitThreadVSpace, label::X86PageMap),
    ];
    for (cap, which) in cases {
        let reply = call(cap, which, &[0; 6], &[ROOT]);
        expect(&format!("label {which} on initial cap {cap}"), reply, Want::IllegalOperation)?;
    }
    Ok(())
}

fn initial_slots_occupied(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let ep = endpoint(env)?;
    for slot in (1..=7).chain(9..=11) {
        let reply = k::untyped_retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, slot, 1);
        expect(&format!("retype into slot {slot}"), reply, Want::DeleteFirst)?;
        let reply = k::cnode_copy(ROOT, slot, DEPTH, ROOT, ep, DEPTH, ALL);
        expect(&format!("copy into slot {slot}"), reply, Want::DeleteFirst)?;
        let reply = k::cnode_move(ROOT, slot, DEPTH, ROOT, ep, DEPTH);
        expect(&format!("move into slot {slot}"), reply, Want::DeleteFirst)?;
    }
    Ok(())
}

fn image_paging_already_mapped(_env: &mut Env) -> Outcome {
    let region = &sel4::bootinfo().raw().userImagePaging;
    if region.start == region.end {
        return Err("the boot info lists no image paging structures".into());
    }
    for cap in region.start..region.end {
        let (reply, what) = match k::identify(cap) {
            cap_pdpt_cap => (k::pdpt_map(cap, seL4_CapInitThreadVSpace, V, 0), "PDPT"),
            cap_page_directory_cap => (k::page_directory_map(cap, seL4_CapInitThreadVSpace, V, 0), "PD"),
            cap_page_table_cap => (k::page_table_map(cap, seL4_CapInitThreadVSpace, V, 0), "PT"),
            other => return Err(format!("image paging slot {cap:#x} holds cap type {other}")),
        };
        expect(&format!("map the image's {what} again"), reply, Want::InvalidCapability(0))?;
    }
    Ok(())
}

fn image_frame_elsewhere(_env: &mut Env) -> Outcome {
    let first = sel4::bootinfo().raw().userImageFrames.start;
    let root = seL4_CapInitThreadVSpace;
    expect("image frame at V", k::page_map(first, root, V, RW, 0), Want::InvalidArgument(0))?;
    let ipc = seL4_CapInitThreadIPCBuffer;
    expect("IPC buffer at V", k::page_map(ipc, root, V, RW, 0), Want::InvalidArgument(0))?;
    let boot = seL4_CapBootInfoFrame;
    expect("boot info at V", k::page_map(boot, root, V, RW, 0), Want::InvalidArgument(0))
}

fn image_frame_copy_unmap(env: &mut Env) -> Outcome {
    let first = sel4::bootinfo().raw().userImageFrames.start;
    let copy = env.slot();
    expect("copy an image frame", k::cnode_copy(ROOT, copy, DEPTH, ROOT, first, DEPTH, ALL), Want::Ok)?;
    expect("unmap the unmapped copy", k::page_unmap(copy), Want::Ok)?;
    let original = expect_value("original address", k::page_get_address(first), 1)?[0];
    let copied = expect_value("copy address", k::page_get_address(copy), 1)?[0];
    expect_eq("same frame", copied, original)?;
    // The image starts at 2 MiB or above, so nothing maps the first 2 MiB.
    let reply = k::page_map(copy, seL4_CapInitThreadVSpace, 0x1000, 2, 0);
    expect("the copy maps where no page table is", reply, Want::FailedLookup(false, Lookup::Missing(21)))
}

fn revoke_initial_caps(_env: &mut Env) -> Outcome {
    let caps = [
        (seL4_CapInitThreadTCB, cap_thread_cap),
        (seL4_CapIRQControl, cap_irq_control_cap),
        (seL4_CapDomain, cap_domain_cap),
        (seL4_CapBootInfoFrame, cap_frame_cap),
    ];
    for (cap, tag) in caps {
        expect(&format!("revoke initial cap {cap}"), k::cnode_revoke(ROOT, cap, DEPTH), Want::Ok)?;
        expect_cap("still there", cap, tag)?;
    }
    Ok(())
}

fn delete_null_initial_slots(_env: &mut Env) -> Outcome {
    for slot in [seL4_CapNull, seL4_CapIOSpace, 12, 15] {
        expect(&format!("delete empty initial slot {slot}"), k::cnode_delete(ROOT, slot, DEPTH), Want::Ok)?;
    }
    Ok(())
}

fn cptr_extremes(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let reply = k::cnode_delete(ROOT, u64::MAX, DEPTH);
    expect("index 2^64-1", reply, Want::FailedLookup(false, Lookup::Guard(64, 0, 52)))?;
    let reply = k::cnode_copy(ROOT, env.slot(), DEPTH, ROOT, 1 << 63, DEPTH, ALL);
    expect("source index 2^63", reply, Want::FailedLookup(true, Lookup::Guard(64, 0, 52)))?;
    let reply = k::cnode_delete(ROOT, 0, 1);
    expect("depth 1", reply, Want::FailedLookup(false, Lookup::Guard(1, 0, 52)))?;
    let reply = k::cnode_delete(ROOT, ep | !0xfff, DEPTH);
    expect(
        "slot bits right, guard bits all ones",
        reply,
        Want::FailedLookup(false, Lookup::Guard(64, 0, 52)),
    )?;
    expect_cap("still there", ep, cap_endpoint_cap)
}

fn depth_extremes(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    for depth in [0, 65, 128, 255, 256, 1 << 32, u64::MAX] {
        expect(&format!("delete depth {depth:#x}"), k::cnode_delete(ROOT, ep, depth), Want::Range(1, 64))?;
        let reply = k::cnode_copy(ROOT, env.slot(), DEPTH, ROOT, ep, depth, ALL);
        expect(&format!("copy source depth {depth:#x}"), reply, Want::Range(1, 64))?;
    }
    Ok(())
}

fn guard_data_extremes(env: &mut Env) -> Outcome {
    let dest = env.slot();
    let reply = k::cnode_mint(ROOT, dest, DEPTH, ROOT, ROOT, DEPTH, ALL, u64::MAX);
    expect("guard size 63 on radix 12", reply, Want::IllegalOperation)?;
    let node = env.make(seL4_CapTableObject, 1)?;
    let reply = k::cnode_mint(ROOT, dest, DEPTH, ROOT, node, DEPTH, ALL, u64::MAX);
    expect("guard size 63 on radix 1", reply, Want::Ok)?;
    let next = env.slot();
    let reply = k::cnode_mint(ROOT, next, DEPTH, ROOT, node, DEPTH, ALL, guard(0, 0));
    expect("guard size 0", reply, Want::Ok)
}

fn all_ones_guard_lookup(env: &mut Env) -> Outcome {
    let (guarded, ep) = (env.slot(), endpoint(env)?);
    let ones = (1u64 << 52) - 1;
    let reply = k::cnode_mint(ROOT, guarded, DEPTH, ROOT, ROOT, DEPTH, ALL, guard(u64::MAX, 52));
    expect("root with an all-ones guard", reply, Want::Ok)?;
    let dest = env.slot();
    let index = (ones << 12) | dest;
    expect("copy through it", k::cnode_copy(guarded, index, DEPTH, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    expect_cap("landed", dest, cap_endpoint_cap)?;
    let reply = k::cnode_copy(guarded, dest, DEPTH, ROOT, ep, DEPTH, ALL);
    expect("zero guard bits", reply, Want::FailedLookup(false, Lookup::Guard(64, ones, 52)))
}

fn retype_256_tcbs(env: &mut Env) -> Outcome {
    let first = env.make_many(seL4_TCBObject, 0, 256)?;
    expect_cap("first TCB", first, cap_thread_cap)?;
    expect_cap("last TCB", first + 255, cap_thread_cap)
}

fn retype_window_extremes(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let ep = seL4_EndpointObject;
    let reply = k::untyped_retype(ut, ep, 0, ROOT, 0, 0, u64::MAX - 1, 256);
    expect("offset near 2^64", reply, Want::Range(0, 4095))?;
    let reply = k::untyped_retype(ut, ep, 0, ROOT, 0, 0, 4095, 256);
    expect("256 from the last slot", reply, Want::Range(1, 1))?;
    let reply = k::untyped_retype(ut, ep, 0, ROOT, 0, 0, 3840, 256);
    expect("256 ending at the last slot", reply, Want::DeleteFirst)
}

fn retype_size_extremes(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let slot = env.slot();
    for (ty, size) in [
        (seL4_UntypedObject, u64::MAX),
        (seL4_CapTableObject, 59),
        (seL4_CapTableObject, 63),
        (seL4_UntypedObject, 63),
    ] {
        let reply = k::untyped_retype(ut, ty, size, ROOT, 0, 0, slot, 1);
        expect(&format!("type {ty} size {size:#x}"), reply, Want::Range(0, 47))?;
    }
    Ok(())
}

fn message_length_clamped(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let info = seL4_MessageInfo::new(label::CNodeDelete, 0, 0, 127).word();
    expect("delete with length 127", call_with_info(ROOT, info, &[ep, DEPTH], &[]), Want::Ok)?;
    expect_cap("deleted", ep, cap_null_cap)?;
    let ep = endpoint(env)?;
    let info = seL4_MessageInfo::new(label::CNodeDelete, 7, 0, 2).word();
    expect("caps-unwrapped bits ignored", call_with_info(ROOT, info, &[ep, DEPTH], &[]), Want::Ok)
}

fn label_extremes(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    let biggest = (1u64 << 52) - 1;
    let info = seL4_MessageInfo::new(biggest, 0, 0, 2).word();
    expect("label 2^52-1 on a CNode", call_with_info(ROOT, info, &[ep, DEPTH], &[]), Want::IllegalOperation)?;
    let info = seL4_MessageInfo::new(label::CNodeDelete | 1 << 40, 0, 0, 2).word();
    expect(
        "delete label with a high bit",
        call_with_info(ROOT, info, &[ep, DEPTH], &[]),
        Want::IllegalOperation,
    )?;
    expect_cap("still there", ep, cap_endpoint_cap)
}

fn extra_caps_beyond_need(env: &mut Env) -> Outcome {
    let (ep, dest) = (endpoint(env)?, env.slot());
    let args = [dest, DEPTH, ep, DEPTH, ALL];
    expect("copy with 3 caps", call(ROOT, label::CNodeCopy, &args, &[ROOT, ROOT, seL4_CapNull]), Want::Ok)?;
    let info = seL4_MessageInfo::new(label::CNodeDelete, 0, 3, 2).word();
    expect("delete with 3 caps", call_with_info(ROOT, info, &[dest, DEPTH], &[ROOT, ep, ROOT]), Want::Ok)
}

fn zero_length_messages(env: &mut Env) -> Outcome {
    let (ut, frame) = (env.ut(), env.make(seL4_X86_4K, 0)?);
    let pt = env.make(seL4_X86_PageTableObject, 0)?;
    let checks = [
        (ut, label::UntypedRetype, Want::Truncated),
        (ROOT, label::CNodeRevoke, Want::Truncated),
        (ROOT, label::CNodeRotate, Want::Truncated),
        (frame, label::X86PageMap, Want::Truncated),
        (frame, label::X86PageUnmap, Want::Ok),
        (pt, label::X86PageTableMap, Want::Truncated),
        (seL4_CapASIDControl, label::X86ASIDControlMakePool, Want::Truncated),
        (seL4_CapInitThreadASIDPool, label::X86ASIDPoolAssign, Want::Truncated),
        (seL4_CapIOPortControl, label::X86IOPortControlIssue, Want::Truncated),
    ];
    for (cap, which, want) in checks {
        expect(&format!("label {which} with nothing"), call(cap, which, &[], &[]), want)?;
    }
    let value =
        expect_value("GetAddress with nothing", call(frame, label::X86PageGetAddress, &[], &[]), 1)?[0];
    expect_eq("frame address", value, env.ut_paddr)
}

fn self_lookup_64_bits(env: &mut Env) -> Outcome {
    let (top, node, ep) = (unguarded_root(env)?, env.make(seL4_CapTableObject, 1)?, endpoint(env)?);
    expect("node into its own slot 0", k::cnode_copy(node, 0, 1, ROOT, node, DEPTH, ALL), Want::Ok)?;
    let (zeros, depth) = path(&[(12, node), (52, 0)]);
    expect_eq("depth", depth, 64)?;
    let reply = k::cnode_copy(top, zeros, depth, ROOT, ep, DEPTH, ALL);
    expect("52 levels through itself end at slot 0", reply, Want::DeleteFirst)?;
    let (one, depth) = path(&[(12, node), (51, 0), (1, 1)]);
    expect("then slot 1", k::cnode_copy(top, one, depth, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    let (short, depth) = path(&[(12, node), (20, 0), (1, 1)]);
    let out = env.slot();
    expect(
        "the same slot by a shorter path",
        k::cnode_copy(ROOT, out, DEPTH, top, short, depth, ALL),
        Want::Ok,
    )?;
    expect_cap("endpoint", out, cap_endpoint_cap)
}

fn map_extreme_addresses(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("PDPT at 2^64-1", k::pdpt_map(pdpt, vs, u64::MAX, 0), Want::InvalidArgument(0))?;
    let frame = env.make(seL4_X86_LargePageObject, 0)?;
    let wraps = 0u64.wrapping_sub(1 << 21);
    expect("2M that wraps past 2^64", k::page_map(frame, vs, wraps, RW, 0), Want::InvalidArgument(0))?;
    expect("2M at 2^63", k::page_map(frame, vs, 1 << 63, RW, 0), Want::InvalidArgument(0))
}

/// Copies (`root`, `index`, `depth`) into the empty root slot `out`, checks
/// the answer, and empties `out` again after a success.
fn copy_out(root: seL4_CPtr, index: seL4_Word, depth: seL4_Word, out: seL4_CPtr, want: Want) -> Outcome {
    let reply = k::cnode_copy(ROOT, out, DEPTH, root, index, depth, ALL);
    expect(&format!("source depth {depth}"), reply, want)?;
    expect("empty the destination", k::cnode_delete(ROOT, out, DEPTH), Want::Ok)
}

fn every_depth_through_root(env: &mut Env) -> Outcome {
    let (ep, out) = (endpoint(env)?, env.slot());
    for depth in 0..=66u64 {
        // The slot's index shifted so that its top bits fall where a
        // depth-`depth` lookup reads them; the 52-bit guard stays zero.
        let index = if (52..=64).contains(&depth) { ep >> (64 - depth) } else { ep };
        let want = match depth {
            0 | 65.. => Want::Range(1, 64),
            1..=51 => Want::FailedLookup(true, Lookup::Guard(depth, 0, 52)),
            52..=63 => Want::FailedLookup(true, Lookup::Depth(depth, 64)),
            64 => Want::Ok,
        };
        copy_out(ROOT, index, depth, out, want)?;
    }
    Ok(())
}

fn every_depth_through_unguarded_root(env: &mut Env) -> Outcome {
    let top = unguarded_root(env)?;
    let (node, ep, out) = (env.make(seL4_CapTableObject, 8)?, endpoint(env)?, env.slot());
    expect("endpoint into node[0x5a]", k::cnode_copy(node, 0x5a, 8, ROOT, ep, DEPTH, ALL), Want::Ok)?;
    // 12 bits pick the node in the root, 8 more the endpoint in the node.
    let full = (node << 8) | 0x5a;
    for depth in 1..=30u64 {
        let index = if depth <= 20 { full >> (20 - depth) } else { full << (depth - 20) };
        let want = match depth {
            1..=11 => Want::FailedLookup(true, Lookup::Depth(depth, 12)),
            12 | 20 => Want::Ok,
            13..=19 => Want::FailedLookup(true, Lookup::Depth(depth - 12, 8)),
            _ => Want::FailedLookup(true, Lookup::Depth(depth - 20, 0)),
        };
        copy_out(top, index, depth, out, want)?;
    }
    Ok(())
}

fn many_of_each_type(env: &mut Env) -> Outcome {
    let kinds = [
        (seL4_UntypedObject, 12, cap_untyped_cap, 16),
        (seL4_TCBObject, 0, cap_thread_cap, 16),
        (seL4_EndpointObject, 0, cap_endpoint_cap, 16),
        (seL4_NotificationObject, 0, cap_notification_cap, 16),
        (seL4_CapTableObject, 3, cap_cnode_cap, 16),
        (seL4_X86_PDPTObject, 0, cap_pdpt_cap, 16),
        (seL4_X64_PML4Object, 0, cap_pml4_cap, 16),
        (seL4_X86_4K, 0, cap_frame_cap, 16),
        (seL4_X86_LargePageObject, 0, cap_frame_cap, 4),
        (seL4_X86_PageTableObject, 0, cap_page_table_cap, 16),
        (seL4_X86_PageDirectoryObject, 0, cap_page_directory_cap, 16),
    ];
    for (ty, bits, tag, count) in kinds {
        let first = env.make_many(ty, bits, count)?;
        for slot in first..first + count {
            expect_cap(&format!("type {ty}"), slot, tag)?;
        }
    }
    Ok(())
}

fn delete_the_invoked_cap(env: &mut Env) -> Outcome {
    let top = unguarded_root(env)?;
    expect("a CNode deletes the cap it is invoked through", k::cnode_delete(top, top, 12), Want::Ok)?;
    expect_cap("gone", top, cap_null_cap)
}

fn move_the_invoked_cap(env: &mut Env) -> Outcome {
    let (top, dest) = (unguarded_root(env)?, env.slot());
    expect("move the invoked cap away", k::cnode_move(top, dest, 12, ROOT, top, DEPTH), Want::Ok)?;
    expect_cap("moved", dest, cap_cnode_cap)?;
    expect_cap("source empty", top, cap_null_cap)?;
    expect("the moved cap works", k::cnode_move(dest, top, 12, dest, dest, 12), Want::Ok)?;
    expect_cap("and moved itself back", top, cap_cnode_cap)
}

fn identify_unresolvable_cptrs(env: &mut Env) -> Outcome {
    let ep = endpoint(env)?;
    for cptr in [ep | 1 << 12, ep | 1 << 63, u64::MAX] {
        expect_eq(&format!("DebugCapIdentify({cptr:#x})"), k::identify(cptr), 0)?;
    }
    expect_cap("the slot itself", ep, cap_endpoint_cap)
}

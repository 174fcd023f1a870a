// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Untyped_Retype: every object type, the size rules of each, device
// untypeds, the destination window checks, the object-count limit, the
// free-index watermark with its alignment (seen through NotEnoughMemory's
// bytes-left detail and frame addresses), and the reset of an untyped once
// its last child is gone. Each check in seL4's order of checks.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_eq, expect_value, Case, Lookup, Outcome, Want};
use crate::invoke::{self, call, page_get_address, untyped_retype};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["untyped":
        retype_tcb, retype_endpoint, retype_notification, retype_cnode, retype_untyped,
        retype_frame_4k, retype_frame_2m, retype_huge_page_from_device, retype_page_table,
        retype_page_directory, retype_pdpt, retype_pml4, invalid_object_type, invalid_object_type_huge,
        size_bits_limit_fixed_objects, fixed_size_objects_ignore_size_bits, untyped_size_limits,
        cnode_size_limits, count_limits, count_256_fills_slots, offset_beyond_node, window_overruns_node,
        window_slot_occupied, small_destination_node, destination_depth_too_big, destination_empty_slot,
        destination_not_cnode, destination_guard_mismatch, destination_by_index, watermark_alignment,
        fits_when_aligned, count_exceeds_memory, exact_fill, reset_after_last_child_deleted,
        no_reset_while_child_lives, revoke_resets, device_only_frames_and_untypeds,
        device_memory_checked_first, huge_page_needs_memory, frame_alignment_in_untyped,
        truncated_message, wrong_label, order_type_before_size, order_size_before_destination,
        order_destination_before_window, copy_untyped_with_children, retype_into_deep_cnode,
        retype_through_guarded_root, copy_of_untyped_marks_original_full, moved_untyped_keeps_watermark,
        device_frame_addresses, device_untyped_too_small, failed_retype_keeps_watermark,
        too_many_creates_nothing, mint_and_move_of_untyped, destination_root_itself_at_depth_0,
        large_children_aligned_in_kernel_window,
    ]
}

/// Retypes one object of `object_type` from `ut` into a fresh slot.
fn retype_into(env: &mut Env, ut: seL4_CPtr, object_type: seL4_Word, size_bits: seL4_Word) -> invoke::Reply {
    let slot = env.slot();
    untyped_retype(ut, object_type, size_bits, ROOT, 0, 0, slot, 1)
}

fn retype_one(env: &mut Env, object_type: seL4_Word, size_bits: seL4_Word, tag: u32) -> Outcome {
    let slot = env.slot();
    let ut = env.ut();
    expect("retype", untyped_retype(ut, object_type, size_bits, ROOT, 0, 0, slot, 1), Want::Ok)?;
    expect_cap("new cap", slot, tag)
}

fn retype_tcb(env: &mut Env) -> Outcome {
    retype_one(env, seL4_TCBObject, 0, cap_thread_cap)
}

fn retype_endpoint(env: &mut Env) -> Outcome {
    retype_one(env, seL4_EndpointObject, 0, cap_endpoint_cap)
}

fn retype_notification(env: &mut Env) -> Outcome {
    retype_one(env, seL4_NotificationObject, 0, cap_notification_cap)
}

fn retype_cnode(env: &mut Env) -> Outcome {
    retype_one(env, seL4_CapTableObject, 1, cap_cnode_cap)?;
    retype_one(env, seL4_CapTableObject, 10, cap_cnode_cap)
}

fn retype_untyped(env: &mut Env) -> Outcome {
    retype_one(env, seL4_UntypedObject, seL4_MinUntypedBits, cap_untyped_cap)?;
    retype_one(env, seL4_UntypedObject, 20, cap_untyped_cap)
}

fn retype_frame_4k(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X86_4K, 0, cap_frame_cap)
}

fn retype_frame_2m(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X86_LargePageObject, 0, cap_frame_cap)
}

fn retype_huge_page_from_device(env: &mut Env) -> Outcome {
    let device = env.device(seL4_HugePageBits)?;
    let slot = env.slot();
    let reply = untyped_retype(device.cptr, seL4_X64_HugePageObject, 0, ROOT, 0, 0, slot, 1);
    expect("retype a 1 GiB frame", reply, Want::Ok)?;
    expect_cap("1 GiB frame", slot, cap_frame_cap)?;
    let mrs = expect_value("GetAddress", page_get_address(slot), 1)?;
    expect_eq("address of the first child", mrs[0], device.paddr)
}

fn retype_page_table(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X86_PageTableObject, 0, cap_page_table_cap)
}

fn retype_page_directory(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X86_PageDirectoryObject, 0, cap_page_directory_cap)
}

fn retype_pdpt(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X86_PDPTObject, 0, cap_pdpt_cap)
}

fn retype_pml4(env: &mut Env) -> Outcome {
    retype_one(env, seL4_X64_PML4Object, 0, cap_pml4_cap)
}

fn invalid_object_type(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect("type 12", retype_into(env, ut, seL4_ObjectTypeCount, 0), Want::InvalidArgument(0))
}

fn invalid_object_type_huge(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect(
        "IOPageTable type",
        retype_into(env, ut, seL4_X86_IOPageTableObject, 0),
        Want::InvalidArgument(0),
    )?;
    expect("type 2^64-1", retype_into(env, ut, u64::MAX, 0), Want::InvalidArgument(0))
}

fn size_bits_limit_fixed_objects(env: &mut Env) -> Outcome {
    let ut = env.ut();
    for ty in [seL4_EndpointObject, seL4_TCBObject, seL4_X86_4K, seL4_X64_PML4Object] {
        expect(&format!("type {ty} size_bits 64"), retype_into(env, ut, ty, 64), Want::Range(0, 47))?;
        expect(&format!("type {ty} size_bits max"), retype_into(env, ut, ty, u64::MAX), Want::Range(0, 47))?;
    }
    Ok(())
}

fn fixed_size_objects_ignore_size_bits(env: &mut Env) -> Outcome {
    retype_one(env, seL4_TCBObject, 63, cap_thread_cap)?;
    retype_one(env, seL4_EndpointObject, 47, cap_endpoint_cap)?;
    retype_one(env, seL4_X86_4K, 40, cap_frame_cap)?;
    retype_one(env, seL4_X86_PageTableObject, 12, cap_page_table_cap)
}

fn untyped_size_limits(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect("untyped 3 bits", retype_into(env, ut, seL4_UntypedObject, 3), Want::InvalidArgument(1))?;
    expect("untyped 0 bits", retype_into(env, ut, seL4_UntypedObject, 0), Want::InvalidArgument(1))?;
    expect("untyped 48 bits", retype_into(env, ut, seL4_UntypedObject, 48), Want::Range(0, 47))?;
    expect("untyped 47 bits", retype_into(env, ut, seL4_UntypedObject, 47), Want::NotEnoughMemory(1 << 24))?;
    expect("untyped 25 bits", retype_into(env, ut, seL4_UntypedObject, 25), Want::NotEnoughMemory(1 << 24))?;
    expect("untyped 24 bits", retype_into(env, ut, seL4_UntypedObject, 24), Want::Ok)
}

fn cnode_size_limits(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect("radix 0", retype_into(env, ut, seL4_CapTableObject, 0), Want::InvalidArgument(1))?;
    expect("radix 43", retype_into(env, ut, seL4_CapTableObject, 43), Want::Range(0, 47))?;
    expect("radix 42", retype_into(env, ut, seL4_CapTableObject, 42), Want::NotEnoughMemory(1 << 24))?;
    expect("radix 20", retype_into(env, ut, seL4_CapTableObject, 20), Want::NotEnoughMemory(1 << 24))?;
    expect("radix 19", retype_into(env, ut, seL4_CapTableObject, 19), Want::Ok)
}

fn count_limits(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let ep = seL4_EndpointObject;
    expect("0 objects", untyped_retype(ut, ep, 0, ROOT, 0, 0, slot, 0), Want::Range(1, 256))?;
    expect("257 objects", untyped_retype(ut, ep, 0, ROOT, 0, 0, slot, 257), Want::Range(1, 256))?;
    expect("2^64-1 objects", untyped_retype(ut, ep, 0, ROOT, 0, 0, slot, u64::MAX), Want::Range(1, 256))
}

fn count_256_fills_slots(env: &mut Env) -> Outcome {
    let first = env.make_many(seL4_NotificationObject, 0, 256)?;
    for slot in first..first + 256 {
        expect_cap("each new notification", slot, cap_notification_cap)?;
    }
    Ok(())
}

fn offset_beyond_node(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let ep = seL4_EndpointObject;
    expect("offset 4096", untyped_retype(ut, ep, 0, ROOT, 0, 0, 4096, 1), Want::Range(0, 4095))?;
    expect("offset 2^64-1", untyped_retype(ut, ep, 0, ROOT, 0, 0, u64::MAX, 1), Want::Range(0, 4095))
}

fn window_overruns_node(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let ep = seL4_EndpointObject;
    expect("10 from 4090", untyped_retype(ut, ep, 0, ROOT, 0, 0, 4090, 10), Want::Range(1, 6))?;
    expect("2 from 4095", untyped_retype(ut, ep, 0, ROOT, 0, 0, 4095, 2), Want::Range(1, 1))
}

fn window_slot_occupied(env: &mut Env) -> Outcome {
    let first = env.slots(4);
    let ut = env.ut();
    let ep = seL4_EndpointObject;
    expect("one in the middle", untyped_retype(ut, ep, 0, ROOT, 0, 0, first + 2, 1), Want::Ok)?;
    expect("window over it", untyped_retype(ut, ep, 0, ROOT, 0, 0, first, 4), Want::DeleteFirst)?;
    expect_cap("nothing made before it", first, cap_null_cap)?;
    expect("initial caps", untyped_retype(ut, ep, 0, ROOT, 0, 0, seL4_CapInitThreadTCB, 1), Want::DeleteFirst)
}

fn small_destination_node(env: &mut Env) -> Outcome {
    let node = env.make(seL4_CapTableObject, 4)?;
    let ut = env.ut();
    let ep = seL4_EndpointObject;
    expect("offset 16 of 16", untyped_retype(ut, ep, 0, ROOT, node, DEPTH, 16, 1), Want::Range(0, 15))?;
    expect("2 from 15", untyped_retype(ut, ep, 0, ROOT, node, DEPTH, 15, 2), Want::Range(1, 1))?;
    expect("last slot", untyped_retype(ut, ep, 0, ROOT, node, DEPTH, 15, 1), Want::Ok)?;
    expect("all 16", untyped_retype(ut, ep, 0, ROOT, node, DEPTH, 0, 16), Want::DeleteFirst)?;
    expect("first 15", untyped_retype(ut, ep, 0, ROOT, node, DEPTH, 0, 15), Want::Ok)
}

fn destination_depth_too_big(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let ep = seL4_EndpointObject;
    let reply = untyped_retype(ut, ep, 0, ROOT, ROOT, 65, slot, 1);
    expect("depth 65", reply, Want::Range(1, 64))?;
    let reply = untyped_retype(ut, ep, 0, ROOT, ROOT, u64::MAX, slot, 1);
    expect("depth 2^64-1", reply, Want::Range(1, 64))
}

fn destination_empty_slot(env: &mut Env) -> Outcome {
    let (ut, empty, slot) = (env.ut(), env.slot(), env.slot());
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, ROOT, empty, DEPTH, slot, 1);
    expect("node is an empty slot", reply, Want::FailedLookup(false, Lookup::Missing(64)))
}

fn destination_not_cnode(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let ep = seL4_EndpointObject;
    let tcb = seL4_CapInitThreadTCB;
    let reply = untyped_retype(ut, ep, 0, tcb, 0, 0, slot, 1);
    expect("root is a TCB, depth 0", reply, Want::FailedLookup(false, Lookup::Missing(0)))?;
    let reply = untyped_retype(ut, ep, 0, tcb, slot, DEPTH, slot, 1);
    expect("root is a TCB, depth 64", reply, Want::FailedLookup(false, Lookup::InvalidRoot))?;
    let reply = untyped_retype(ut, ep, 0, seL4_CapNull, 0, 0, slot, 1);
    expect("root is empty, depth 0", reply, Want::FailedLookup(false, Lookup::Missing(0)))?;
    let reply = untyped_retype(ut, ep, 0, ROOT, seL4_CapInitThreadTCB, DEPTH, slot, 1);
    expect("node is a TCB", reply, Want::FailedLookup(false, Lookup::Missing(64)))
}

fn destination_guard_mismatch(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let ep = seL4_EndpointObject;
    let reply = untyped_retype(ut, ep, 0, ROOT, ROOT, 12, slot, 1);
    expect("depth 12 under a 52-bit guard", reply, Want::FailedLookup(false, Lookup::Guard(12, 0, 52)))?;
    let reply = untyped_retype(ut, ep, 0, ROOT, 1 << 12, DEPTH, slot, 1);
    expect("index past 12 bits", reply, Want::FailedLookup(false, Lookup::Guard(64, 0, 52)))?;
    let reply = untyped_retype(ut, ep, 0, ROOT, ROOT, 63, slot, 1);
    expect("depth 63", reply, Want::FailedLookup(false, Lookup::Depth(63, 64)))
}

fn destination_by_index(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, ROOT, ROOT, DEPTH, slot, 1);
    expect("node named by its own slot", reply, Want::Ok)?;
    expect_cap("endpoint", slot, cap_endpoint_cap)
}

fn watermark_alignment(env: &mut Env) -> Outcome {
    let child = env.untyped(16)?;
    retype_one_from(env, child, seL4_EndpointObject, 0)?;
    expect(
        "after an endpoint",
        retype_into(env, child, seL4_UntypedObject, 16),
        Want::NotEnoughMemory(65536 - 16),
    )?;
    retype_one_from(env, child, seL4_TCBObject, 0)?;
    expect(
        "after a TCB",
        retype_into(env, child, seL4_UntypedObject, 16),
        Want::NotEnoughMemory(65536 - 4096),
    )?;
    retype_one_from(env, child, seL4_NotificationObject, 0)?;
    let left = 65536 - 4096 - 32;
    expect(
        "after a notification",
        retype_into(env, child, seL4_UntypedObject, 16),
        Want::NotEnoughMemory(left),
    )?;
    retype_one_from(env, child, seL4_X86_4K, 0)?;
    expect(
        "after a frame",
        retype_into(env, child, seL4_UntypedObject, 16),
        Want::NotEnoughMemory(65536 - 12288),
    )
}

fn retype_one_from(env: &mut Env, ut: seL4_CPtr, object_type: seL4_Word, size_bits: seL4_Word) -> Outcome {
    env.make_from(ut, object_type, size_bits).map(|_| ())
}

fn fits_when_aligned(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    retype_one_from(env, child, seL4_EndpointObject, 0)?;
    expect("2 KiB after 16 bytes", retype_into(env, child, seL4_UntypedObject, 11), Want::Ok)?;
    expect("now full", retype_into(env, child, seL4_EndpointObject, 0), Want::NotEnoughMemory(0))
}

fn count_exceeds_memory(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    retype_one_from(env, child, seL4_EndpointObject, 0)?;
    let slot = env.slots(2);
    let reply = untyped_retype(child, seL4_UntypedObject, 11, ROOT, 0, 0, slot, 2);
    expect("two 2 KiB blocks", reply, Want::NotEnoughMemory(4080))?;
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, slot, 2);
    expect("two TCBs", reply, Want::NotEnoughMemory(4080))
}

fn exact_fill(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    env.make_many_from(child, seL4_EndpointObject, 0, 256)?;
    expect("one more", retype_into(env, child, seL4_EndpointObject, 0), Want::NotEnoughMemory(0))
}

fn frame_address(cptr: seL4_CPtr) -> Result<seL4_Word, String> {
    Ok(expect_value("GetAddress", page_get_address(cptr), 1)?[0])
}

fn reset_after_last_child_deleted(env: &mut Env) -> Outcome {
    let base = env.ut_paddr;
    let ut = env.ut();
    let a = env.make(seL4_X86_4K, 0)?;
    let b = env.make(seL4_X86_4K, 0)?;
    expect_eq("first frame", frame_address(a)?, base)?;
    expect_eq("second frame", frame_address(b)?, base + 4096)?;
    expect("delete a", invoke::cnode_delete(ROOT, a, DEPTH), Want::Ok)?;
    expect("delete b", invoke::cnode_delete(ROOT, b, DEPTH), Want::Ok)?;
    expect("all memory back", retype_into(env, ut, seL4_UntypedObject, 25), Want::NotEnoughMemory(1 << 24))?;
    let c = env.make(seL4_X86_4K, 0)?;
    expect_eq("frame after reset", frame_address(c)?, base)
}

fn no_reset_while_child_lives(env: &mut Env) -> Outcome {
    let base = env.ut_paddr;
    let a = env.make(seL4_X86_4K, 0)?;
    let _b = env.make(seL4_X86_4K, 0)?;
    expect("delete a", invoke::cnode_delete(ROOT, a, DEPTH), Want::Ok)?;
    let c = env.make(seL4_X86_4K, 0)?;
    expect_eq("next frame continues at the watermark", frame_address(c)?, base + 8192)
}

fn revoke_resets(env: &mut Env) -> Outcome {
    let base = env.ut_paddr;
    let ut = env.ut();
    env.make(seL4_X86_4K, 0)?;
    env.make(seL4_TCBObject, 0)?;
    expect("revoke", invoke::cnode_revoke(ROOT, ut, DEPTH), Want::Ok)?;
    let c = env.make(seL4_X86_4K, 0)?;
    expect_eq("frame after revoke", frame_address(c)?, base)
}

fn device_only_frames_and_untypeds(env: &mut Env) -> Outcome {
    let device = env.device(20)?.cptr;
    let child = env.make_from(device, seL4_UntypedObject, 16)?;
    for ty in [
        seL4_TCBObject,
        seL4_EndpointObject,
        seL4_NotificationObject,
        seL4_X86_PageTableObject,
        seL4_X86_PageDirectoryObject,
        seL4_X86_PDPTObject,
        seL4_X64_PML4Object,
    ] {
        expect(&format!("type {ty} from device"), retype_into(env, child, ty, 0), Want::InvalidArgument(1))?;
    }
    expect("CNode from device", retype_into(env, child, seL4_CapTableObject, 4), Want::InvalidArgument(1))?;
    let frame = env.make_from(child, seL4_X86_4K, 0)?;
    expect_cap("device frame", frame, cap_frame_cap)?;
    let grandchild = env.make_from(child, seL4_UntypedObject, 12)?;
    expect(
        "TCB from a device grandchild",
        retype_into(env, grandchild, seL4_TCBObject, 0),
        Want::InvalidArgument(1),
    )
}

fn device_memory_checked_first(env: &mut Env) -> Outcome {
    let device = env.device(20)?.cptr;
    let child = env.make_from(device, seL4_UntypedObject, 12)?;
    let slot = env.slots(4);
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, slot, 4);
    expect("4 TCBs in 4 KiB of device memory", reply, Want::NotEnoughMemory(4096))
}

fn huge_page_needs_memory(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect(
        "1 GiB from 16 MiB",
        retype_into(env, ut, seL4_X64_HugePageObject, 0),
        Want::NotEnoughMemory(1 << 24),
    )
}

fn frame_alignment_in_untyped(env: &mut Env) -> Outcome {
    let base = env.ut_paddr;
    env.make(seL4_EndpointObject, 0)?;
    let large = env.make(seL4_X86_LargePageObject, 0)?;
    expect_eq("2 MiB frame aligned up", frame_address(large)?, base + (1 << 21))?;
    let small = env.make(seL4_X86_4K, 0)?;
    expect_eq("4 KiB frame after it", frame_address(small)?, base + (2 << 21))
}

fn truncated_message(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let args = [seL4_EndpointObject, 0, 0, 0, slot, 1];
    expect("5 words", call(ut, label::UntypedRetype, &args[..5], &[ROOT]), Want::Truncated)?;
    expect("no cap", call(ut, label::UntypedRetype, &args, &[]), Want::Truncated)?;
    expect("nothing", call(ut, label::UntypedRetype, &[], &[]), Want::Truncated)
}

fn wrong_label(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect("CNodeCopy on an untyped", call(ut, label::CNodeCopy, &[0; 5], &[ROOT]), Want::IllegalOperation)?;
    expect("label 0", call(ut, 0, &[], &[]), Want::IllegalOperation)?;
    expect("label 1000", call(ut, 1000, &[], &[]), Want::IllegalOperation)
}

fn order_type_before_size(env: &mut Env) -> Outcome {
    let ut = env.ut();
    expect("bad type and size", retype_into(env, ut, 99, 64), Want::InvalidArgument(0))
}

fn order_size_before_destination(env: &mut Env) -> Outcome {
    let (ut, slot) = (env.ut(), env.slot());
    let reply = untyped_retype(ut, seL4_UntypedObject, 2, ROOT, 0, 65, slot, 0);
    expect("size too small, bad depth", reply, Want::InvalidArgument(1))?;
    let reply = untyped_retype(ut, seL4_CapTableObject, 50, ROOT, 0, 65, slot, 0);
    expect("size too big, bad depth", reply, Want::Range(0, 47))
}

fn order_destination_before_window(env: &mut Env) -> Outcome {
    let ut = env.ut();
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, ROOT, 0, 65, 5000, 0);
    expect("bad depth, offset and count", reply, Want::Range(1, 64))?;
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, 5000, 0);
    expect("bad offset and count", reply, Want::Range(0, 4095))?;
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, seL4_CapInitThreadTCB, 0);
    expect("bad count, occupied slot", reply, Want::Range(1, 256))?;
    let reply = untyped_retype(ut, seL4_UntypedObject, 25, ROOT, 0, 0, seL4_CapInitThreadTCB, 1);
    expect("too big into an occupied slot", reply, Want::DeleteFirst)
}

fn copy_untyped_with_children(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let copy = env.slot();
    expect("copy while childless", invoke::cnode_copy(ROOT, copy, DEPTH, ROOT, child, DEPTH, 15), Want::Ok)?;
    expect("delete the copy", invoke::cnode_delete(ROOT, copy, DEPTH), Want::Ok)?;
    env.make_from(child, seL4_EndpointObject, 0)?;
    let reply = invoke::cnode_copy(ROOT, copy, DEPTH, ROOT, child, DEPTH, 15);
    expect("copy with a child", reply, Want::RevokeFirst)?;
    expect_cap("no copy", copy, cap_null_cap)
}

fn retype_into_deep_cnode(env: &mut Env) -> Outcome {
    let top = crate::cnode::unguarded_root(env)?;
    let (outer, inner) = (env.make(seL4_CapTableObject, 3)?, env.make(seL4_CapTableObject, 2)?);
    expect("inner into outer[5]", invoke::cnode_move(outer, 5, 3, ROOT, inner, DEPTH), Want::Ok)?;
    let (index, depth) = crate::cnode::path(&[(12, outer), (3, 5)]);
    let ut = env.ut();
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, top, index, depth, 1, 3);
    expect("3 endpoints into the inner node", reply, Want::Ok)?;
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, top, index, depth, 0, 5);
    expect("window past the inner node", reply, Want::Range(1, 4))?;
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, top, index, depth, 3, 1);
    expect("occupied inner slot", reply, Want::DeleteFirst)?;
    let (index, depth) = crate::cnode::path(&[(12, outer), (3, 6)]);
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, top, index, depth, 0, 1);
    expect("empty slot as node", reply, Want::FailedLookup(false, Lookup::Missing(depth)))
}

fn retype_through_guarded_root(env: &mut Env) -> Outcome {
    let guarded = env.slot();
    let data = crate::cnode::guard(0x2a, 6);
    expect(
        "root with guard 0x2a/6",
        invoke::cnode_mint(ROOT, guarded, DEPTH, ROOT, ROOT, DEPTH, 15, data),
        Want::Ok,
    )?;
    let node = env.make(seL4_CapTableObject, 2)?;
    let ut = env.ut();
    let index = (0x2a << 12) | node;
    let reply = untyped_retype(ut, seL4_NotificationObject, 0, guarded, index, 18, 0, 4);
    expect("into a node named through the guarded root", reply, Want::Ok)?;
    let reply = untyped_retype(ut, seL4_NotificationObject, 0, guarded, node, 18, 0, 1);
    expect("guard mismatch", reply, Want::FailedLookup(false, Lookup::Guard(18, 0x2a, 6)))?;
    let reply = untyped_retype(ut, seL4_NotificationObject, 0, guarded, index >> 1, 17, 0, 1);
    expect("one bit short", reply, Want::FailedLookup(false, Lookup::Depth(17, 18)))
}

fn copy_of_untyped_marks_original_full(env: &mut Env) -> Outcome {
    let child = env.untyped(16)?;
    let twin = env.slot();
    expect("copy the untyped", invoke::cnode_copy(ROOT, twin, DEPTH, ROOT, child, DEPTH, 15), Want::Ok)?;
    let from_twin = env.make_from(twin, seL4_X86_4K, 0)?;
    expect_eq("the copy allocates from the block's start", frame_address(from_twin)?, env.ut_paddr)?;
    let reply = retype_into(env, child, seL4_EndpointObject, 0);
    expect("the original counts as full once copied", reply, Want::NotEnoughMemory(0))?;
    expect("revoke the original", invoke::cnode_revoke(ROOT, child, DEPTH), Want::Ok)?;
    expect_cap("copy gone", twin, cap_null_cap)?;
    let again = env.make_from(child, seL4_X86_4K, 0)?;
    expect_eq("childless again: reset to the start", frame_address(again)?, env.ut_paddr)
}

fn moved_untyped_keeps_watermark(env: &mut Env) -> Outcome {
    let child = env.untyped(16)?;
    let first = env.make_from(child, seL4_X86_4K, 0)?;
    let moved = env.slot();
    expect("move the untyped", invoke::cnode_move(ROOT, moved, DEPTH, ROOT, child, DEPTH), Want::Ok)?;
    let second = env.make_from(moved, seL4_X86_4K, 0)?;
    expect_eq("continues after the first frame", frame_address(second)?, frame_address(first)? + 4096)?;
    expect("revoke through the new slot", invoke::cnode_revoke(ROOT, moved, DEPTH), Want::Ok)?;
    expect_cap("children gone", first, cap_null_cap)
}

fn device_frame_addresses(env: &mut Env) -> Outcome {
    let device = env.device(22)?;
    let large = env.make_from(device.cptr, seL4_X86_LargePageObject, 0)?;
    let small = env.make_from(device.cptr, seL4_X86_4K, 0)?;
    expect_eq("device 2M frame", frame_address(large)?, device.paddr)?;
    expect_eq("device 4K frame after it", frame_address(small)?, device.paddr + (1 << 21))
}

fn device_untyped_too_small(env: &mut Env) -> Outcome {
    let device = env.device(12)?;
    let bits = device.bits;
    let slot = env.slot();
    let reply = untyped_retype(device.cptr, seL4_UntypedObject, bits + 1, ROOT, 0, 0, slot, 1);
    expect("one bit more than the device untyped", reply, Want::NotEnoughMemory(1 << bits))
}

fn failed_retype_keeps_watermark(env: &mut Env) -> Outcome {
    let child = env.untyped(14)?;
    retype_one_from(env, child, seL4_EndpointObject, 0)?;
    let occupied = env.make(seL4_EndpointObject, 0)?;
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, occupied, 1);
    expect("retype into an occupied slot", reply, Want::DeleteFirst)?;
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, env.slot(), 0);
    expect("retype of 0 objects", reply, Want::Range(1, 256))?;
    let left = (1 << 14) - 16;
    expect("watermark unmoved", retype_into(env, child, seL4_UntypedObject, 14), Want::NotEnoughMemory(left))
}

fn too_many_creates_nothing(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let first = env.slots(3);
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, first, 3);
    expect("3 TCBs in 4 KiB", reply, Want::NotEnoughMemory(4096))?;
    for slot in first..first + 3 {
        expect_cap("no TCB made", slot, cap_null_cap)?;
    }
    let reply = untyped_retype(child, seL4_TCBObject, 0, ROOT, 0, 0, first, 2);
    expect("2 TCBs fit", reply, Want::Ok)
}

fn mint_and_move_of_untyped(env: &mut Env) -> Outcome {
    let child = env.untyped(12)?;
    let moved = env.slot();
    expect("move the untyped", invoke::cnode_move(ROOT, moved, DEPTH, ROOT, child, DEPTH), Want::Ok)?;
    expect("a move keeps it usable", retype_into(env, moved, seL4_EndpointObject, 0), Want::Ok)?;
    expect("revoke", invoke::cnode_revoke(ROOT, moved, DEPTH), Want::Ok)?;
    let minted = env.slot();
    expect("mint it", invoke::cnode_mint(ROOT, minted, DEPTH, ROOT, moved, DEPTH, 15, 7), Want::Ok)?;
    expect(
        "a mint marks it full",
        retype_into(env, moved, seL4_EndpointObject, 0),
        Want::NotEnoughMemory(0),
    )?;
    expect("the minted cap allocates", retype_into(env, minted, seL4_EndpointObject, 0), Want::Ok)
}

fn destination_root_itself_at_depth_0(env: &mut Env) -> Outcome {
    let guarded = env.slot();
    let data = crate::cnode::guard(0x3, 2);
    expect(
        "root with guard 3/2",
        invoke::cnode_mint(ROOT, guarded, DEPTH, ROOT, ROOT, DEPTH, 15, data),
        Want::Ok,
    )?;
    let (ut, slot) = (env.ut(), env.slot());
    let reply = untyped_retype(ut, seL4_EndpointObject, 0, guarded, 0x1234, 0, slot, 1);
    expect("depth 0 ignores the index and the guard", reply, Want::Ok)?;
    expect_cap("endpoint", slot, cap_endpoint_cap)
}

/// Children of 2^40 bytes or more from a device untyped above 2^39: seL4
/// aligns a child at its kernel-window address, as the boot info's blocks
/// are, so two 2^44 halves fill the 2^45 block at 0x408000000000 exactly
/// (aligned physically, the first would start at 0x500000000000 and the
/// second would not fit).
fn large_children_aligned_in_kernel_window(env: &mut Env) -> Outcome {
    let device = env.device(45)?;
    expect_eq("the 2^45 device untyped", (device.paddr, device.bits), (0x4080_0000_0000, 45))?;
    let (first, second) = (env.slot(), env.slot());
    let reply = untyped_retype(device.cptr, seL4_UntypedObject, 44, ROOT, 0, 0, first, 1);
    expect("first 2^44 half", reply, Want::Ok)?;
    let reply = untyped_retype(device.cptr, seL4_UntypedObject, 44, ROOT, 0, 0, second, 1);
    expect("second 2^44 half", reply, Want::Ok)?;
    expect("nothing left", retype_into(env, device.cptr, seL4_UntypedObject, 44), Want::NotEnoughMemory(0))?;
    let frame = env.slot();
    let reply = untyped_retype(second, seL4_X64_HugePageObject, 0, ROOT, 0, 0, frame, 1);
    expect("a 1 GiB frame from the second half", reply, Want::Ok)?;
    let mrs = expect_value("GetAddress", page_get_address(frame), 1)?;
    expect_eq("address of the second half", mrs[0], 0x5080_0000_0000)
}

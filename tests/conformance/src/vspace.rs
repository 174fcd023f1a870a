// SPDX-License-Identifier: MIT OR Apache-2.0
//
// VSpace invocations: PDPT, PageDirectory and PageTable Map/Unmap, frames
// of 4 KiB, 2 MiB and 1 GiB Map (and remap), Unmap and GetAddress
// (ASIDs are in asid.rs). Failed maps report the
// missing paging level as a missing-capability lookup failure whose bits
// left are 39 (no PDPT), 30 (no page directory) or 21 (no page table).
// Mappings into the root task's own VSpace are checked by writing through
// one mapping of a frame and reading through another.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_eq, expect_value, Case, Lookup, Outcome, Want};
use crate::invoke::{self as k, call, read_word, write_word};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// A free region of every VSpace used here: 64 GiB (PML4 slot 0, PDPT slot 64).
pub const V: seL4_Word = 0x10_0000_0000;
/// Read-write rights word.
pub const RW: seL4_Word = 3;
/// The highest address the kernel lets user mappings reach (inclusive).
pub const USER_TOP: seL4_Word = 0x7fff_ffff_ffff;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["vspace":
        map_full_chain, missing_levels_4k, missing_levels_2m, missing_levels_structures,
        paging_structure_already_mapped, paging_slot_occupied, huge_page_map, large_vs_table_conflicts,
        map_top_of_user_space, map_too_high, map_into_kernel_window, frame_alignment,
        table_addresses_are_masked, remap_same_address, remap_elsewhere_fails, remap_other_vspace_fails,
        unmap_and_map_again, unmap_never_mapped, unmap_table_with_copies, unmap_table_then_remap,
        get_address_each_size, map_needs_assigned_vspace, map_needs_vspace_cap, pml4_has_no_methods,
        truncated_maps, wrong_frame_labels, replace_4k_mapping, rights_and_attributes,
        root_vspace_write_read_alias, new_frames_are_zero, delete_mapped_tables_unmaps,
        asid_reused_after_vspace_deleted, vspace_cap_copy_is_valid_root, root_image_slots_occupied,
        huge_page_remap_unmap, read_only_copy_maps, reset_memory_reads_zero, fill_a_page_table,
    ]
}

/// Retypes a paging structure of `ty` and maps it at `vaddr` in `vspace`.
pub fn map_table(
    env: &mut Env,
    ty: seL4_Word,
    vspace: seL4_CPtr,
    vaddr: seL4_Word,
) -> Result<seL4_CPtr, String> {
    let table = env.make(ty, 0)?;
    let reply = match ty {
        seL4_X86_PDPTObject => k::pdpt_map(table, vspace, vaddr, 0),
        seL4_X86_PageDirectoryObject => k::page_directory_map(table, vspace, vaddr, 0),
        _ => k::page_table_map(table, vspace, vaddr, 0),
    };
    expect(&format!("map table type {ty} at {vaddr:#x}"), reply, Want::Ok)?;
    Ok(table)
}

/// Maps a PDPT, page directory and page table for `vaddr` (as many as `levels`).
pub fn tables(env: &mut Env, vspace: seL4_CPtr, vaddr: seL4_Word, levels: usize) -> Outcome {
    let kinds = [seL4_X86_PDPTObject, seL4_X86_PageDirectoryObject, seL4_X86_PageTableObject];
    for ty in kinds.iter().take(levels) {
        map_table(env, *ty, vspace, vaddr)?;
    }
    Ok(())
}

/// A page directory and page table for V in the root task's own VSpace
/// (its PML4 already has the PDPT that maps its image).
fn root_tables(env: &mut Env) -> Outcome {
    map_table(env, seL4_X86_PageDirectoryObject, seL4_CapInitThreadVSpace, V)?;
    map_table(env, seL4_X86_PageTableObject, seL4_CapInitThreadVSpace, V)?;
    Ok(())
}

fn missing(bits: seL4_Word) -> Want {
    Want::FailedLookup(false, Lookup::Missing(bits))
}

fn map_full_chain(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map 4K", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    let copy = env.slot();
    expect(
        "a mapped frame can be copied",
        k::cnode_copy(ROOT, copy, DEPTH, ROOT, frame, DEPTH, 15),
        Want::Ok,
    )?;
    expect_cap("copy", copy, cap_frame_cap)
}

fn missing_levels_4k(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("no PDPT", k::page_map(frame, vs, V, RW, 0), missing(39))?;
    map_table(env, seL4_X86_PDPTObject, vs, V)?;
    expect("no PD", k::page_map(frame, vs, V, RW, 0), missing(30))?;
    map_table(env, seL4_X86_PageDirectoryObject, vs, V)?;
    expect("no PT", k::page_map(frame, vs, V, RW, 0), missing(21))?;
    map_table(env, seL4_X86_PageTableObject, vs, V)?;
    expect("all there", k::page_map(frame, vs, V, RW, 0), Want::Ok)
}

fn missing_levels_2m(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let frame = env.make(seL4_X86_LargePageObject, 0)?;
    expect("no PDPT", k::page_map(frame, vs, V, RW, 0), missing(39))?;
    map_table(env, seL4_X86_PDPTObject, vs, V)?;
    expect("no PD", k::page_map(frame, vs, V, RW, 0), missing(30))?;
    map_table(env, seL4_X86_PageDirectoryObject, vs, V)?;
    expect("all there", k::page_map(frame, vs, V, RW, 0), Want::Ok)
}

fn missing_levels_structures(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    let pt = env.make(seL4_X86_PageTableObject, 0)?;
    expect("PD without PDPT", k::page_directory_map(pd, vs, V, 0), missing(39))?;
    expect("PT without PDPT", k::page_table_map(pt, vs, V, 0), missing(39))?;
    map_table(env, seL4_X86_PDPTObject, vs, V)?;
    expect("PT without PD", k::page_table_map(pt, vs, V, 0), missing(30))?;
    let device = env.device(seL4_HugePageBits)?;
    let huge = env.make_from(device.cptr, seL4_X64_HugePageObject, 0)?;
    let other = V + (1 << 30);
    expect("1G without PDPT elsewhere", k::page_map(huge, vs, 1 << 39, RW, 0), missing(39))?;
    expect("1G with PDPT", k::page_map(huge, vs, other, RW, 0), Want::Ok)
}

fn paging_structure_already_mapped(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let pd = map_table(env, seL4_X86_PageDirectoryObject, vs, V)?;
    let pt = map_table(env, seL4_X86_PageTableObject, vs, V)?;
    let elsewhere = V + (1 << 39);
    expect("PDPT again", k::pdpt_map(pdpt, vs, elsewhere, 0), Want::InvalidCapability(0))?;
    expect("PD again", k::page_directory_map(pd, vs, elsewhere, 0), Want::InvalidCapability(0))?;
    expect("PT again", k::page_table_map(pt, vs, elsewhere, 0), Want::InvalidCapability(0))
}

fn paging_slot_occupied(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let (pdpt, pd, pt) = (
        env.make(seL4_X86_PDPTObject, 0)?,
        env.make(seL4_X86_PageDirectoryObject, 0)?,
        env.make(seL4_X86_PageTableObject, 0)?,
    );
    expect("second PDPT in the slot", k::pdpt_map(pdpt, vs, V, 0), Want::DeleteFirst)?;
    expect("second PD in the slot", k::page_directory_map(pd, vs, V, 0), Want::DeleteFirst)?;
    expect("second PT in the slot", k::page_table_map(pt, vs, V, 0), Want::DeleteFirst)
}

fn huge_page_map(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let device = env.device(seL4_HugePageBits + 1)?;
    let huge = env.make_from(device.cptr, seL4_X64_HugePageObject, 0)?;
    expect("misaligned 1G", k::page_map(huge, vs, V + (1 << 21), RW, 0), Want::Alignment)?;
    expect("map 1G", k::page_map(huge, vs, V, RW, 0), Want::Ok)?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("PD over the 1G page", k::page_directory_map(pd, vs, V, 0), Want::DeleteFirst)?;
    let small = env.make(seL4_X86_4K, 0)?;
    expect("4K inside the 1G page", k::page_map(small, vs, V + 4096, RW, 0), missing(30))?;
    expect("unmap 1G", k::page_unmap(huge), Want::Ok)?;
    expect("PD now fits", k::page_directory_map(pd, vs, V, 0), Want::Ok)?;
    let huge2 = env.make_from(device.cptr, seL4_X64_HugePageObject, 0)?;
    expect("1G over the PD", k::page_map(huge2, vs, V, RW, 0), Want::DeleteFirst)
}

fn large_vs_table_conflicts(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let large = env.make(seL4_X86_LargePageObject, 0)?;
    expect("2M over a PT", k::page_map(large, vs, V, RW, 0), Want::DeleteFirst)?;
    let next = V + (1 << 21);
    expect("2M next to it", k::page_map(large, vs, next, RW, 0), Want::Ok)?;
    let pt = env.make(seL4_X86_PageTableObject, 0)?;
    expect("PT over the 2M page", k::page_table_map(pt, vs, next, 0), Want::DeleteFirst)
}

fn map_top_of_user_space(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let top_pt = USER_TOP & !((1 << 21) - 1);
    tables(env, vs, top_pt, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    let last = USER_TOP + 1 - 2 * 4096;
    expect("4K ending one page below the top", k::page_map(frame, vs, last, RW, 0), Want::Ok)?;
    let frame2 = env.make(seL4_X86_4K, 0)?;
    let very_last = USER_TOP + 1 - 4096;
    expect("4K ending at the top", k::page_map(frame2, vs, very_last, RW, 0), Want::InvalidArgument(0))
}

fn map_too_high(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let high = USER_TOP + 1;
    let (pdpt, pd, pt) = (
        env.make(seL4_X86_PDPTObject, 0)?,
        env.make(seL4_X86_PageDirectoryObject, 0)?,
        env.make(seL4_X86_PageTableObject, 0)?,
    );
    expect("PDPT at 2^47", k::pdpt_map(pdpt, vs, high, 0), Want::InvalidArgument(0))?;
    expect("PD at 2^47", k::page_directory_map(pd, vs, high, 0), Want::InvalidArgument(0))?;
    expect("PT at 2^47", k::page_table_map(pt, vs, high, 0), Want::InvalidArgument(0))?;
    let large = env.make(seL4_X86_LargePageObject, 0)?;
    let top_large = (USER_TOP + 1) - (1 << 21);
    expect("2M ending at 2^47", k::page_map(large, vs, top_large, RW, 0), Want::InvalidArgument(0))?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("4K at 2^64-4K", k::page_map(frame, vs, 0u64.wrapping_sub(4096), RW, 0), Want::InvalidArgument(0))
}

fn map_into_kernel_window(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let kernel = 0xffff_ff80_0000_0000;
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("PDPT in the kernel window", k::pdpt_map(pdpt, vs, kernel, 0), Want::InvalidArgument(0))?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect(
        "4K at the kernel image",
        k::page_map(frame, vs, 0xffff_ffff_8010_0000, RW, 0),
        Want::InvalidArgument(0),
    )?;
    let root = seL4_CapInitThreadVSpace;
    expect(
        "4K in the root's kernel window",
        k::page_map(frame, root, kernel, RW, 0),
        Want::InvalidArgument(0),
    )
}

fn frame_alignment(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let (small, large) = (env.make(seL4_X86_4K, 0)?, env.make(seL4_X86_LargePageObject, 0)?);
    expect("4K at +1, no tables", k::page_map(small, vs, V + 1, RW, 0), Want::Alignment)?;
    expect("2M at +4K, no tables", k::page_map(large, vs, V + 4096, RW, 0), Want::Alignment)?;
    tables(env, vs, V, 2)?;
    expect("2M at +4K", k::page_map(large, vs, V + 4096, RW, 0), Want::Alignment)?;
    expect("4K at +8", k::page_map(small, vs, V + 8, RW, 0), Want::Alignment)?;
    expect("4K aligned, no PT", k::page_map(small, vs, V, RW, 0), missing(21))
}

fn table_addresses_are_masked(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("PDPT at an odd address", k::pdpt_map(pdpt, vs, V + 0x1234_5678, 0), Want::Ok)?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("PD at an odd address", k::page_directory_map(pd, vs, V + 0x2345, 0), Want::Ok)?;
    let pt = env.make(seL4_X86_PageTableObject, 0)?;
    expect("PT at an odd address", k::page_table_map(pt, vs, V + 0x1f_ffff, 0), Want::Ok)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("4K in the masked PT", k::page_map(frame, vs, V + 0x1f_f000, RW, 0), Want::Ok)
}

fn remap_same_address(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("remap read-only", k::page_map(frame, vs, V, 2, 0), Want::Ok)?;
    expect("remap uncached", k::page_map(frame, vs, V, RW, 3), Want::Ok)
}

fn remap_elsewhere_fails(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("map at another address", k::page_map(frame, vs, V + 4096, RW, 0), Want::InvalidArgument(0))?;
    expect("too high while mapped", k::page_map(frame, vs, USER_TOP + 1, RW, 0), Want::InvalidArgument(0))
}

fn remap_other_vspace_fails(env: &mut Env) -> Outcome {
    let (vs, other) = (env.vspace()?, env.vspace()?);
    tables(env, vs, V, 3)?;
    tables(env, other, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("map into a second VSpace", k::page_map(frame, other, V, RW, 0), Want::InvalidCapability(1))?;
    let copy = env.slot();
    expect("copy of the frame", k::cnode_copy(ROOT, copy, DEPTH, ROOT, frame, DEPTH, 15), Want::Ok)?;
    expect("the copy maps there", k::page_map(copy, other, V, RW, 0), Want::Ok)
}

fn unmap_and_map_again(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("unmap", k::page_unmap(frame), Want::Ok)?;
    expect("unmap again", k::page_unmap(frame), Want::Ok)?;
    expect("map elsewhere", k::page_map(frame, vs, V + 4096, RW, 0), Want::Ok)
}

fn unmap_never_mapped(env: &mut Env) -> Outcome {
    for ty in [seL4_X86_4K, seL4_X86_LargePageObject] {
        let frame = env.make(ty, 0)?;
        expect("unmap unmapped frame", k::page_unmap(frame), Want::Ok)?;
    }
    let pt = env.make(seL4_X86_PageTableObject, 0)?;
    expect("unmap unmapped PT", k::page_table_unmap(pt), Want::Ok)?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("unmap unmapped PD", k::page_directory_unmap(pd), Want::Ok)?;
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("unmap unmapped PDPT", k::pdpt_unmap(pdpt), Want::Ok)
}

/// An Unmap invocation of one kind of paging structure.
type Unmap = fn(seL4_CPtr) -> k::Reply;

fn unmap_table_with_copies(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let pd = map_table(env, seL4_X86_PageDirectoryObject, vs, V)?;
    let pt = map_table(env, seL4_X86_PageTableObject, vs, V)?;
    let unmaps: [(seL4_CPtr, Unmap); 3] =
        [(pt, k::page_table_unmap), (pd, k::page_directory_unmap), (pdpt, k::pdpt_unmap)];
    for (table, unmap) in unmaps {
        let copy = env.slot();
        expect("copy a mapped table", k::cnode_copy(ROOT, copy, DEPTH, ROOT, table, DEPTH, 15), Want::Ok)?;
        expect("unmap with a copy around", unmap(table), Want::RevokeFirst)?;
        expect("unmap the copy", unmap(copy), Want::RevokeFirst)?;
        expect("delete the copy", k::cnode_delete(ROOT, copy, DEPTH), Want::Ok)?;
        expect("unmap the last cap", unmap(table), Want::Ok)?;
    }
    Ok(())
}

fn unmap_table_then_remap(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 2)?;
    let pt = map_table(env, seL4_X86_PageTableObject, vs, V)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map frame", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("unmap PT", k::page_table_unmap(pt), Want::Ok)?;
    let frame2 = env.make(seL4_X86_4K, 0)?;
    expect("frame without its PT", k::page_map(frame2, vs, V + 4096, RW, 0), missing(21))?;
    expect("PT elsewhere", k::page_table_map(pt, vs, V + (1 << 21), 0), Want::Ok)?;
    expect("stale frame unmaps", k::page_unmap(frame), Want::Ok)
}

fn get_address_each_size(env: &mut Env) -> Outcome {
    let base = env.ut_paddr;
    let small = env.make(seL4_X86_4K, 0)?;
    let large = env.make(seL4_X86_LargePageObject, 0)?;
    let small_at = expect_value("4K address", k::page_get_address(small), 1)?[0];
    let large_at = expect_value("2M address", k::page_get_address(large), 1)?[0];
    expect_eq("4K address", small_at, base)?;
    expect_eq("2M address", large_at, base + (1 << 21))?;
    let device = env.device(seL4_HugePageBits)?;
    let huge = env.make_from(device.cptr, seL4_X64_HugePageObject, 0)?;
    let huge_at = expect_value("1G address", k::page_get_address(huge), 1)?[0];
    expect_eq("1G address", huge_at, device.paddr)?;
    let boot = expect_value("boot info frame", k::page_get_address(seL4_CapBootInfoFrame), 1)?[0];
    expect_eq("boot info frame aligned", boot & 0xfff, 0)
}

fn map_needs_assigned_vspace(env: &mut Env) -> Outcome {
    let unassigned = env.make(seL4_X64_PML4Object, 0)?;
    let (pdpt, frame) = (env.make(seL4_X86_PDPTObject, 0)?, env.make(seL4_X86_4K, 0)?);
    expect("PDPT into unassigned PML4", k::pdpt_map(pdpt, unassigned, V, 0), Want::InvalidCapability(1))?;
    expect("4K into unassigned PML4", k::page_map(frame, unassigned, V, RW, 0), Want::InvalidCapability(1))
}

fn map_needs_vspace_cap(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let (pd, frame) = (env.make(seL4_X86_PageDirectoryObject, 0)?, env.make(seL4_X86_4K, 0)?);
    let tcb = seL4_CapInitThreadTCB;
    expect("4K into a TCB", k::page_map(frame, tcb, V, RW, 0), Want::InvalidCapability(1))?;
    expect("4K into a PDPT", k::page_map(frame, pdpt, V, RW, 0), Want::InvalidCapability(1))?;
    expect("PD into a PDPT", k::page_directory_map(pd, pdpt, V, 0), Want::InvalidCapability(1))?;
    expect("PD into an empty slot", k::page_directory_map(pd, seL4_CapNull, V, 0), Want::InvalidCapability(1))
}

fn pml4_has_no_methods(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    for which in [label::X86PDPTMap, label::X86PageMap, label::X86PageUnmap, 0] {
        expect("PML4 invocation", call(vs, which, &[V, 0, 0], &[vs]), Want::IllegalOperation)?;
    }
    expect("root PML4", call(seL4_CapInitThreadVSpace, label::X86PDPTUnmap, &[], &[]), Want::IllegalOperation)
}

fn truncated_maps(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let (frame, pt) = (env.make(seL4_X86_4K, 0)?, env.make(seL4_X86_PageTableObject, 0)?);
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("page map, 2 words", call(frame, label::X86PageMap, &[V, RW], &[vs]), Want::Truncated)?;
    expect("page map, no cap", call(frame, label::X86PageMap, &[V, RW, 0], &[]), Want::Truncated)?;
    expect("PT map, 1 word", call(pt, label::X86PageTableMap, &[V], &[vs]), Want::Truncated)?;
    expect("PDPT map, no cap", call(pdpt, label::X86PDPTMap, &[V, 0], &[]), Want::Truncated)
}

fn wrong_frame_labels(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let (frame, pt) = (env.make(seL4_X86_4K, 0)?, env.make(seL4_X86_PageTableObject, 0)?);
    expect(
        "PT label on a frame",
        call(frame, label::X86PageTableMap, &[V, 0], &[vs]),
        Want::IllegalOperation,
    )?;
    expect("frame label on a PT", call(pt, label::X86PageMap, &[V, RW, 0], &[vs]), Want::IllegalOperation)?;
    expect("CNode label on a frame", call(frame, label::CNodeDelete, &[0, 0], &[]), Want::IllegalOperation)
}

fn replace_4k_mapping(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let (a, b) = (env.make(seL4_X86_4K, 0)?, env.make(seL4_X86_4K, 0)?);
    expect("map a", k::page_map(a, vs, V, RW, 0), Want::Ok)?;
    expect("map b over a", k::page_map(b, vs, V, RW, 0), Want::Ok)?;
    let (c, d) = (env.make(seL4_X86_LargePageObject, 0)?, env.make(seL4_X86_LargePageObject, 0)?);
    let next = V + (1 << 21);
    expect("map 2M c", k::page_map(c, vs, next, RW, 0), Want::Ok)?;
    expect("map 2M d over c", k::page_map(d, vs, next, RW, 0), Want::Ok)
}

fn rights_and_attributes(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    for (i, (rights, attr)) in [(0, 0), (1, 0), (2, 4), (15, 7), (!0, !0)].into_iter().enumerate() {
        let frame = env.make(seL4_X86_4K, 0)?;
        let vaddr = V + 4096 * i as seL4_Word;
        expect(
            &format!("rights {rights:#x} attr {attr:#x}"),
            k::page_map(frame, vs, vaddr, rights, attr),
            Want::Ok,
        )?;
    }
    Ok(())
}

fn root_vspace_write_read_alias(env: &mut Env) -> Outcome {
    let root = seL4_CapInitThreadVSpace;
    root_tables(env)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map into the root VSpace", k::page_map(frame, root, V, RW, 0), Want::Ok)?;
    let alias = env.slot();
    expect("copy the frame", k::cnode_copy(ROOT, alias, DEPTH, ROOT, frame, DEPTH, 15), Want::Ok)?;
    expect("map the copy next to it", k::page_map(alias, root, V + 4096, RW, 0), Want::Ok)?;
    write_word(V + 8, 0x5eed_f00d_cafe_beef);
    expect_eq("read through the alias", read_word(V + 4096 + 8), 0x5eed_f00d_cafe_beef)?;
    expect("unmap the first mapping", k::page_unmap(frame), Want::Ok)?;
    expect_eq("alias still maps the frame", read_word(V + 4096 + 8), 0x5eed_f00d_cafe_beef)
}

fn new_frames_are_zero(env: &mut Env) -> Outcome {
    let root = seL4_CapInitThreadVSpace;
    root_tables(env)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, root, V, RW, 0), Want::Ok)?;
    write_word(V, 0x1234);
    expect("delete the frame", k::cnode_delete(ROOT, frame, DEPTH), Want::Ok)?;
    let slot = env.slot();
    expect("retype again", k::untyped_retype(env.ut(), seL4_X86_4K, 0, ROOT, 0, 0, slot, 1), Want::Ok)?;
    expect("map the new frame", k::page_map(slot, root, V + 4096, RW, 0), Want::Ok)?;
    for offset in [0, 8, 4088] {
        expect_eq("new frame word", read_word(V + 4096 + offset), 0)?;
    }
    Ok(())
}

fn delete_mapped_tables_unmaps(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let pdpt = map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let pd = map_table(env, seL4_X86_PageDirectoryObject, vs, V)?;
    let pt = map_table(env, seL4_X86_PageTableObject, vs, V)?;
    let (frame, table) = (env.make(seL4_X86_4K, 0)?, env.make(seL4_X86_PageTableObject, 0)?);
    expect("delete the PT", k::cnode_delete(ROOT, pt, DEPTH), Want::Ok)?;
    expect("frame after the PT is gone", k::page_map(frame, vs, V, RW, 0), missing(21))?;
    expect("delete the PD", k::cnode_delete(ROOT, pd, DEPTH), Want::Ok)?;
    expect("PT after the PD is gone", k::page_table_map(table, vs, V, 0), missing(30))?;
    expect("delete the PDPT", k::cnode_delete(ROOT, pdpt, DEPTH), Want::Ok)?;
    expect("PT after the PDPT is gone", k::page_table_map(table, vs, V, 0), missing(39))
}

fn asid_reused_after_vspace_deleted(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map", k::page_map(frame, vs, V, RW, 0), Want::Ok)?;
    expect("delete the VSpace", k::cnode_delete(ROOT, vs, DEPTH), Want::Ok)?;
    let second = env.vspace()?;
    tables(env, second, V, 3)?;
    // The new PML4 takes the lowest free ASID, the one just freed, so the
    // frame's stale mapping record names this VSpace's ASID.
    let reply = k::page_map(frame, second, V + 4096, RW, 0);
    expect("stale frame at another address", reply, Want::InvalidArgument(0))?;
    expect("unmap the stale frame", k::page_unmap(frame), Want::Ok)?;
    expect("map it afresh", k::page_map(frame, second, V + 4096, RW, 0), Want::Ok)
}

fn vspace_cap_copy_is_valid_root(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    let copy = env.slot();
    expect("copy the assigned PML4", k::cnode_copy(ROOT, copy, DEPTH, ROOT, vs, DEPTH, 15), Want::Ok)?;
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("map through the copy", k::pdpt_map(pdpt, copy, V, 0), Want::Ok)?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("map through the original", k::page_directory_map(pd, vs, V, 0), Want::Ok)
}

fn root_image_slots_occupied(env: &mut Env) -> Outcome {
    let root = seL4_CapInitThreadVSpace;
    let (pdpt, pd, pt) = (
        env.make(seL4_X86_PDPTObject, 0)?,
        env.make(seL4_X86_PageDirectoryObject, 0)?,
        env.make(seL4_X86_PageTableObject, 0)?,
    );
    let image = 0x20_0000;
    expect("PDPT over the image's", k::pdpt_map(pdpt, root, image, 0), Want::DeleteFirst)?;
    expect("PD over the image's", k::page_directory_map(pd, root, image, 0), Want::DeleteFirst)?;
    expect("PT over the image's", k::page_table_map(pt, root, image, 0), Want::DeleteFirst)
}

fn huge_page_remap_unmap(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    map_table(env, seL4_X86_PDPTObject, vs, V)?;
    let device = env.device(seL4_HugePageBits)?;
    let huge = env.make_from(device.cptr, seL4_X64_HugePageObject, 0)?;
    expect("map 1G", k::page_map(huge, vs, V, RW, 0), Want::Ok)?;
    expect("remap in place", k::page_map(huge, vs, V, 2, 1), Want::Ok)?;
    expect("remap elsewhere", k::page_map(huge, vs, V + (1 << 30), RW, 0), Want::InvalidArgument(0))?;
    expect("unmap", k::page_unmap(huge), Want::Ok)?;
    expect("map elsewhere now", k::page_map(huge, vs, V + (1 << 30), RW, 0), Want::Ok)?;
    let at = expect_value("address unchanged", k::page_get_address(huge), 1)?[0];
    expect_eq("1G address", at, device.paddr)
}

fn read_only_copy_maps(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let (frame, read_only, no_rights) = (env.make(seL4_X86_4K, 0)?, env.slot(), env.slot());
    expect("read-only copy", k::cnode_copy(ROOT, read_only, DEPTH, ROOT, frame, DEPTH, 2), Want::Ok)?;
    expect("rightless copy", k::cnode_copy(ROOT, no_rights, DEPTH, ROOT, frame, DEPTH, 0), Want::Ok)?;
    expect("read-only copy mapped asking for all", k::page_map(read_only, vs, V, 15, 0), Want::Ok)?;
    expect("rightless copy mapped", k::page_map(no_rights, vs, V + 4096, RW, 0), Want::Ok)
}

fn reset_memory_reads_zero(env: &mut Env) -> Outcome {
    let root = seL4_CapInitThreadVSpace;
    root_tables(env)?;
    let child = env.untyped(16)?;
    let frame = env.make_from(child, seL4_X86_4K, 0)?;
    let first_at = expect_value("first address", k::page_get_address(frame), 1)?[0];
    expect("map", k::page_map(frame, root, V, RW, 0), Want::Ok)?;
    for offset in [0, 8, 4088] {
        write_word(V + offset, 0xdead_0000 + offset);
    }
    expect("delete the frame (the untyped's last child)", k::cnode_delete(ROOT, frame, DEPTH), Want::Ok)?;
    let again = env.make_from(child, seL4_X86_4K, 0)?;
    let again_at = expect_value("second address", k::page_get_address(again), 1)?[0];
    expect_eq("the same memory again", again_at, first_at)?;
    expect("map it", k::page_map(again, root, V + 4096, RW, 0), Want::Ok)?;
    for offset in [0, 8, 4088] {
        expect_eq("reused memory reads zero", read_word(V + 4096 + offset), 0)?;
    }
    Ok(())
}

fn fill_a_page_table(env: &mut Env) -> Outcome {
    let vs = env.vspace()?;
    tables(env, vs, V, 3)?;
    let first = env.make_many(seL4_X86_4K, 0, 256)?;
    let second = env.make_many(seL4_X86_4K, 0, 256)?;
    for (i, frame) in (first..first + 256).chain(second..second + 256).enumerate() {
        let vaddr = V + 4096 * i as seL4_Word;
        expect(&format!("map frame {i}"), k::page_map(frame, vs, vaddr, RW, 0), Want::Ok)?;
    }
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("past the page table", k::page_map(frame, vs, V + (1 << 21), RW, 0), missing(21))?;
    for frame in first..first + 256 {
        expect("unmap", k::page_unmap(frame), Want::Ok)?;
    }
    Ok(())
}

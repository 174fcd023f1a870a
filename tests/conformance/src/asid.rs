// SPDX-License-Identifier: MIT OR Apache-2.0
//
// ASIDs: ASIDControl MakePool (untyped size, device and child checks, the
// destination slot, the limit of 8 pools with one the root task's) and
// ASIDPool Assign (what counts as an assignable VSpace, 512 ASIDs per
// pool, reuse of a freed ASID).

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_eq, Case, Lookup, Outcome, Want};
use crate::invoke::{self as k, call};
use crate::vspace::{tables, RW, V};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["asid":
        asid_pool_assign_checks, make_pool_and_assign, make_pool_checks, make_pool_until_exhausted,
        asid_pool_fills_up, make_pool_fills_its_untyped, vspace_of_a_deleted_pool,
    ]
}

fn asid_pool_assign_checks(env: &mut Env) -> Outcome {
    let pool = seL4_CapInitThreadASIDPool;
    let vs = env.vspace()?;
    expect("assign twice", k::asid_pool_assign(pool, vs), Want::InvalidCapability(1))?;
    expect(
        "root VSpace again",
        k::asid_pool_assign(pool, seL4_CapInitThreadVSpace),
        Want::InvalidCapability(1),
    )?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("a PD", k::asid_pool_assign(pool, pd), Want::InvalidCapability(1))?;
    expect("no cap", call(pool, label::X86ASIDPoolAssign, &[], &[]), Want::Truncated)?;
    expect(
        "wrong label",
        call(pool, label::X86ASIDControlMakePool, &[0, 0], &[vs, ROOT]),
        Want::IllegalOperation,
    )
}

fn make_pool_and_assign(env: &mut Env) -> Outcome {
    let (memory, pool) = (env.untyped(12)?, env.slot());
    let reply = k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, pool, DEPTH);
    expect("make pool", reply, Want::Ok)?;
    expect_cap("pool", pool, cap_asid_pool_cap)?;
    let pml4 = env.make(seL4_X64_PML4Object, 0)?;
    expect("assign from the new pool", k::asid_pool_assign(pool, pml4), Want::Ok)?;
    tables(env, pml4, V, 3)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("map in it", k::page_map(frame, pml4, V, RW, 0), Want::Ok)?;
    let reply = k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, env.slot(), DEPTH);
    expect("untyped now has a child", reply, Want::RevokeFirst)
}

fn make_pool_checks(env: &mut Env) -> Outcome {
    let control = seL4_CapASIDControl;
    let (big, ep) = (env.untyped(13)?, env.make(seL4_EndpointObject, 0)?);
    let device = env.device(12)?.cptr;
    let small_device = env.make_from(device, seL4_UntypedObject, 12)?;
    let (memory, dest) = (env.untyped(12)?, env.slot());
    let mp = |ut, index, depth| k::asid_control_make_pool(control, ut, ROOT, index, depth);
    expect("8 KiB untyped", mp(big, dest, DEPTH), Want::InvalidCapability(1))?;
    expect("device untyped", mp(small_device, dest, DEPTH), Want::InvalidCapability(1))?;
    expect("endpoint", mp(ep, dest, DEPTH), Want::InvalidCapability(1))?;
    expect("dest occupied", mp(memory, ep, DEPTH), Want::DeleteFirst)?;
    expect("dest depth 0", mp(memory, dest, 0), Want::Range(1, 64))?;
    expect("dest guard", mp(memory, dest, 20), Want::FailedLookup(false, Lookup::Guard(20, 0, 52)))?;
    let short = call(control, label::X86ASIDControlMakePool, &[dest, DEPTH], &[memory]);
    expect("one cap", short, Want::Truncated)?;
    let short = call(control, label::X86ASIDControlMakePool, &[dest], &[memory, ROOT]);
    expect("one word", short, Want::Truncated)?;
    expect("wrong label", call(control, label::X86ASIDPoolAssign, &[], &[memory]), Want::IllegalOperation)?;
    expect_cap("nothing made", dest, cap_null_cap)
}

fn make_pool_until_exhausted(env: &mut Env) -> Outcome {
    let mut made = 0;
    loop {
        let (memory, pool) = (env.untyped(12)?, env.slot());
        let reply = k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, pool, DEPTH);
        if reply.error != 0 {
            expect("when no pool is free", reply, Want::DeleteFirst)?;
            break;
        }
        made += 1;
        if made > 8 {
            return Err("more than 8 ASID pools".into());
        }
    }
    expect_eq("pools made besides the root task's", made, 7)?;
    let ep = env.make(seL4_EndpointObject, 0)?;
    let reply = k::asid_control_make_pool(seL4_CapASIDControl, ep, ROOT, ep, 0);
    expect("exhaustion checked first", reply, Want::DeleteFirst)
}

fn asid_pool_fills_up(env: &mut Env) -> Outcome {
    let (memory, pool) = (env.untyped(12)?, env.slot());
    expect("make pool", k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, pool, DEPTH), Want::Ok)?;
    let first = env.make_many(seL4_X64_PML4Object, 0, 256)?;
    let second = env.make_many(seL4_X64_PML4Object, 0, 256)?;
    let last = env.make(seL4_X64_PML4Object, 0)?;
    for pml4 in (first..first + 256).chain(second..second + 256) {
        expect("assign", k::asid_pool_assign(pool, pml4), Want::Ok)?;
    }
    expect("513th ASID", k::asid_pool_assign(pool, last), Want::DeleteFirst)?;
    expect("free one", k::cnode_delete(ROOT, first + 100, DEPTH), Want::Ok)?;
    expect("its ASID is reused", k::asid_pool_assign(pool, last), Want::Ok)
}

fn make_pool_fills_its_untyped(env: &mut Env) -> Outcome {
    let (memory, pool) = (env.untyped(12)?, env.slot());
    expect("make pool", k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, pool, DEPTH), Want::Ok)?;
    let reply = k::untyped_retype(memory, seL4_EndpointObject, 0, ROOT, 0, 0, env.slot(), 1);
    expect("the pool's untyped is full", reply, Want::NotEnoughMemory(0))?;
    expect("delete the pool", k::cnode_delete(ROOT, pool, DEPTH), Want::Ok)?;
    let reply = k::untyped_retype(memory, seL4_EndpointObject, 0, ROOT, 0, 0, env.slot(), 1);
    expect("childless again, the untyped resets", reply, Want::Ok)
}

fn vspace_of_a_deleted_pool(env: &mut Env) -> Outcome {
    let (memory, pool) = (env.untyped(12)?, env.slot());
    expect("make pool", k::asid_control_make_pool(seL4_CapASIDControl, memory, ROOT, pool, DEPTH), Want::Ok)?;
    let pml4 = env.make(seL4_X64_PML4Object, 0)?;
    expect("assign", k::asid_pool_assign(pool, pml4), Want::Ok)?;
    expect("revoke the pool's untyped", k::cnode_revoke(ROOT, memory, DEPTH), Want::Ok)?;
    expect_cap("pool gone", pool, cap_null_cap)?;
    expect_cap("PML4 stays", pml4, cap_pml4_cap)?;
    let lost = Want::FailedLookup(false, Lookup::InvalidRoot);
    let pdpt = env.make(seL4_X86_PDPTObject, 0)?;
    expect("PDPT into the orphaned PML4", k::pdpt_map(pdpt, pml4, V, 0), lost)?;
    let pd = env.make(seL4_X86_PageDirectoryObject, 0)?;
    expect("PD into it", k::page_directory_map(pd, pml4, V, 0), lost)?;
    let frame = env.make(seL4_X86_4K, 0)?;
    expect("frame into it", k::page_map(frame, pml4, V, RW, 0), lost)?;
    let reply = k::asid_pool_assign(seL4_CapInitThreadASIDPool, pml4);
    expect("it still counts as assigned", reply, Want::InvalidCapability(1))
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//
// I/O ports: IOPortControl Issue (range order, overlap with ports already
// issued, 16-bit masking, destination checks) and IOPort In/Out of 8, 16
// and 32 bits with their range checks. Ports issued here are in ranges
// nothing uses in QEMU's pc machine; the runtime holds COM1 (0x3f8-0x3ff)
// and the exit device (0xf4-0xf7), which must stay out of reach.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_value, Case, Lookup, Outcome, Want};
use crate::invoke::{self as k, call};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

const CONTROL: seL4_CPtr = seL4_CapIOPortControl;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["ioport":
        issue_range, issue_single_port, issue_reversed, issue_overlaps, issue_runtime_ports_taken,
        issue_ports_masked, issue_destination_checks, issue_order_of_checks, issue_truncated,
        control_wrong_label, ports_freed_by_last_cap, in_out_inside_range, in_out_outside_range,
        in_out_top_port, in_out_port_masked, in_out_truncated, port_wrong_label, unassigned_ports_read_ones,
        copy_and_mint_port, issue_into_deep_slot,
    ]
}

/// Issues ports `first..=last` into a fresh slot and returns it.
pub fn issue(env: &mut Env, first: seL4_Word, last: seL4_Word) -> Result<seL4_CPtr, String> {
    let slot = env.slot();
    expect(
        &format!("issue {first:#x}-{last:#x}"),
        k::ioport_control_issue(CONTROL, first, last, ROOT, slot, DEPTH),
        Want::Ok,
    )?;
    Ok(slot)
}

fn try_issue(env: &mut Env, first: seL4_Word, last: seL4_Word) -> k::Reply {
    let slot = env.slot();
    k::ioport_control_issue(CONTROL, first, last, ROOT, slot, DEPTH)
}

fn issue_range(env: &mut Env) -> Outcome {
    let port = issue(env, 0x500, 0x50f)?;
    expect_cap("I/O port cap", port, cap_io_port_cap)
}

fn issue_single_port(env: &mut Env) -> Outcome {
    let port = issue(env, 0x520, 0x520)?;
    expect_value("In8 of the one port", k::ioport_in(port, 1, 0x520), 1)?;
    expect("In16 needs two ports", k::ioport_in(port, 2, 0x520), Want::IllegalOperation)
}

fn issue_reversed(env: &mut Env) -> Outcome {
    expect("last below first", try_issue(env, 0x511, 0x510), Want::InvalidArgument(1))?;
    expect("0xffff..0", try_issue(env, 0xffff, 0), Want::InvalidArgument(1))
}

fn issue_overlaps(env: &mut Env) -> Outcome {
    issue(env, 0x500, 0x50f)?;
    expect("same range", try_issue(env, 0x500, 0x50f), Want::RevokeFirst)?;
    expect("overlapping the end", try_issue(env, 0x50f, 0x510), Want::RevokeFirst)?;
    expect("overlapping the start", try_issue(env, 0x4f0, 0x500), Want::RevokeFirst)?;
    expect("inside", try_issue(env, 0x504, 0x505), Want::RevokeFirst)?;
    expect("around", try_issue(env, 0x400, 0x600), Want::RevokeFirst)?;
    issue(env, 0x510, 0x51f)?;
    issue(env, 0x4f0, 0x4ff)?;
    Ok(())
}

fn issue_runtime_ports_taken(env: &mut Env) -> Outcome {
    expect("COM1", try_issue(env, 0x3f8, 0x3f8), Want::RevokeFirst)?;
    expect("exit device", try_issue(env, 0xf7, 0xf7), Want::RevokeFirst)?;
    expect("everything", try_issue(env, 0, 0xffff), Want::RevokeFirst)
}

fn issue_ports_masked(env: &mut Env) -> Outcome {
    let port = issue(env, 0x1_0600, 0xffff_0601)?;
    expect("the masked range is taken", try_issue(env, 0x600, 0x600), Want::RevokeFirst)?;
    expect_value("In16 at 0x600", k::ioport_in(port, 2, 0x600), 1)?;
    expect("reversed after masking", try_issue(env, 0x700, 0x1_0100), Want::InvalidArgument(1))
}

fn issue_destination_checks(env: &mut Env) -> Outcome {
    let occupied = env.make(seL4_EndpointObject, 0)?;
    let slot = env.slot();
    let reply = k::ioport_control_issue(CONTROL, 0x530, 0x531, ROOT, occupied, DEPTH);
    expect("occupied", reply, Want::DeleteFirst)?;
    let reply = k::ioport_control_issue(CONTROL, 0x530, 0x531, ROOT, slot, 0);
    expect("depth 0", reply, Want::Range(1, 64))?;
    let reply = k::ioport_control_issue(CONTROL, 0x530, 0x531, seL4_CapInitThreadTCB, slot, DEPTH);
    expect("root is a TCB", reply, Want::FailedLookup(false, Lookup::InvalidRoot))?;
    let reply = k::ioport_control_issue(CONTROL, 0x530, 0x531, ROOT, slot, 30);
    expect("depth 30", reply, Want::FailedLookup(false, Lookup::Guard(30, 0, 52)))?;
    issue(env, 0x530, 0x531)?;
    Ok(())
}

fn issue_order_of_checks(env: &mut Env) -> Outcome {
    let slot = env.slot();
    let reply = k::ioport_control_issue(CONTROL, 0x3f9, 0x3f8, ROOT, slot, 0);
    expect("reversed and taken and bad depth", reply, Want::InvalidArgument(1))?;
    let reply = k::ioport_control_issue(CONTROL, 0x3f8, 0x3f9, ROOT, slot, 0);
    expect("taken and bad depth", reply, Want::RevokeFirst)?;
    let reply = k::ioport_control_issue(CONTROL, 0xf4, 0xf4, ROOT, seL4_CapInitThreadTCB, DEPTH);
    expect("taken and occupied", reply, Want::RevokeFirst)
}

fn issue_truncated(env: &mut Env) -> Outcome {
    let slot = env.slot();
    let args = [0x540, 0x541, slot, DEPTH];
    expect("3 words", call(CONTROL, label::X86IOPortControlIssue, &args[..3], &[ROOT]), Want::Truncated)?;
    expect("no cap", call(CONTROL, label::X86IOPortControlIssue, &args, &[]), Want::Truncated)
}

fn control_wrong_label(_env: &mut Env) -> Outcome {
    expect(
        "In8 on the control cap",
        call(CONTROL, label::X86IOPortIn8, &[0x80], &[]),
        Want::IllegalOperation,
    )?;
    expect("CNode label", call(CONTROL, label::CNodeDelete, &[0, 0], &[]), Want::IllegalOperation)
}

fn ports_freed_by_last_cap(env: &mut Env) -> Outcome {
    let port = issue(env, 0x550, 0x553)?;
    let copy = env.slot();
    expect("copy the port cap", k::cnode_copy(ROOT, copy, DEPTH, ROOT, port, DEPTH, 15), Want::Ok)?;
    expect("delete the original", k::cnode_delete(ROOT, port, DEPTH), Want::Ok)?;
    expect("still in use by the copy", try_issue(env, 0x550, 0x550), Want::RevokeFirst)?;
    expect("delete the copy", k::cnode_delete(ROOT, copy, DEPTH), Want::Ok)?;
    issue(env, 0x550, 0x553)?;
    Ok(())
}

fn in_out_inside_range(env: &mut Env) -> Outcome {
    let port = issue(env, 0x560, 0x567)?;
    for width in [1, 2, 4] {
        for at in [0x560, 0x568 - width as seL4_Word] {
            expect_value(&format!("In{} at {at:#x}", width * 8), k::ioport_in(port, width, at), 1)?;
            expect(&format!("Out{} at {at:#x}", width * 8), k::ioport_out(port, width, at, 0), Want::Ok)?;
        }
    }
    Ok(())
}

fn in_out_outside_range(env: &mut Env) -> Outcome {
    let port = issue(env, 0x560, 0x567)?;
    for width in [1u32, 2, 4] {
        let past = 0x568 - width as seL4_Word + 1;
        let name = width * 8;
        expect(&format!("In{name} past the end"), k::ioport_in(port, width, past), Want::IllegalOperation)?;
        expect(
            &format!("Out{name} past the end"),
            k::ioport_out(port, width, past, 0),
            Want::IllegalOperation,
        )?;
        expect(&format!("In{name} before"), k::ioport_in(port, width, 0x55f), Want::IllegalOperation)?;
        expect(&format!("Out{name} far away"), k::ioport_out(port, width, 0x3f8, 0), Want::IllegalOperation)?;
    }
    Ok(())
}

fn in_out_top_port(env: &mut Env) -> Outcome {
    let port = issue(env, 0xfffc, 0xffff)?;
    expect_value("In32 at 0xfffc", k::ioport_in(port, 4, 0xfffc), 1)?;
    expect_value("In8 at 0xffff", k::ioport_in(port, 1, 0xffff), 1)?;
    expect("In16 at 0xffff", k::ioport_in(port, 2, 0xffff), Want::IllegalOperation)?;
    expect("Out32 at 0xfffd", k::ioport_out(port, 4, 0xfffd, 0), Want::IllegalOperation)
}

fn in_out_port_masked(env: &mut Env) -> Outcome {
    let port = issue(env, 0x570, 0x573)?;
    expect_value("In8 at 0x1_0570", k::ioport_in(port, 1, 0x1_0570), 1)?;
    expect("Out8 at 0xffff_0573", k::ioport_out(port, 1, 0xffff_0573, 0), Want::Ok)?;
    expect("Out16 at 0x1_0573", k::ioport_out(port, 2, 0x1_0573, 0), Want::IllegalOperation)
}

fn in_out_truncated(env: &mut Env) -> Outcome {
    let port = issue(env, 0x580, 0x583)?;
    for (which, name) in
        [(label::X86IOPortIn8, "In8"), (label::X86IOPortIn16, "In16"), (label::X86IOPortIn32, "In32")]
    {
        expect(&format!("{name}, no words"), call(port, which, &[], &[]), Want::Truncated)?;
    }
    for (which, name) in
        [(label::X86IOPortOut8, "Out8"), (label::X86IOPortOut16, "Out16"), (label::X86IOPortOut32, "Out32")]
    {
        expect(&format!("{name}, 1 word"), call(port, which, &[0x580], &[]), Want::Truncated)?;
    }
    expect("Out8, 1 word, bad port", call(port, label::X86IOPortOut8, &[0x10], &[]), Want::Truncated)
}

fn port_wrong_label(env: &mut Env) -> Outcome {
    let port = issue(env, 0x590, 0x591)?;
    let issue_label = label::X86IOPortControlIssue;
    expect(
        "Issue on a port cap",
        call(port, issue_label, &[0x592, 0x592, 0, 0], &[ROOT]),
        Want::IllegalOperation,
    )?;
    expect("label 0", call(port, 0, &[], &[]), Want::IllegalOperation)
}

fn unassigned_ports_read_ones(env: &mut Env) -> Outcome {
    let port = issue(env, 0x5a0, 0x5a3)?;
    let byte = expect_value("In8", k::ioport_in(port, 1, 0x5a0), 1)?[0];
    let half = expect_value("In16", k::ioport_in(port, 2, 0x5a0), 1)?[0];
    let word = expect_value("In32", k::ioport_in(port, 4, 0x5a0), 1)?[0];
    crate::framework::expect_eq("unassigned port values", (byte, half, word), (0xff, 0xffff, 0xffff_ffff))
}

fn copy_and_mint_port(env: &mut Env) -> Outcome {
    let port = issue(env, 0x5b0, 0x5b1)?;
    let (copy, minted) = (env.slot(), env.slot());
    expect("copy", k::cnode_copy(ROOT, copy, DEPTH, ROOT, port, DEPTH, 15), Want::Ok)?;
    expect("mint with a badge", k::cnode_mint(ROOT, minted, DEPTH, ROOT, port, DEPTH, 0, 42), Want::Ok)?;
    expect_value("In8 through the minted cap", k::ioport_in(minted, 1, 0x5b1), 1)?;
    expect("range kept", k::ioport_in(copy, 1, 0x5b2), Want::IllegalOperation)
}

fn issue_into_deep_slot(env: &mut Env) -> Outcome {
    let top = crate::cnode::unguarded_root(env)?;
    let node = env.make(seL4_CapTableObject, 2)?;
    let (index, depth) = crate::cnode::path(&[(12, node), (2, 3)]);
    expect(
        "issue into node[3]",
        k::ioport_control_issue(CONTROL, 0x5c0, 0x5c3, top, index, depth),
        Want::Ok,
    )?;
    let out = env.slot();
    expect("move it out", k::cnode_move(ROOT, out, DEPTH, node, 3, 2), Want::Ok)?;
    expect_value("In8 through it", k::ioport_in(out, 1, 0x5c3), 1)?;
    let reply = k::ioport_control_issue(CONTROL, 0x5d0, 0x5d0, top, index << 1, depth + 1);
    expect("one bit too deep", reply, Want::FailedLookup(false, Lookup::Depth(1, 0)))
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Notifications: Signal (a Send on a notification cap), Wait and Poll (Recv
// and NBRecv); badges OR-ed while nobody waits; a waiter woken with the
// badge; a notification bound to a thread waking it from an endpoint Recv;
// rights; waiters released when the notification is deleted or the waiter
// suspended.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_eq, Case, Outcome, Want};
use crate::invoke::call;
use crate::threads::{self, raw_syscall, spawn, Shared, Spawn, SYS_NB_RECV, SYS_RECV, SYS_SEND};
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["notification":
        poll_idle, signal_then_poll, badges_or_while_active, wait_woken_by_signal, waiters_woken_in_order,
        bound_wakes_endpoint_recv, bound_active_taken_by_endpoint_recv, signal_without_write_right,
        wait_on_notification_bound_elsewhere, suspend_releases_waiter, delete_restarts_waiter,
    ]
}

static PARK: Shared = Shared::new();
static GOT: [Shared; 2] = [const { Shared::new() }; 2];

fn reset(env: &mut Env) -> Outcome {
    PARK.set(threads::notification(env)?);
    GOT[0].set(0);
    GOT[1].set(0);
    Ok(())
}

fn signal(cap: seL4_CPtr) {
    raw_syscall(SYS_SEND, cap, 0, [0; 4]);
}

fn poll(cap: seL4_CPtr) -> seL4_Word {
    raw_syscall(SYS_NB_RECV, cap, 0, [0; 4]).badge
}

fn let_child_run() -> Outcome {
    let me = seL4_CapInitThreadTCB;
    expect("lower", call(me, label::TCBSetPriority, &[253], &[me]), Want::Ok)?;
    expect("raise", call(me, label::TCBSetPriority, &[255], &[me]), Want::Ok)
}

/// Child: waits on a0, stores the badge in the word at a1, then parks.
extern "C" fn waiter(cap: seL4_Word, out: seL4_Word) -> ! {
    let got = raw_syscall(SYS_RECV, cap, 0, [0; 4]);
    threads::poke(out, got.badge | 1 << 63);
    threads::park(PARK.get())
}

fn poll_idle(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    expect_eq("nothing signalled", poll(ntfn), 0)
}

fn signal_then_poll(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    let one = threads::mint(env, ntfn, 3, 0x10)?;
    signal(one);
    expect_eq("first poll", poll(ntfn), 0x10)?;
    expect_eq("second poll", poll(ntfn), 0)
}

fn badges_or_while_active(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    let a = threads::mint(env, ntfn, 1, 1)?;
    let b = threads::mint(env, ntfn, 1, 2)?;
    let c = threads::mint(env, ntfn, 1, 8)?;
    signal(a);
    signal(b);
    signal(c);
    signal(b);
    expect_eq("OR of the badges", poll(ntfn), 11)?;
    signal(ntfn); // the unbadged cap signals badge 0: active with nothing set
    expect_eq("badge 0", poll(ntfn), 0)
}

fn wait_woken_by_signal(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let badged = threads::mint(env, ntfn, 1, 0x30)?;
    spawn(env, waiter, ntfn, GOT[0].addr(), Spawn::default())?;
    let_child_run()?;
    expect_eq("still waiting", GOT[0].get(), 0)?;
    signal(badged);
    expect_eq("woken, not yet run", GOT[0].get(), 0)?;
    let_child_run()?;
    expect_eq("badge received", GOT[0].get(), 0x30 | 1 << 63)?;
    expect_eq("nothing left", poll(ntfn), 0)
}

fn waiters_woken_in_order(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let b1 = threads::mint(env, ntfn, 1, 1)?;
    let b2 = threads::mint(env, ntfn, 1, 2)?;
    spawn(env, waiter, ntfn, GOT[0].addr(), Spawn::default())?;
    let_child_run()?;
    spawn(env, waiter, ntfn, GOT[1].addr(), Spawn::default())?;
    let_child_run()?;
    signal(b1);
    signal(b2);
    let_child_run()?;
    expect_eq("first waiter first", (GOT[0].get(), GOT[1].get()), (1 | 1 << 63, 2 | 1 << 63))
}

/// Child: Recv on the endpoint a0; stores the badge in the word at a1.
extern "C" fn endpoint_receiver(ep: seL4_Word, out: seL4_Word) -> ! {
    let got = raw_syscall(SYS_RECV, ep, 0, [0; 4]);
    threads::poke(out, got.badge | 1 << 63);
    threads::park(PARK.get())
}

fn bound_wakes_endpoint_recv(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let badged = threads::mint(env, ntfn, 1, 0x100)?;
    let ep = threads::endpoint(env)?;
    let child =
        spawn(env, endpoint_receiver, ep, GOT[0].addr(), Spawn { resume: false, ..Spawn::default() })?.tcb;
    expect("bind", call(child, label::TCBBindNotification, &[], &[ntfn]), Want::Ok)?;
    expect("resume", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    let_child_run()?;
    expect_eq("blocked on the endpoint", GOT[0].get(), 0)?;
    signal(badged);
    let_child_run()?;
    expect_eq("woken by the bound notification", GOT[0].get(), 0x100 | 1 << 63)
}

fn bound_active_taken_by_endpoint_recv(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let badged = threads::mint(env, ntfn, 1, 0x6)?;
    let ep = threads::endpoint(env)?;
    let child =
        spawn(env, endpoint_receiver, ep, GOT[0].addr(), Spawn { resume: false, ..Spawn::default() })?.tcb;
    expect("bind", call(child, label::TCBBindNotification, &[], &[ntfn]), Want::Ok)?;
    signal(badged);
    expect("resume", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    let_child_run()?;
    expect_eq("the pending signal is received", GOT[0].get(), 0x6 | 1 << 63)?;
    // Only the bound thread may wait on it; unbound, anyone may.
    expect("unbind", call(child, label::TCBUnbindNotification, &[], &[]), Want::Ok)?;
    expect_eq("and consumed", poll(ntfn), 0)
}

fn signal_without_write_right(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    let read_only = threads::mint(env, ntfn, 2, 0)?;
    expect("Call on a read-only notification cap", call(read_only, 0, &[], &[]), Want::InvalidCapability(0))
}

/// Child: waits on the notification a0 (bound to another thread: a cap fault).
extern "C" fn wait_faults(cap: seL4_Word, _: seL4_Word) -> ! {
    raw_syscall(SYS_RECV, cap, 0, [0; 4]);
    threads::park(PARK.get())
}

fn wait_on_notification_bound_elsewhere(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let other =
        spawn(env, waiter, PARK.get(), GOT[1].addr(), Spawn { resume: false, ..Spawn::default() })?.tcb;
    expect("bind other", call(other, label::TCBBindNotification, &[], &[ntfn]), Want::Ok)?;
    let ep = threads::endpoint(env)?;
    let handler = threads::mint(env, ep, 15, 0x99)?;
    spawn(env, wait_faults, ntfn, 0, Spawn { fault_ep: handler, ..Spawn::default() })?;
    let got = raw_syscall(SYS_RECV, ep, 0, [0; 4]);
    expect_eq("cap fault", (got.badge, got.label(), got.length()), (0x99, 1, 5))?;
    expect_eq(
        "address, receive phase, missing capability",
        (got.mrs[1], got.mrs[2], got.mrs[3]),
        (ntfn, 1, 2),
    )
}

fn suspend_releases_waiter(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let badged = threads::mint(env, ntfn, 1, 0x5)?;
    let child = spawn(env, waiter, ntfn, GOT[0].addr(), Spawn::default())?.tcb;
    let_child_run()?;
    expect("suspend", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    signal(badged);
    expect_eq("nobody waits: the signal stays", poll(ntfn), 0x5)?;
    expect_eq("the child got nothing", GOT[0].get(), 0)
}

fn delete_restarts_waiter(env: &mut Env) -> Outcome {
    reset(env)?;
    let ntfn = threads::notification(env)?;
    let ep = threads::endpoint(env)?;
    let handler = threads::mint(env, ep, 15, 0x7)?;
    spawn(env, wait_faults, ntfn, 0, Spawn { fault_ep: handler, ..Spawn::default() })?;
    let_child_run()?;
    // Deleting the notification restarts the waiter's Recv, which now finds
    // an empty slot: a cap fault in the receive phase.
    expect("delete", call(ROOT, label::CNodeDelete, &[ntfn, DEPTH], &[]), Want::Ok)?;
    let got = raw_syscall(SYS_RECV, ep, 0, [0; 4]);
    expect_eq("cap fault", (got.badge, got.label(), got.mrs[1], got.mrs[2], got.mrs[3]), (0x7, 1, ntfn, 1, 2))
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Endpoint IPC between the root task and a child thread: Send, NBSend,
// Call, Recv, NBRecv, Reply and ReplyRecv; labels, badges, message
// registers in registers and in the IPC buffer; capability transfer into
// the receive slot, unwrapping of caps to the same endpoint; rights
// (a Send on a cap without Write, a Call without Grant/GrantReply); and IPC
// cancelled when the blocked thread is suspended or the endpoint deleted.

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, expect_cap, expect_eq, Case, Outcome, Want};
use crate::invoke::call;
use crate::threads::{self, info, raw_syscall, spawn, Shared, Spawn};
use crate::threads::{SYS_CALL, SYS_NB_RECV, SYS_NB_SEND, SYS_RECV, SYS_REPLY, SYS_REPLY_RECV, SYS_SEND};
use sel4_sys::cap_tag::*;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["ipc":
        call_and_reply, send_waits_for_receiver, nb_send_and_nb_recv_alone, reply_recv_serves_twice,
        long_message_through_buffers, cap_transferred_to_receive_slot, cap_to_same_endpoint_unwrapped,
        no_grant_no_cap, send_without_write_right, call_without_grant_gets_no_reply, suspend_cancels_send,
        delete_endpoint_restarts_sender, reply_without_caller, save_caller_then_reply, deleted_caller_takes_reply_cap,
        three_caps_one_slot, reply_without_grant_carries_no_cap, cancel_badged_sends_restarts,
        random_traffic_survives,
    ]
}

/// Where a child leaves what it received: badge, info, MR0-3, then a done flag.
#[repr(C)]
struct Report {
    words: [Shared; 7],
}
static REPORT: Report = Report { words: [const { Shared::new() }; 7] };
/// A notification nobody signals, where children block when done.
static PARK: Shared = Shared::new();

fn clear_report(env: &mut Env) -> Outcome {
    for w in &REPORT.words {
        w.set(0);
    }
    PARK.set(threads::notification(env)?);
    Ok(())
}

fn report_of(msg: threads::Msg) -> [seL4_Word; 6] {
    [msg.badge, msg.info, msg.mrs[0], msg.mrs[1], msg.mrs[2], msg.mrs[3]]
}

fn reported() -> [seL4_Word; 6] {
    let w = &REPORT.words;
    [w[0].get(), w[1].get(), w[2].get(), w[3].get(), w[4].get(), w[5].get()]
}

fn child_report(addr: seL4_Word, msg: threads::Msg) {
    let words = [msg.badge, msg.info, msg.mrs[0], msg.mrs[1], msg.mrs[2], msg.mrs[3], 1];
    let mut i = 0;
    while i < 7 {
        threads::poke(addr + 8 * i as seL4_Word, words[i]);
        i += 1;
    }
}

/// Child: Call on a0 with label 0x55 and MRs 1..4, report the reply, then
/// block on a0 receiving (the root task never sends again).
extern "C" fn caller(ep: seL4_Word, report: seL4_Word) -> ! {
    let reply = raw_syscall(SYS_CALL, ep, info(0x55, 0, 4), [1, 2, 3, 4]);
    child_report(report, reply);
    threads::park(PARK.get())
}

/// Child: Send on a0 with label 0x21 and two MRs, report, then wait on a0.
extern "C" fn sender(ep: seL4_Word, report: seL4_Word) -> ! {
    let r = raw_syscall(SYS_SEND, ep, info(0x21, 0, 2), [7, 8, 0, 0]);
    child_report(report, r);
    threads::park(PARK.get())
}

/// Child: Calls twice on a0 (MR0 = 1, then 2), reporting the second reply.
extern "C" fn caller_twice(ep: seL4_Word, report: seL4_Word) -> ! {
    raw_syscall(SYS_CALL, ep, info(1, 0, 1), [1, 0, 0, 0]);
    let second = raw_syscall(SYS_CALL, ep, info(1, 0, 1), [2, 0, 0, 0]);
    child_report(report, second);
    threads::park(PARK.get())
}

fn recv(ep: seL4_CPtr) -> threads::Msg {
    raw_syscall(SYS_RECV, ep, 0, [0; 4])
}

fn call_and_reply(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, 0x77)?;
    spawn(env, caller, badged, REPORT.words[0].addr(), Spawn::default())?;
    let got = recv(ep);
    expect_eq("received", report_of(got), [0x77, info(0x55, 0, 4), 1, 2, 3, 4])?;
    raw_syscall(SYS_REPLY, 0, info(0x66, 0, 2), [9, 8, 0, 0]);
    // The reply made the child runnable, but at a lower priority.
    sel4_sys::seL4_Yield();
    expect_eq("child not yet run", REPORT.words[6].get(), 0)?;
    let_child_run()?;
    let r = reported();
    expect_eq("reply as the child saw it", [r[1], r[2], r[3]], [info(0x66, 0, 2), 9, 8])?;
    expect_eq("reply badge", r[0], 0)
}

/// Lets a runnable child of priority 254 run until it blocks: the root task
/// drops below it for a moment.
fn let_child_run() -> Outcome {
    expect(
        "lower",
        call(seL4_CapInitThreadTCB, label::TCBSetPriority, &[253], &[seL4_CapInitThreadTCB]),
        Want::Ok,
    )?;
    expect(
        "raise",
        call(seL4_CapInitThreadTCB, label::TCBSetPriority, &[255], &[seL4_CapInitThreadTCB]),
        Want::Ok,
    )
}

fn send_waits_for_receiver(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, 5)?;
    spawn(env, sender, badged, REPORT.words[0].addr(), Spawn::default())?;
    let_child_run()?; // the child runs and blocks in Send
    expect_eq("send not complete", REPORT.words[6].get(), 0)?;
    let got = recv(ep);
    expect_eq("received", report_of(got), [5, info(0x21, 0, 2), 7, 8, 0, 0])?;
    let_child_run()?;
    expect_eq("send complete", REPORT.words[6].get(), 1)
}

fn nb_send_and_nb_recv_alone(env: &mut Env) -> Outcome {
    let ep = threads::endpoint(env)?;
    // Nobody receives: the message is dropped, nothing blocks.
    raw_syscall(SYS_NB_SEND, ep, info(1, 0, 1), [1, 0, 0, 0]);
    let got = raw_syscall(SYS_NB_RECV, ep, info(3, 0, 0), [0x11, 0x22, 0x33, 0x44]);
    expect_eq("badge after a failed NBRecv", got.badge, 0)?;
    expect_eq("registers untouched", (got.info, got.mrs), (info(3, 0, 0), [0x11, 0x22, 0x33, 0x44]))
}

fn reply_recv_serves_twice(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    spawn(env, caller_twice, ep, REPORT.words[0].addr(), Spawn::default())?;
    let first = recv(ep);
    expect_eq("first call", (first.label(), first.mrs[0]), (1, 1))?;
    let second = raw_syscall(SYS_REPLY_RECV, ep, info(0, 0, 1), [10, 0, 0, 0]);
    expect_eq("second call", (second.label(), second.mrs[0]), (1, 2))?;
    raw_syscall(SYS_REPLY, 0, info(0x3, 0, 1), [20, 0, 0, 0]);
    let_child_run()?;
    let r = reported();
    expect_eq("second reply", (r[1], r[2]), (info(3, 0, 1), 20))
}

/// Child: sends 10 MRs (4..9 in its IPC buffer at a1), label 0x9.
extern "C" fn long_sender(ep: seL4_Word, buffer: seL4_Word) -> ! {
    let mut i = 4;
    while i < 10 {
        threads::poke(buffer + 8 * (i + 1), 100 + i);
        i += 1;
    }
    raw_syscall(SYS_SEND, ep, info(0x9, 0, 10), [100, 101, 102, 103]);
    threads::park(PARK.get())
}

fn long_message_through_buffers(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let (buffer, _) = threads::child_ipc_buffer(0);
    spawn(env, long_sender, ep, buffer, Spawn { ipc_buffer: Some(0), ..Spawn::default() })?;
    let got = recv(ep);
    expect_eq("info", got.info, info(0x9, 0, 10))?;
    let all: Vec<seL4_Word> = (0..10).map(|i| if i < 4 { got.mrs[i] } else { threads::ipc_mr(i) }).collect();
    expect_eq("message registers", all, (100..110).collect::<Vec<_>>())
}

/// Child: sends one cap (a1 in its CSpace) through a0 with MR0 = 42; its
/// IPC buffer is child buffer 0, whose address is in CHILD_BUFFER0.
extern "C" fn cap_sender(ep: seL4_Word, cap: seL4_Word) -> ! {
    let buffer = CHILD_BUFFER0.get();
    threads::poke(buffer + 8 * 122, cap);
    raw_syscall(SYS_SEND, ep, info(0x1, 1, 1), [42, 0, 0, 0]);
    threads::park(PARK.get())
}

static CHILD_BUFFER0: Shared = Shared::new();

fn set_receive_path(index: seL4_Word) {
    // SAFETY: the root task's IPC buffer is registered.
    unsafe { sel4_sys::seL4_SetCapReceivePath(ROOT, index, DEPTH) }
}

fn badge_word(i: usize) -> seL4_Word {
    // SAFETY: as above.
    unsafe { sel4_sys::seL4_GetBadge(i) }
}

fn cap_transferred_to_receive_slot(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let ntfn = threads::notification(env)?;
    let (buffer, _) = threads::child_ipc_buffer(0);
    CHILD_BUFFER0.set(buffer);
    spawn(env, cap_sender, ep, ntfn, Spawn { ipc_buffer: Some(0), ..Spawn::default() })?;
    let dest = env.slot();
    set_receive_path(dest);
    let got = recv(ep);
    set_receive_path(0);
    expect_eq("info", (got.label(), got.extra_caps(), got.unwrapped(), got.length()), (1, 1, 0, 1))?;
    expect_cap("received cap", dest, cap_notification_cap)
}

fn cap_to_same_endpoint_unwrapped(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, 0x42)?;
    let (buffer, _) = threads::child_ipc_buffer(0);
    CHILD_BUFFER0.set(buffer);
    spawn(env, cap_sender, ep, badged, Spawn { ipc_buffer: Some(0), ..Spawn::default() })?;
    let dest = env.slot();
    set_receive_path(dest);
    let got = recv(ep);
    set_receive_path(0);
    expect_eq("info", (got.extra_caps(), got.unwrapped()), (1, 1))?;
    expect_eq("badge in caps_or_badges[0]", badge_word(0), 0x42)?;
    expect_cap("nothing in the receive slot", dest, cap_null_cap)
}

fn no_grant_no_cap(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let ntfn = threads::notification(env)?;
    let no_grant = threads::mint(env, ep, 3, 0)?; // read and write only
    let (buffer, _) = threads::child_ipc_buffer(0);
    CHILD_BUFFER0.set(buffer);
    spawn(env, cap_sender, no_grant, ntfn, Spawn { ipc_buffer: Some(0), ..Spawn::default() })?;
    let dest = env.slot();
    set_receive_path(dest);
    let got = recv(ep);
    set_receive_path(0);
    expect_eq("info", (got.label(), got.extra_caps(), got.length(), got.mrs[0]), (1, 0, 1, 42))?;
    expect_cap("nothing received", dest, cap_null_cap)
}

fn send_without_write_right(env: &mut Env) -> Outcome {
    let ep = threads::endpoint(env)?;
    let read_only = threads::mint(env, ep, 2, 0)?;
    expect("Call on a read-only endpoint cap", call(read_only, 0, &[], &[]), Want::InvalidCapability(0))
}

fn call_without_grant_gets_no_reply(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let write_only = threads::mint(env, ep, 3, 9)?; // no Grant, no GrantReply
    spawn(env, caller, write_only, REPORT.words[0].addr(), Spawn::default())?;
    let got = recv(ep);
    expect_eq("received", (got.badge, got.label()), (9, 0x55))?;
    // No reply cap was made: Reply does nothing, the caller stays blocked forever.
    raw_syscall(SYS_REPLY, 0, info(0, 0, 0), [0; 4]);
    let_child_run()?;
    expect_eq("caller never returned", REPORT.words[6].get(), 0)
}

fn suspend_cancels_send(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let child = spawn(env, sender, ep, REPORT.words[0].addr(), Spawn::default())?.tcb;
    let_child_run()?; // the child blocks sending
    expect("suspend", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    let got = raw_syscall(SYS_NB_RECV, ep, 0, [0; 4]);
    expect_eq("no sender left", got.badge, 0)?;
    expect_eq("NBRecv got nothing", got.info, 0)
}

fn delete_endpoint_restarts_sender(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let copy = threads::mint(env, ep, 15, 0)?;
    spawn(env, sender, copy, REPORT.words[0].addr(), Spawn::default())?;
    let_child_run()?;
    expect_eq("blocked", REPORT.words[6].get(), 0)?;
    // Deleting every cap to the endpoint releases the sender; its Send then
    // restarts, finds an empty slot (an error nobody hears) and returns.
    expect("delete copy", call(ROOT, label::CNodeDelete, &[copy, DEPTH], &[]), Want::Ok)?;
    expect("delete", call(ROOT, label::CNodeDelete, &[ep, DEPTH], &[]), Want::Ok)?;
    let_child_run()?;
    expect_eq("send returned", REPORT.words[6].get(), 1)
}

fn reply_without_caller(_env: &mut Env) -> Outcome {
    // No caller: Reply does nothing at all.
    let got = raw_syscall(SYS_REPLY, 0, info(5, 0, 1), [1, 2, 3, 4]);
    expect_eq("registers kept", (got.info, got.mrs), (info(5, 0, 1), [1, 2, 3, 4]))
}

fn save_caller_then_reply(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    spawn(env, caller, ep, REPORT.words[0].addr(), Spawn::default())?;
    recv(ep);
    let saved = env.slot();
    expect("save caller", call(ROOT, label::CNodeSaveCaller, &[saved, DEPTH], &[]), Want::Ok)?;
    expect_cap("reply cap saved", saved, cap_reply_cap)?;
    // The caller slot is empty now: Reply does nothing.
    raw_syscall(SYS_REPLY, 0, info(0x1, 0, 0), [0; 4]);
    let_child_run()?;
    expect_eq("not replied yet", REPORT.words[6].get(), 0)?;
    raw_syscall(SYS_SEND, saved, info(0x44, 0, 1), [5, 0, 0, 0]);
    expect_cap("the reply cap is used up", saved, cap_null_cap)?;
    let_child_run()?;
    let r = reported();
    expect_eq("reply through the saved cap", (r[1], r[2]), (info(0x44, 0, 1), 5))
}

fn deleted_caller_takes_reply_cap(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let child = spawn(env, caller, ep, REPORT.words[0].addr(), Spawn::default())?.tcb;
    recv(ep);
    expect("delete the caller", call(ROOT, label::CNodeDelete, &[child, DEPTH], &[]), Want::Ok)?;
    let saved = env.slot();
    // SaveCaller finds no reply cap: nothing happens, no error.
    expect("save caller", call(ROOT, label::CNodeSaveCaller, &[saved, DEPTH], &[]), Want::Ok)?;
    expect_cap("nothing saved", saved, cap_null_cap)
}

static CAPS: [Shared; 3] = [const { Shared::new() }; 3];

/// Child: sends the caps in CAPS (a1 of them) through a0 with MR0 = 42.
extern "C" fn caps_sender(ep: seL4_Word, n: seL4_Word) -> ! {
    let buffer = CHILD_BUFFER0.get();
    let mut i = 0;
    while i < 3 {
        threads::poke(buffer + 8 * (122 + i), CAPS[i as usize].get());
        i += 1;
    }
    raw_syscall(SYS_SEND, ep, info(0x2, n, 1), [42, 0, 0, 0]);
    threads::park(PARK.get())
}

fn three_caps_one_slot(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, 0x31)?;
    let a = threads::notification(env)?;
    let b = threads::notification(env)?;
    CAPS[0].set(badged);
    CAPS[1].set(a);
    CAPS[2].set(b);
    let (buffer, _) = threads::child_ipc_buffer(0);
    CHILD_BUFFER0.set(buffer);
    spawn(env, caps_sender, ep, 3, Spawn { ipc_buffer: Some(0), ..Spawn::default() })?;
    let dest = env.slot();
    set_receive_path(dest);
    let got = recv(ep);
    set_receive_path(0);
    // The first is unwrapped, the second takes the one slot, the third stops the transfer.
    expect_eq("extra caps, unwrapped", (got.extra_caps(), got.unwrapped()), (2, 1))?;
    expect_eq("badge of the unwrapped cap", badge_word(0), 0x31)?;
    expect_cap("second cap received", dest, cap_notification_cap)
}

/// Child: Calls a0 and reports; its receive slot is set in its IPC buffer.
extern "C" fn caller_receiving_cap(ep: seL4_Word, report: seL4_Word) -> ! {
    let buffer = CHILD_BUFFER0.get();
    threads::poke(buffer + 8 * 125, ROOT);
    threads::poke(buffer + 8 * 126, CAPS[0].get());
    threads::poke(buffer + 8 * 127, DEPTH);
    let reply = raw_syscall(SYS_CALL, ep, info(0x55, 0, 0), [0; 4]);
    child_report(report, reply);
    threads::park(PARK.get())
}

fn reply_without_grant_carries_no_cap(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let no_grant = threads::mint(env, ep, 2, 0)?; // receive only: replies may not carry caps
    let ntfn = threads::notification(env)?;
    let child_slot = env.slot();
    CAPS[0].set(child_slot);
    let (buffer, _) = threads::child_ipc_buffer(0);
    CHILD_BUFFER0.set(buffer);
    spawn(
        env,
        caller_receiving_cap,
        ep,
        REPORT.words[0].addr(),
        Spawn { ipc_buffer: Some(0), ..Spawn::default() },
    )?;
    let got = raw_syscall(SYS_RECV, no_grant, 0, [0; 4]);
    expect_eq("call received", got.label(), 0x55)?;
    // SAFETY: the root task's IPC buffer is registered.
    unsafe { sel4_sys::seL4_SetCap(0, ntfn) };
    raw_syscall(SYS_REPLY, 0, info(0x7, 1, 0), [0; 4]);
    let_child_run()?;
    let r = reported();
    expect_eq("reply info: no cap", r[1], info(0x7, 0, 0))?;
    expect_cap("nothing in the child's slot", child_slot, cap_null_cap)
}

fn cancel_badged_sends_restarts(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let ep = threads::endpoint(env)?;
    let one = threads::mint(env, ep, 15, 1)?;
    let two = threads::mint(env, ep, 15, 2)?;
    let report_two: &'static [Shared; 7] = Box::leak(Box::new([const { Shared::new() }; 7]));
    spawn(env, sender, one, REPORT.words[0].addr(), Spawn::default())?;
    let_child_run()?;
    spawn(env, sender, two, report_two[0].addr(), Spawn::default())?;
    let_child_run()?;
    // Queue: badge 1, badge 2. Cancelling badge 1 restarts its Send, which
    // queues again behind badge 2.
    expect("cancel", call(ROOT, label::CNodeCancelBadgedSends, &[one, DEPTH], &[]), Want::Ok)?;
    let_child_run()?;
    let first = recv(ep);
    let second = recv(ep);
    expect_eq("order of senders", (first.badge, second.badge), (2, 1))
}

/// Caps the random children use: two endpoints, a notification, and a slot
/// that the root task empties and refills.
static TRAFFIC: [Shared; 4] = [const { Shared::new() }; 4];

fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Child: random IPC forever on the caps in TRAFFIC (no IPC buffer, so at
/// most four message registers travel). It may block for good or fault;
/// its fault endpoint is one nobody reads.
extern "C" fn random_ipc(seed: seL4_Word, _: seL4_Word) -> ! {
    let mut state = seed | 1;
    loop {
        let r = next_random(&mut state);
        let cap = TRAFFIC[(r >> 8) as usize % 4].get();
        let msg = info((r >> 16) & 0xff, 0, (r >> 24) % 5);
        let mrs = [r, r >> 1, r >> 2, r >> 3];
        let number = match r % 10 {
            0 => threads::SYS_CALL,
            1 => SYS_SEND,
            2 => SYS_NB_SEND,
            3 => SYS_RECV,
            4 => SYS_NB_RECV,
            5 => SYS_REPLY,
            6 => SYS_REPLY_RECV,
            _ => threads::SYS_YIELD,
        };
        raw_syscall(number, cap, msg, mrs);
    }
}

fn random_traffic_survives(env: &mut Env) -> Outcome {
    clear_report(env)?;
    let a = threads::endpoint(env)?;
    let b = threads::endpoint(env)?;
    let n = threads::notification(env)?;
    let spare = env.slot();
    TRAFFIC[0].set(a);
    TRAFFIC[1].set(b);
    TRAFFIC[2].set(n);
    TRAFFIC[3].set(spare);
    let sink = threads::endpoint(env)?;
    let mut children = Vec::new();
    for i in 0..4u64 {
        let prio = 253 + i % 3;
        let opts = Spawn { priority: prio, fault_ep: sink, ..Spawn::default() };
        children.push(spawn(env, random_ipc, 0x9e37_79b9 * (i + 1), 0, opts)?.tcb);
    }
    let mut state = 0x1234_5678u64;
    let ut = env.ut();
    for _ in 0..3000 {
        let r = next_random(&mut state);
        let child = children[(r >> 8) as usize % children.len()];
        let me = seL4_CapInitThreadTCB;
        // Each answer is ignored: only the kernel's survival matters here.
        match r % 12 {
            0 => {
                let _ = call(child, label::TCBSuspend, &[], &[]);
            }
            1 | 2 => {
                let _ = call(child, label::TCBResume, &[], &[]);
            }
            3 => {
                let _ = call(child, label::TCBSetPriority, &[250 + (r >> 16) % 6], &[me]);
            }
            4 => {
                let _ = call(child, label::TCBBindNotification, &[], &[n]);
            }
            5 => {
                let _ = call(child, label::TCBUnbindNotification, &[], &[]);
            }
            6 => {
                raw_syscall(SYS_NB_SEND, n, 0, [0; 4]);
            }
            7 => {
                // Only while the endpoint exists: Recv on an empty slot would fault.
                let c = [a, b][(r >> 20) as usize % 2];
                if crate::invoke::identify(c) != 0 {
                    raw_syscall(SYS_NB_RECV, c, 0, [0; 4]);
                }
            }
            8 => {
                // Empty the spare slot, or make a new endpoint in it.
                if crate::invoke::identify(spare) == 0 {
                    let _ = crate::invoke::untyped_retype(ut, seL4_EndpointObject, 0, ROOT, 0, 0, spare, 1);
                } else {
                    let _ = call(ROOT, label::CNodeDelete, &[spare, DEPTH], &[]);
                }
            }
            9 => {
                let _ = call(ROOT, label::CNodeCancelBadgedSends, &[a, DEPTH], &[]);
            }
            10 if (r >> 30).is_multiple_of(20) => {
                // A thread deleted in whatever state it is in.
                let _ = call(ROOT, label::CNodeDelete, &[child, DEPTH], &[]);
            }
            11 if (r >> 30).is_multiple_of(50) => {
                // An endpoint or the notification deleted under its users.
                let _ = call(ROOT, label::CNodeDelete, &[[a, b, n][(r >> 40) as usize % 3], DEPTH], &[]);
            }
            _ => sel4_sys::seL4_Yield(),
        }
    }
    for child in &children {
        if crate::invoke::identify(*child) != 0 {
            expect("suspend at the end", call(*child, label::TCBSuspend, &[], &[]), Want::Ok)?;
        }
    }
    Ok(())
}

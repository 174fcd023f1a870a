// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Thread control blocks: Configure, SetSpace, SetIPCBuffer, the priority
// invocations with their MCP checks, Suspend and Resume, Read/Write/
// CopyRegisters, notification binding, SetTLSBase and SetFlags, each with
// its error paths; and scheduling: a resumed thread runs, equal priorities
// share the CPU by Yield and by the timer, a suspended thread stops.

use crate::alloc::{Env, ROOT};
use crate::framework::{expect, expect_eq, expect_value, Case, Outcome, Want};
use crate::invoke::call;
use crate::threads::{self, raw_syscall, spawn, Shared, Spawn, SYS_SEND};
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["tcb":
        resume_runs_thread, priority_above_mcp, priority_authority_not_tcb, sched_params_checks,
        truncated_messages, own_registers_refused, read_registers_count, write_then_read_registers,
        copy_registers, set_ipc_buffer_checks, configure_checks, suspend_and_resume, yield_round_robin,
        timer_preempts, bind_notification_checks, set_flags, wrong_label, fpu_state_per_thread,
        space_being_deleted, written_stack_survives_syscall_exit,
    ]
}

/// Child: writes a1 into the word at a0's address, then signals notification
/// cptr kept in the word after it, then blocks on that notification.
extern "C" fn store_and_signal(addr: seL4_Word, value: seL4_Word) -> ! {
    threads::poke(addr, value);
    let ntfn = threads::peek(addr + 8);
    raw_syscall(SYS_SEND, ntfn, 0, [0; 4]);
    threads::park(ntfn)
}

/// Child: increments the word at addr forever.
extern "C" fn count_forever(addr: seL4_Word, _: seL4_Word) -> ! {
    loop {
        threads::poke(addr, threads::peek(addr).wrapping_add(1));
    }
}

/// Child that never runs far: blocks at once on the notification a0.
extern "C" fn block_at_once(ntfn: seL4_Word, _: seL4_Word) -> ! {
    threads::park(ntfn)
}

/// A word and the notification cptr after it, as store_and_signal expects.
#[repr(C)]
struct Mailbox {
    value: Shared,
    ntfn: Shared,
}
static MAILBOX: Mailbox = Mailbox { value: Shared::new(), ntfn: Shared::new() };

fn wait(ntfn: seL4_CPtr) -> threads::Msg {
    raw_syscall(threads::SYS_RECV, ntfn, 0, [0; 4])
}

fn resume_runs_thread(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    MAILBOX.value.set(0);
    MAILBOX.ntfn.set(ntfn);
    spawn(env, store_and_signal, MAILBOX.value.addr(), 0x1234, Spawn::default())?;
    wait(ntfn);
    expect_eq("word written by the child", MAILBOX.value.get(), 0x1234)
}

fn idle_child(env: &mut Env) -> Result<seL4_CPtr, String> {
    let ntfn = threads::notification(env)?;
    Ok(spawn(env, block_at_once, ntfn, 0, Spawn { resume: false, ..Spawn::default() })?.tcb)
}

fn priority_above_mcp(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    // The child's MCP is 0: as an authority it allows only priority 0.
    expect("prio 1 by child", call(child, label::TCBSetPriority, &[1], &[child]), Want::Range(0, 0))?;
    expect("prio 0 by child", call(child, label::TCBSetPriority, &[0], &[child]), Want::Ok)?;
    expect(
        "prio 256",
        call(child, label::TCBSetPriority, &[256], &[seL4_CapInitThreadTCB]),
        Want::Range(0, 255),
    )?;
    expect("prio 255", call(child, label::TCBSetPriority, &[255], &[seL4_CapInitThreadTCB]), Want::Ok)?;
    expect(
        "mcp 300",
        call(child, label::TCBSetMCPriority, &[300], &[seL4_CapInitThreadTCB]),
        Want::Range(0, 255),
    )?;
    expect("mcp 100", call(child, label::TCBSetMCPriority, &[100], &[seL4_CapInitThreadTCB]), Want::Ok)?;
    // Now the child's MCP bounds what it authorises.
    expect("prio 101 by child", call(child, label::TCBSetPriority, &[101], &[child]), Want::Range(0, 100))?;
    expect("prio 100 by child", call(child, label::TCBSetPriority, &[100], &[child]), Want::Ok)?;
    expect("mcp 101 by child", call(child, label::TCBSetMCPriority, &[101], &[child]), Want::Range(0, 100))
}

fn priority_authority_not_tcb(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    expect("SetPriority", call(child, label::TCBSetPriority, &[1], &[ROOT]), Want::InvalidCapability(1))?;
    expect("SetMCPriority", call(child, label::TCBSetMCPriority, &[1], &[ROOT]), Want::InvalidCapability(1))?;
    expect(
        "SetSchedParams",
        call(child, label::TCBSetSchedParams, &[1, 1], &[ROOT]),
        Want::InvalidCapability(1),
    )
}

fn sched_params_checks(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let root = seL4_CapInitThreadTCB;
    expect("mcp too high", call(child, label::TCBSetSchedParams, &[256, 1], &[root]), Want::Range(0, 255))?;
    expect("prio too high", call(child, label::TCBSetSchedParams, &[1, 256], &[root]), Want::Range(0, 255))?;
    expect("both fine", call(child, label::TCBSetSchedParams, &[50, 40], &[root]), Want::Ok)?;
    expect("by child: prio", call(child, label::TCBSetSchedParams, &[50, 51], &[child]), Want::Range(0, 50))?;
    expect("by child: mcp", call(child, label::TCBSetSchedParams, &[51, 50], &[child]), Want::Range(0, 50))
}

fn truncated_messages(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let root = seL4_CapInitThreadTCB;
    let vspace = seL4_CapInitThreadVSpace;
    let checks: Vec<(&str, seL4_Word, Vec<seL4_Word>, Vec<seL4_CPtr>)> = vec![
        ("Configure, 3 caps 3 words", label::TCBConfigure, vec![0, 0, 0], vec![ROOT, vspace, ROOT]),
        ("Configure, 2 caps", label::TCBConfigure, vec![0, 0, 0, 0], vec![ROOT, vspace]),
        ("SetSpace, 2 words", label::TCBSetSpace, vec![0, 0], vec![ROOT, vspace]),
        ("SetSpace, 1 cap", label::TCBSetSpace, vec![0, 0, 0], vec![ROOT]),
        ("SetIPCBuffer, no cap", label::TCBSetIPCBuffer, vec![0], vec![]),
        ("SetIPCBuffer, no word", label::TCBSetIPCBuffer, vec![], vec![ROOT]),
        ("SetPriority, no cap", label::TCBSetPriority, vec![0], vec![]),
        ("SetPriority, no word", label::TCBSetPriority, vec![], vec![root]),
        ("SetMCPriority, no cap", label::TCBSetMCPriority, vec![0], vec![]),
        ("SetSchedParams, 1 word", label::TCBSetSchedParams, vec![0], vec![root]),
        ("ReadRegisters, 1 word", label::TCBReadRegisters, vec![0], vec![]),
        ("WriteRegisters, 1 word", label::TCBWriteRegisters, vec![0], vec![]),
        ("WriteRegisters, short", label::TCBWriteRegisters, vec![0, 3, 1, 2], vec![]),
        ("CopyRegisters, no cap", label::TCBCopyRegisters, vec![0], vec![]),
        ("CopyRegisters, no word", label::TCBCopyRegisters, vec![], vec![root]),
        ("BindNotification, no cap", label::TCBBindNotification, vec![], vec![]),
        ("SetTLSBase, no word", label::TCBSetTLSBase, vec![], vec![]),
        ("SetFlags, 1 word", label::TCBSetFlags, vec![0], vec![]),
    ];
    for (what, lab, mrs, caps) in checks {
        expect(what, call(child, lab, &mrs, &caps), Want::Truncated)?;
    }
    Ok(())
}

fn own_registers_refused(_env: &mut Env) -> Outcome {
    let me = seL4_CapInitThreadTCB;
    expect("read own", call(me, label::TCBReadRegisters, &[0, 1], &[]), Want::IllegalOperation)?;
    expect("write own", call(me, label::TCBWriteRegisters, &[0, 1, 0], &[]), Want::IllegalOperation)
}

fn read_registers_count(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    expect("count 0", call(child, label::TCBReadRegisters, &[0, 0], &[]), Want::Range(1, 20))?;
    expect("count 21", call(child, label::TCBReadRegisters, &[0, 21], &[]), Want::Range(1, 20))?;
    let mrs = expect_value("count 3", call(child, label::TCBReadRegisters, &[0, 3], &[]), 3)?;
    expect_eq("rflags as started", mrs[2], 0x202)
}

fn write_then_read_registers(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let mut regs: Vec<seL4_Word> = (0..20).map(|i| 0x1000 + i).collect();
    regs[0] = 0x8000_0000_0000; // rip, not canonical: becomes 0
    regs[2] = 0xffff_ffff; // rflags: only the user-settable bits stay
    regs[18] = 0x7000; // fs_base
    regs[19] = 0xffff_0000_0000_0000; // gs_base, not canonical: becomes 0
    let mut mrs = vec![0, 20];
    mrs.extend_from_slice(&regs);
    expect("write 20", call(child, label::TCBWriteRegisters, &mrs, &[]), Want::Ok)?;
    let got = threads::read_registers(child, 20)?;
    let mut want = regs.clone();
    want[0] = 0;
    want[2] = 0xed7;
    want[19] = 0;
    expect_eq("registers read back", got, want)?;
    // Writing fewer registers leaves the rest.
    expect("write 2", call(child, label::TCBWriteRegisters, &[0, 2, 0x4000, 0x5000], &[]), Want::Ok)?;
    let got = threads::read_registers(child, 4)?;
    expect_eq("after a short write", got, vec![0x4000, 0x5000, 0xed7, 0x1003])
}

fn copy_registers(env: &mut Env) -> Outcome {
    let a = idle_child(env)?;
    let b = idle_child(env)?;
    let mut mrs = vec![0, 20];
    mrs.extend((0..20).map(|i| 0x2000 + i));
    expect("write a", call(a, label::TCBWriteRegisters, &mrs, &[]), Want::Ok)?;
    expect("not a TCB", call(b, label::TCBCopyRegisters, &[0xc], &[ROOT]), Want::InvalidCapability(1))?;
    // Frame registers only.
    expect("copy frame", call(b, label::TCBCopyRegisters, &[0x4], &[a]), Want::Ok)?;
    let got = threads::read_registers(b, 20)?;
    expect_eq("rip..r15 copied, bases not", (got[3], got[17], got[18], got[19]), (0x2003, 0x2011, 0, 0))?;
    expect("copy integer", call(b, label::TCBCopyRegisters, &[0x8], &[a]), Want::Ok)?;
    let got = threads::read_registers(b, 20)?;
    expect_eq("bases copied", (got[18], got[19]), (0x2012, 0x2013))
}

fn set_ipc_buffer_checks(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let (vaddr, frame) = threads::child_ipc_buffer(1);
    expect("unaligned", call(child, label::TCBSetIPCBuffer, &[vaddr + 8], &[frame]), Want::Alignment)?;
    expect("not a frame", call(child, label::TCBSetIPCBuffer, &[vaddr], &[ROOT]), Want::IllegalOperation)?;
    expect("1 KiB aligned", call(child, label::TCBSetIPCBuffer, &[vaddr + 1024], &[frame]), Want::Ok)?;
    expect("address 0, any cap", call(child, label::TCBSetIPCBuffer, &[0], &[ROOT]), Want::Ok)
}

fn configure_checks(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let ep = threads::endpoint(env)?;
    let vspace = seL4_CapInitThreadVSpace;
    let (vaddr, frame) = threads::child_ipc_buffer(1);
    expect(
        "cspace not a cnode",
        call(child, label::TCBConfigure, &[0, 0, 0, 0], &[ep, vspace, ROOT]),
        Want::IllegalOperation,
    )?;
    expect(
        "vspace not a pml4",
        call(child, label::TCBConfigure, &[0, 0, 0, 0], &[ROOT, ROOT, ROOT]),
        Want::IllegalOperation,
    )?;
    expect(
        "buffer checked first",
        call(child, label::TCBConfigure, &[0, 0, 0, 8], &[ep, ROOT, frame]),
        Want::Alignment,
    )?;
    expect("fine", call(child, label::TCBConfigure, &[0, 0, 0, vaddr], &[ROOT, vspace, frame]), Want::Ok)?;
    // A guard that no longer fits the radix makes the CSpace cap null.
    expect(
        "guard too big",
        call(child, label::TCBSetSpace, &[0, 60, 0], &[ROOT, vspace]),
        Want::IllegalOperation,
    )?;
    expect("setspace fine", call(child, label::TCBSetSpace, &[0, 0, 0], &[ROOT, vspace]), Want::Ok)
}

static COUNTER: Shared = Shared::new();

fn suspend_and_resume(env: &mut Env) -> Outcome {
    COUNTER.set(0);
    let child =
        spawn(env, count_forever, COUNTER.addr(), 0, Spawn { priority: 255, ..Spawn::default() })?.tcb;
    sel4_sys::seL4_Yield();
    let first = COUNTER.get();
    if first == 0 {
        return Err("the child did not run after a Yield".into());
    }
    expect("suspend", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    let stopped = COUNTER.get();
    sel4_sys::seL4_Yield();
    expect_eq("no progress while suspended", COUNTER.get(), stopped)?;
    expect("resume", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    sel4_sys::seL4_Yield();
    if COUNTER.get() == stopped {
        return Err("the child did not run after Resume".into());
    }
    expect("suspend again", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    expect("resume twice is fine", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    expect("resume twice is fine", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    expect("suspend twice is fine", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    expect("suspend twice is fine", call(child, label::TCBSuspend, &[], &[]), Want::Ok)
}

fn yield_round_robin(env: &mut Env) -> Outcome {
    COUNTER.set(0);
    let child =
        spawn(env, count_forever, COUNTER.addr(), 0, Spawn { priority: 254, ..Spawn::default() })?.tcb;
    sel4_sys::seL4_Yield();
    expect_eq("a lower priority does not run on Yield", COUNTER.get(), 0)?;
    expect("raise it", call(child, label::TCBSetPriority, &[255], &[seL4_CapInitThreadTCB]), Want::Ok)?;
    sel4_sys::seL4_Yield();
    if COUNTER.get() == 0 {
        return Err("an equal priority did not run on Yield".into());
    }
    Ok(())
}

fn timer_preempts(env: &mut Env) -> Outcome {
    COUNTER.set(0);
    spawn(env, count_forever, COUNTER.addr(), 0, Spawn { priority: 255, ..Spawn::default() })?;
    // No Yield: only the timer can let the child run.
    let mut spins: u64 = 0;
    while COUNTER.get() == 0 && spins < 2_000_000_000 {
        spins += 1;
        core::hint::spin_loop();
    }
    if COUNTER.get() == 0 {
        return Err("the child never ran: no preemption by the timer".into());
    }
    Ok(())
}

fn bind_notification_checks(env: &mut Env) -> Outcome {
    let a = idle_child(env)?;
    let b = idle_child(env)?;
    let ntfn = threads::notification(env)?;
    let send_only = threads::mint(env, ntfn, 1, 0)?; // write right only
    let ep = threads::endpoint(env)?;
    expect("unbind with none", call(a, label::TCBUnbindNotification, &[], &[]), Want::IllegalOperation)?;
    expect("not a notification", call(a, label::TCBBindNotification, &[], &[ep]), Want::IllegalOperation)?;
    expect("no read right", call(a, label::TCBBindNotification, &[], &[send_only]), Want::IllegalOperation)?;
    expect("bind", call(a, label::TCBBindNotification, &[], &[ntfn]), Want::Ok)?;
    expect("bind again", call(a, label::TCBBindNotification, &[], &[ntfn]), Want::IllegalOperation)?;
    expect("bound elsewhere", call(b, label::TCBBindNotification, &[], &[ntfn]), Want::IllegalOperation)?;
    expect("unbind", call(a, label::TCBUnbindNotification, &[], &[]), Want::Ok)?;
    expect("bind b", call(b, label::TCBBindNotification, &[], &[ntfn]), Want::Ok)
}

fn set_flags(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let mrs = expect_value("set fpuDisabled", call(child, label::TCBSetFlags, &[0, 1], &[]), 1)?;
    expect_eq("flags", mrs[0], 1)?;
    let mrs = expect_value("unknown bits ignored", call(child, label::TCBSetFlags, &[0, !0], &[]), 1)?;
    expect_eq("flags", mrs[0], 1)?;
    let mrs = expect_value("clear", call(child, label::TCBSetFlags, &[!0, 0], &[]), 1)?;
    expect_eq("flags", mrs[0], 0)?;
    expect("TLS base", call(child, label::TCBSetTLSBase, &[0x8000_0000_0000], &[]), Want::Ok)
}

fn wrong_label(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    expect("CNode label on a TCB", call(child, label::CNodeCopy, &[], &[]), Want::IllegalOperation)?;
    expect("label 0", call(child, 0, &[], &[]), Want::IllegalOperation)
}

/// Child: keeps a value in xmm5 across Yields; counts rounds in the word at
/// a0, and sets the word after it when xmm5 ever changed.
extern "C" fn keep_xmm5(addr: seL4_Word, _: seL4_Word) -> ! {
    loop {
        let seen: u64;
        // SAFETY: a Yield with xmm5 live across it; RSP kept in R13.
        unsafe {
            core::arch::asm!(
                "mov rax, 0x1111",
                "movq xmm5, rax",
                "mov r13, rsp",
                "syscall",
                "mov rsp, r13",
                "movq rax, xmm5",
                in("rdx") threads::SYS_YIELD,
                out("rax") seen,
                out("rcx") _, out("r11") _, out("r13") _, out("xmm5") _,
                out("rdi") _, out("rsi") _,
            );
        }
        if seen != 0x1111 {
            threads::poke(addr + 8, 1);
        }
        threads::poke(addr, threads::peek(addr).wrapping_add(1));
    }
}

/// The root task's own xmm5 across a Yield.
fn yield_keeping_xmm5(value: u64) -> u64 {
    let seen: u64;
    // SAFETY: as in keep_xmm5.
    unsafe {
        core::arch::asm!(
            "movq xmm5, rax",
            "mov r13, rsp",
            "syscall",
            "mov rsp, r13",
            "movq rax, xmm5",
            in("rdx") threads::SYS_YIELD,
            inout("rax") value => seen,
            out("rcx") _, out("r11") _, out("r13") _, out("xmm5") _,
            out("rdi") _, out("rsi") _,
        );
    }
    seen
}

static ROUNDS: Mailbox = Mailbox { value: Shared::new(), ntfn: Shared::new() };

fn fpu_state_per_thread(env: &mut Env) -> Outcome {
    ROUNDS.value.set(0);
    ROUNDS.ntfn.set(0);
    spawn(env, keep_xmm5, ROUNDS.value.addr(), 0, Spawn { priority: 255, ..Spawn::default() })?;
    for _ in 0..5 {
        expect_eq("root's xmm5 kept", yield_keeping_xmm5(0x2222), 0x2222)?;
    }
    if ROUNDS.value.get() == 0 {
        return Err("the child never ran".into());
    }
    expect_eq("child's xmm5 kept", ROUNDS.ntfn.get(), 0)
}

fn space_being_deleted(env: &mut Env) -> Outcome {
    let child = idle_child(env)?;
    let cnode = env.make(seL4_CapTableObject, 4)?;
    let vspace = seL4_CapInitThreadVSpace;
    expect("cspace", call(child, label::TCBSetSpace, &[0, 0, 0], &[cnode, vspace]), Want::Ok)?;
    expect(
        "delete the other cap",
        call(ROOT, label::CNodeDelete, &[cnode, crate::alloc::DEPTH], &[]),
        Want::Ok,
    )?;
    // The child holds the last cap to its CSpace: replacing it is refused.
    expect("setspace", call(child, label::TCBSetSpace, &[0, 0, 0], &[ROOT, vspace]), Want::IllegalOperation)?;
    let (vaddr, frame) = threads::child_ipc_buffer(1);
    expect(
        "configure",
        call(child, label::TCBConfigure, &[0, 0, 0, vaddr], &[ROOT, vspace, frame]),
        Want::IllegalOperation,
    )?;
    expect(
        "buffer checked first",
        call(child, label::TCBConfigure, &[0, 0, 0, vaddr + 8], &[ROOT, vspace, frame]),
        Want::Alignment,
    )
}

/// Child: records where one of its stack words lives, signals the notification in the word
/// after `addr`, and blocks. It needs a working stack pointer from its first instruction.
extern "C" fn record_stack(addr: seL4_Word, _: seL4_Word) -> ! {
    let local = core::hint::black_box(0u64);
    threads::poke(addr, core::ptr::addr_of!(local) as seL4_Word);
    let ntfn = threads::peek(addr + 8);
    raw_syscall(SYS_SEND, ntfn, 0, [0; 4]);
    threads::park(ntfn)
}

/// A stack for `record_stack`, 16-byte aligned.
#[repr(C, align(16))]
struct ChildStack([u8; 16384]);
static mut CHILD_STACK: ChildStack = ChildStack([0; 16384]);

/// A thread stopped inside a system call (blocked in Recv) whose registers are then
/// written must start with the written RSP, RIP and arguments: seL4 sends it back through
/// the full register restore, not the system call return, which would zero RSP.
fn written_stack_survives_syscall_exit(env: &mut Env) -> Outcome {
    let blocker = threads::notification(env)?;
    let child = spawn(env, block_at_once, blocker, 0, Spawn::default())?.tcb;
    // Let it run into its Recv and block there.
    raw_syscall(threads::SYS_YIELD, 0, 0, [0; 4]);
    expect("suspend", call(child, label::TCBSuspend, &[], &[]), Want::Ok)?;
    let done = threads::notification(env)?;
    MAILBOX.value.set(0);
    MAILBOX.ntfn.set(done);
    let stack = core::ptr::addr_of!(CHILD_STACK) as seL4_Word;
    let top = stack + 16384 - 8; // as after a call: RSP + 8 is 16-byte aligned
    let mut regs: Vec<seL4_Word> = vec![0; 18];
    let entry: threads::Entry = record_stack;
    regs[0] = entry as usize as seL4_Word; // rip
    regs[1] = top; // rsp
    regs[2] = 0x202; // rflags
    regs[8] = MAILBOX.value.addr(); // rdi
    let mut mrs = vec![1, 18]; // resume the target
    mrs.extend_from_slice(&regs);
    expect("write and resume", call(child, label::TCBWriteRegisters, &mrs, &[]), Want::Ok)?;
    wait(done);
    let seen = MAILBOX.value.get();
    expect_eq("the child's stack word lies in the written stack", (stack..top).contains(&seen), true)
}

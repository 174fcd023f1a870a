// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Faults delivered to a fault endpoint, with seL4's message layouts (ABI
// section 14): unknown syscall, user exceptions (invalid opcode, divide
// error, general protection, breakpoint), VM faults on data and code, and
// cap faults in the send and receive phases; and what the reply does:
// label 0 with registers resumes an unknown syscall or user exception, any
// other label leaves the thread stopped, a cap or VM fault restarts.

use crate::alloc::Env;
use crate::framework::{expect, expect_eq, Case, Outcome, Want};
use crate::invoke::call;
use crate::threads::{self, info, raw_syscall, spawn, Shared, Spawn};
use crate::threads::{SYS_RECV, SYS_REPLY, SYS_SEND};
use sel4_sys::invocation_label as label;
use sel4_sys::*;

/// The cases of this group.
pub fn cases() -> Vec<Case> {
    crate::cases!["faults":
        unknown_syscall_message, unknown_syscall_resumed, user_exception_invalid_opcode,
        user_exception_divide_error, user_exception_general_protection, user_exception_resumed,
        user_exception_nonzero_label_stops, vm_fault_on_data, vm_fault_on_code, cap_fault_send_phase,
        cap_fault_receive_phase, fpu_disabled_faults,
    ]
}

const FAULT_BADGE: seL4_Word = 0xfa;
static DONE: Shared = Shared::new();
/// A notification nobody signals, where children block when done.
static PARK: Shared = Shared::new();

/// Child: an unknown syscall (number 0x1234 in RDX, RAX = 0x77), then sets DONE.
extern "C" fn unknown_syscall(done: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: a syscall with a number the kernel does not know: a fault; the
    // handler's reply decides the registers this thread resumes with.
    unsafe {
        core::arch::asm!(
            "mov r13, rsp",
            "syscall",
            "mov rsp, r13",
            in("rdx") 0x1234u64,
            in("rax") 0x77u64,
            in("rdi") 0x55u64,
            out("rcx") _,
            out("r11") _,
            out("r13") _,
        );
    }
    threads::poke(done, 1);
    threads::park(PARK.get())
}

extern "C" fn invalid_opcode(done: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: ud2 raises #UD; the fault handler decides what follows.
    unsafe { core::arch::asm!("ud2", "ud2") };
    threads::poke(done, 1);
    threads::park(PARK.get())
}

extern "C" fn divide_error(_: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: div by zero raises #DE.
    unsafe { core::arch::asm!("xor ecx, ecx", "div ecx", out("rax") _, out("rdx") _, out("rcx") _) };
    loop {
        core::hint::spin_loop();
    }
}

extern "C" fn general_protection(_: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: a privileged instruction in user mode raises #GP(0).
    unsafe { core::arch::asm!("hlt") };
    loop {
        core::hint::spin_loop();
    }
}

extern "C" fn read_address(addr: seL4_Word, _: seL4_Word) -> ! {
    threads::peek(addr);
    loop {
        core::hint::spin_loop();
    }
}

extern "C" fn jump_to(addr: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: jumps to an unmapped address: an instruction fetch fault.
    unsafe { core::arch::asm!("jmp {}", in(reg) addr, options(noreturn)) }
}

extern "C" fn send_to(cptr: seL4_Word, _: seL4_Word) -> ! {
    raw_syscall(SYS_SEND, cptr, 0, [0; 4]);
    loop {
        core::hint::spin_loop();
    }
}

extern "C" fn recv_from(cptr: seL4_Word, _: seL4_Word) -> ! {
    raw_syscall(SYS_RECV, cptr, 0, [0; 4]);
    loop {
        core::hint::spin_loop();
    }
}

/// A fault endpoint (badged, all rights) and a child that faults into it.
fn faulting_child(
    env: &mut Env,
    entry: threads::Entry,
    a0: seL4_Word,
) -> Result<(seL4_CPtr, seL4_CPtr), String> {
    PARK.set(threads::notification(env)?);
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, FAULT_BADGE)?;
    let child =
        spawn(env, entry, a0, 0, Spawn { fault_ep: badged, ipc_buffer: Some(2), ..Spawn::default() })?;
    Ok((ep, child.tcb))
}

fn recv(ep: seL4_CPtr) -> threads::Msg {
    raw_syscall(SYS_RECV, ep, 0, [0; 4])
}

/// The whole fault message: MR0-3 from registers, the rest from the IPC buffer.
fn message(msg: &threads::Msg) -> Vec<seL4_Word> {
    (0..msg.length() as usize).map(|i| if i < 4 { msg.mrs[i] } else { threads::ipc_mr(i) }).collect()
}

fn let_child_run() -> Outcome {
    let me = seL4_CapInitThreadTCB;
    expect("lower", call(me, label::TCBSetPriority, &[253], &[me]), Want::Ok)?;
    expect("raise", call(me, label::TCBSetPriority, &[255], &[me]), Want::Ok)
}

fn unknown_syscall_message(env: &mut Env) -> Outcome {
    let (ep, child) = faulting_child(env, unknown_syscall, DONE.addr())?;
    let got = recv(ep);
    expect_eq("badge, label, length", (got.badge, got.label(), got.length()), (FAULT_BADGE, 2, 19))?;
    let mrs = message(&got);
    let regs = threads::read_registers(child, 1)?;
    // RAX, RBX, RCX, RDX, RSI, RDI, ..., FaultIP (15), SP, FLAGS, syscall (18)
    expect_eq("RAX, RDX, RDI", (mrs[0], mrs[3], mrs[5]), (0x77, 0x1234, 0x55))?;
    // The syscall instruction's RCX and R11 are not saved: the message shows
    // what the registers held at the thread's last other kernel entry (here
    // what TCB_WriteRegisters put there).
    expect_eq("RCX, R11 not saved by syscall", (mrs[2], mrs[10]), (0, 0))?;
    expect_eq("FaultIP is the syscall instruction", mrs[15], regs[0])?;
    expect_eq("syscall number", mrs[18], 0x1234)
}

fn unknown_syscall_resumed(env: &mut Env) -> Outcome {
    DONE.set(0);
    let (ep, _child) = faulting_child(env, unknown_syscall, DONE.addr())?;
    let got = recv(ep);
    let mrs = message(&got);
    // Resume after the syscall instruction: FaultIP += 2 (MR15).
    for (i, v) in mrs.iter().enumerate().take(16).skip(4) {
        threads::set_ipc_mr(i, *v);
    }
    threads::set_ipc_mr(15, mrs[15] + 2);
    raw_syscall(SYS_REPLY, 0, info(0, 0, 16), [mrs[0], mrs[1], mrs[2], mrs[3]]);
    let_child_run()?;
    expect_eq("the child went on", DONE.get(), 1)
}

fn user_exception_invalid_opcode(env: &mut Env) -> Outcome {
    let (ep, child) = faulting_child(env, invalid_opcode, DONE.addr())?;
    let got = recv(ep);
    expect_eq("badge, label, length", (got.badge, got.label(), got.length()), (FAULT_BADGE, 3, 5))?;
    let mrs = message(&got);
    let regs = threads::read_registers(child, 3)?;
    expect_eq("FaultIP, SP, FLAGS", (mrs[0], mrs[1], mrs[2]), (regs[0], regs[1], regs[2]))?;
    expect_eq("vector 6, code 0", (mrs[3], mrs[4]), (6, 0))
}

fn user_exception_divide_error(env: &mut Env) -> Outcome {
    let (ep, _) = faulting_child(env, divide_error, 0)?;
    let got = recv(ep);
    expect_eq("label, length", (got.label(), got.length()), (3, 5))?;
    expect_eq("vector 0, code 0", (got.mrs[3], threads::ipc_mr(4)), (0, 0))
}

fn user_exception_general_protection(env: &mut Env) -> Outcome {
    let (ep, _) = faulting_child(env, general_protection, 0)?;
    let got = recv(ep);
    expect_eq("label, length", (got.label(), got.length()), (3, 5))?;
    expect_eq("vector 13, code 0", (got.mrs[3], threads::ipc_mr(4)), (13, 0))
}

fn user_exception_resumed(env: &mut Env) -> Outcome {
    DONE.set(0);
    let (ep, _) = faulting_child(env, invalid_opcode, DONE.addr())?;
    let got = recv(ep);
    // Skip both ud2 instructions (2 bytes each).
    raw_syscall(SYS_REPLY, 0, info(0, 0, 1), [got.mrs[0] + 4, 0, 0, 0]);
    let_child_run()?;
    expect_eq("the child went on", DONE.get(), 1)
}

fn user_exception_nonzero_label_stops(env: &mut Env) -> Outcome {
    DONE.set(0);
    let (ep, child) = faulting_child(env, invalid_opcode, DONE.addr())?;
    let got = recv(ep);
    raw_syscall(SYS_REPLY, 0, info(1, 0, 1), [got.mrs[0] + 4, 0, 0, 0]);
    let_child_run()?;
    expect_eq("the child stayed stopped", DONE.get(), 0)?;
    // It is inactive, not waiting: Resume restarts it at the new address.
    let regs = threads::read_registers(child, 1)?;
    expect_eq("restart address updated", regs[0], got.mrs[0] + 4)?;
    expect("resume", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    let_child_run()?;
    expect_eq("resumed", DONE.get(), 1)
}

fn vm_fault_on_data(env: &mut Env) -> Outcome {
    let (ep, child) = faulting_child(env, read_address, 0x10)?;
    let got = recv(ep);
    expect_eq("badge, label, length", (got.badge, got.label(), got.length()), (FAULT_BADGE, 5, 4))?;
    let regs = threads::read_registers(child, 1)?;
    // FSR: the page-fault error code: user (4), read, not present.
    expect_eq("IP, address, prefetch, FSR", got.mrs, [regs[0], 0x10, 0, 4])?;
    // A reply restarts the instruction: the same fault again.
    raw_syscall(SYS_REPLY, 0, info(0, 0, 0), [0; 4]);
    let again = recv(ep);
    expect_eq("faulted again", again.mrs, got.mrs)
}

fn vm_fault_on_code(env: &mut Env) -> Outcome {
    let (ep, _) = faulting_child(env, jump_to, 0x20_0000_1000)?;
    let got = recv(ep);
    expect_eq("label, length", (got.label(), got.length()), (5, 4))?;
    // FSR 4: user, not present. With no-execute off (as this configuration
    // runs) the CPU does not flag instruction fetches, so neither does seL4.
    expect_eq("IP, address, prefetch, FSR", got.mrs, [0x20_0000_1000, 0x20_0000_1000, 0, 4])
}

fn cap_fault_send_phase(env: &mut Env) -> Outcome {
    let empty = env.slot();
    let (ep, child) = faulting_child(env, send_to, 1 << 40)?;
    let got = recv(ep);
    expect_eq("badge, label", (got.badge, got.label()), (FAULT_BADGE, 1))?;
    let mrs = message(&got);
    let regs = threads::read_registers(child, 1)?;
    // IP, address, in receive phase, lookup failure: a guard mismatch (cptr
    // bits above the root CNode's 12 are not the guard 0): bits left 64,
    // guard found 0, guard size 52.
    expect_eq("message", mrs, vec![regs[0], 1 << 40, 0, 4, 64, 0, 52])?;
    let _ = empty;
    Ok(())
}

fn cap_fault_receive_phase(env: &mut Env) -> Outcome {
    let ntfn = threads::notification(env)?;
    let send_only = threads::mint(env, ntfn, 1, 0)?;
    let (ep, _) = faulting_child(env, recv_from, send_only)?;
    let got = recv(ep);
    expect_eq("label, length", (got.label(), got.length()), (1, 5))?;
    let mrs = message(&got);
    // Missing capability (the right to receive) with 0 bits left.
    expect_eq("address, phase, failure", (mrs[1], mrs[2], mrs[3], mrs[4]), (send_only, 1, 2, 0))
}

extern "C" fn use_fpu(_: seL4_Word, _: seL4_Word) -> ! {
    // SAFETY: an SSE instruction; with the FPU disabled for this thread it faults.
    unsafe { core::arch::asm!("pxor xmm0, xmm0", out("xmm0") _) };
    loop {
        core::hint::spin_loop();
    }
}

fn fpu_disabled_faults(env: &mut Env) -> Outcome {
    PARK.set(threads::notification(env)?);
    let ep = threads::endpoint(env)?;
    let badged = threads::mint(env, ep, 15, FAULT_BADGE)?;
    let child = spawn(env, use_fpu, 0, 0, Spawn { fault_ep: badged, resume: false, ..Spawn::default() })?.tcb;
    let reply = call(child, label::TCBSetFlags, &[0, 1], &[]);
    crate::framework::expect_value("disable the FPU", reply, 1)?;
    expect("resume", call(child, label::TCBResume, &[], &[]), Want::Ok)?;
    let got = recv(ep);
    expect_eq("label, length", (got.label(), got.length()), (3, 5))?;
    // Vector 7: device not available.
    expect_eq("vector, code", (got.mrs[3], threads::ipc_mr(4)), (7, 0))
}

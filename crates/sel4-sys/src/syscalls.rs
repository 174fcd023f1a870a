// SPDX-License-Identifier: MIT OR Apache-2.0
//! seL4 system calls on x86_64 (ABI section 3), each a thin wrapper over one
//! `syscall` instruction.
//!
//! Registers: RDX syscall number, RDI capability / badge, RSI message info,
//! R10, R8, R9, R15 message registers 0-3 (the rest live in the IPC buffer).
//! The kernel returns with RSP zeroed; Rust cannot name RBX as an operand,
//! so RSP is kept in R12 (declared clobbered, preserved by the kernel)
//! across the instruction.
//!
//! Functions that read or write the IPC buffer, or whose effect on memory
//! the kernel decides (every IPC), are `unsafe`; the debug calls that only
//! pass registers are safe. All of them assume they run as a thread on seL4.

use core::arch::asm;

use crate::{
    seL4_CPtr, seL4_GetIPCBuffer, seL4_GetMR, seL4_MessageInfo, seL4_SetMR, seL4_SysCall,
    seL4_SysDebugCapIdentify, seL4_SysDebugDumpScheduler, seL4_SysDebugHalt, seL4_SysDebugNameThread,
    seL4_SysDebugPutChar, seL4_SysDebugSnapshot, seL4_SysNBRecv, seL4_SysNBSend, seL4_SysRecv, seL4_SysReply,
    seL4_SysReplyRecv, seL4_SysSend, seL4_SysSetTLSBase, seL4_SysYield, seL4_Syscall_ID, seL4_Uint32,
    seL4_Word,
};

/// The registers one system call reads and may write.
struct Registers {
    rdi: seL4_Word,
    rsi: seL4_Word,
    mrs: [seL4_Word; 4],
}

/// Issues the `syscall` instruction.
///
/// # Safety
///
/// The kernel may write the caller's IPC buffer as the syscall's semantics
/// say; the caller must allow that.
#[inline(always)]
unsafe fn syscall(sys: seL4_Syscall_ID, regs: &mut Registers) {
    // SAFETY: the instruction only changes the registers named here (RCX and
    // R11 by the instruction, RSP by the kernel, restored from R12) and
    // memory the kernel is allowed to write, which the caller accepts.
    unsafe {
        asm!(
            "mov r12, rsp",
            "syscall",
            "mov rsp, r12",
            in("rdx") sys,
            inout("rdi") regs.rdi,
            inout("rsi") regs.rsi,
            inout("r10") regs.mrs[0],
            inout("r8") regs.mrs[1],
            inout("r9") regs.mrs[2],
            inout("r15") regs.mrs[3],
            out("rcx") _,
            out("r11") _,
            out("r12") _,
        );
    }
}

/// A debug syscall whose only argument is RDI; returns RDI afterwards.
#[inline(always)]
fn syscall_rdi(sys: seL4_Syscall_ID, arg: seL4_Word) -> seL4_Word {
    let mut regs = Registers { rdi: arg, rsi: 0, mrs: [0; 4] };
    // SAFETY: the debug syscalls used through this function read no memory
    // of the caller and write none.
    unsafe { syscall(sys, &mut regs) };
    regs.rdi
}

/// Message registers 0-3 to send: each value the message reaches, else 0.
fn fast_mrs_in(info: seL4_MessageInfo, mrs: [seL4_Word; 4]) -> [seL4_Word; 4] {
    let length = info.length();
    let mut out = [0; 4];
    for (i, value) in mrs.into_iter().enumerate() {
        if (i as seL4_Word) < length {
            out[i] = value;
        }
    }
    out
}

/// Message registers 0-3 of a message from the IPC buffer.
///
/// # Safety
///
/// The IPC buffer must be registered.
unsafe fn load_fast_mrs(info: seL4_MessageInfo) -> [seL4_Word; 4] {
    let length = info.length().min(4) as usize;
    let mut mrs = [0; 4];
    for (i, mr) in mrs.iter_mut().enumerate().take(length) {
        // SAFETY: the caller guarantees the IPC buffer is registered.
        *mr = unsafe { seL4_GetMR(i) };
    }
    mrs
}

/// Stores received message registers 0-3 into the IPC buffer.
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
unsafe fn store_fast_mrs(mrs: &[seL4_Word; 4]) {
    for (i, mr) in mrs.iter().enumerate() {
        // SAFETY: the caller guarantees the IPC buffer is registered and writable.
        unsafe { seL4_SetMR(i, *mr) };
    }
}

/// Sends with message registers 0-3 given directly.
unsafe fn send_with_mrs(sys: seL4_Syscall_ID, dest: seL4_CPtr, info: seL4_MessageInfo, mrs: [seL4_Word; 4]) {
    let mut regs = Registers { rdi: dest, rsi: info.word(), mrs: fast_mrs_in(info, mrs) };
    // SAFETY: the caller accepts what the kernel does to its IPC buffer.
    unsafe { syscall(sys, &mut regs) };
}

/// Any syscall that receives: returns the reply's info; `regs` ends with the badge and registers 0-3.
unsafe fn receive(
    sys: seL4_Syscall_ID,
    cap: seL4_CPtr,
    info: seL4_MessageInfo,
    mrs: &mut [seL4_Word; 4],
) -> (seL4_MessageInfo, seL4_Word) {
    let mut regs = Registers { rdi: cap, rsi: info.word(), mrs: fast_mrs_in(info, *mrs) };
    // SAFETY: the caller accepts what the kernel does to its IPC buffer.
    unsafe { syscall(sys, &mut regs) };
    *mrs = regs.mrs;
    (seL4_MessageInfo::from_word(regs.rsi), regs.rdi)
}

/// Any syscall that receives, with the message in the IPC buffer.
unsafe fn receive_buffered(
    sys: seL4_Syscall_ID,
    cap: seL4_CPtr,
    info: seL4_MessageInfo,
    sender: Option<&mut seL4_Word>,
) -> seL4_MessageInfo {
    // SAFETY: the caller guarantees the IPC buffer is registered and writable.
    let mut mrs = unsafe { load_fast_mrs(info) };
    // SAFETY: as above.
    let (reply, badge) = unsafe { receive(sys, cap, info, &mut mrs) };
    // SAFETY: as above.
    unsafe { store_fast_mrs(&mrs) };
    if let Some(sender) = sender {
        *sender = badge;
    }
    reply
}

/// Sends a message to `dest`, blocking until it is taken.
///
/// # Safety
///
/// The IPC buffer must be registered and hold the message.
#[inline]
pub unsafe fn seL4_Send(dest: seL4_CPtr, info: seL4_MessageInfo) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysSend, dest, info, load_fast_mrs(info)) }
}

/// [`seL4_Send`] with message registers 0-3 passed directly (those past the
/// message's length are not sent).
///
/// # Safety
///
/// The IPC buffer must be registered and hold the rest of the message if it is
/// longer than 4 words or carries capabilities.
#[inline]
pub unsafe fn seL4_SendWithMRs(
    dest: seL4_CPtr,
    info: seL4_MessageInfo,
    mr0: seL4_Word,
    mr1: seL4_Word,
    mr2: seL4_Word,
    mr3: seL4_Word,
) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysSend, dest, info, [mr0, mr1, mr2, mr3]) }
}

/// Sends a message to `dest` if a receiver is waiting; otherwise drops it.
///
/// # Safety
///
/// The IPC buffer must be registered and hold the message.
#[inline]
pub unsafe fn seL4_NBSend(dest: seL4_CPtr, info: seL4_MessageInfo) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysNBSend, dest, info, load_fast_mrs(info)) }
}

/// [`seL4_NBSend`] with message registers 0-3 passed directly.
///
/// # Safety
///
/// As for [`seL4_SendWithMRs`].
#[inline]
pub unsafe fn seL4_NBSendWithMRs(
    dest: seL4_CPtr,
    info: seL4_MessageInfo,
    mr0: seL4_Word,
    mr1: seL4_Word,
    mr2: seL4_Word,
    mr3: seL4_Word,
) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysNBSend, dest, info, [mr0, mr1, mr2, mr3]) }
}

/// Replies to the thread that last called this one.
///
/// # Safety
///
/// The IPC buffer must be registered and hold the message.
#[inline]
pub unsafe fn seL4_Reply(info: seL4_MessageInfo) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysReply, 0, info, load_fast_mrs(info)) }
}

/// [`seL4_Reply`] with message registers 0-3 passed directly.
///
/// # Safety
///
/// As for [`seL4_SendWithMRs`].
#[inline]
pub unsafe fn seL4_ReplyWithMRs(
    info: seL4_MessageInfo,
    mr0: seL4_Word,
    mr1: seL4_Word,
    mr2: seL4_Word,
    mr3: seL4_Word,
) {
    // SAFETY: the caller's contract.
    unsafe { send_with_mrs(seL4_SysReply, 0, info, [mr0, mr1, mr2, mr3]) }
}

/// Signals the notification `dest`.
#[inline]
pub fn seL4_Signal(dest: seL4_CPtr) {
    // SAFETY: a one-word message in registers; no capability is transferred,
    // so the kernel touches no memory of the caller.
    unsafe { send_with_mrs(seL4_SysSend, dest, seL4_MessageInfo::new(0, 0, 0, 1), [0; 4]) }
}

/// Waits for a message on `src`; the sender's badge goes to `sender`.
///
/// # Safety
///
/// The IPC buffer must be registered and writable: the kernel writes the message there.
#[inline]
pub unsafe fn seL4_Recv(src: seL4_CPtr, sender: Option<&mut seL4_Word>) -> seL4_MessageInfo {
    // SAFETY: the caller's contract.
    unsafe { receive_buffered(seL4_SysRecv, src, seL4_MessageInfo::new(0, 0, 0, 0), sender) }
}

/// [`seL4_Recv`] with message registers 0-3 returned directly (the IPC buffer
/// still receives registers 4 and up and any capability).
///
/// # Safety
///
/// The IPC buffer must be registered and writable if a message can be longer
/// than 4 words or carry capabilities.
#[inline]
pub unsafe fn seL4_RecvWithMRs(
    src: seL4_CPtr,
    sender: Option<&mut seL4_Word>,
    mr0: &mut seL4_Word,
    mr1: &mut seL4_Word,
    mr2: &mut seL4_Word,
    mr3: &mut seL4_Word,
) -> seL4_MessageInfo {
    let mut mrs = [0; 4];
    // SAFETY: the caller's contract.
    let (reply, badge) = unsafe { receive(seL4_SysRecv, src, seL4_MessageInfo::new(0, 0, 0, 0), &mut mrs) };
    [*mr0, *mr1, *mr2, *mr3] = mrs;
    if let Some(sender) = sender {
        *sender = badge;
    }
    reply
}

/// Takes a message on `src` if one is waiting, without blocking.
///
/// # Safety
///
/// As for [`seL4_Recv`].
#[inline]
pub unsafe fn seL4_NBRecv(src: seL4_CPtr, sender: Option<&mut seL4_Word>) -> seL4_MessageInfo {
    // SAFETY: the caller's contract.
    unsafe { receive_buffered(seL4_SysNBRecv, src, seL4_MessageInfo::new(0, 0, 0, 0), sender) }
}

/// Waits on a notification ([`seL4_Recv`] by another name).
///
/// # Safety
///
/// As for [`seL4_Recv`].
#[inline]
pub unsafe fn seL4_Wait(src: seL4_CPtr, sender: Option<&mut seL4_Word>) {
    // SAFETY: the caller's contract.
    unsafe { seL4_Recv(src, sender) };
}

/// Polls a notification without blocking ([`seL4_NBRecv`] by another name).
///
/// # Safety
///
/// As for [`seL4_Recv`].
#[inline]
pub unsafe fn seL4_Poll(src: seL4_CPtr, sender: Option<&mut seL4_Word>) -> seL4_MessageInfo {
    // SAFETY: the caller's contract.
    unsafe { seL4_NBRecv(src, sender) }
}

/// Sends a message to `dest` and waits for the reply (also: invokes a kernel object).
///
/// # Safety
///
/// The IPC buffer must be registered, writable and hold the message.
#[inline]
pub unsafe fn seL4_Call(dest: seL4_CPtr, info: seL4_MessageInfo) -> seL4_MessageInfo {
    // SAFETY: the caller's contract.
    unsafe { receive_buffered(seL4_SysCall, dest, info, None) }
}

/// [`seL4_Call`] with message registers 0-3 passed and returned directly.
///
/// # Safety
///
/// The IPC buffer must be registered and writable if the message or the reply
/// is longer than 4 words or carries capabilities.
#[inline]
pub unsafe fn seL4_CallWithMRs(
    dest: seL4_CPtr,
    info: seL4_MessageInfo,
    mr0: &mut seL4_Word,
    mr1: &mut seL4_Word,
    mr2: &mut seL4_Word,
    mr3: &mut seL4_Word,
) -> seL4_MessageInfo {
    let mut mrs = [*mr0, *mr1, *mr2, *mr3];
    // SAFETY: the caller's contract.
    let (reply, _badge) = unsafe { receive(seL4_SysCall, dest, info, &mut mrs) };
    [*mr0, *mr1, *mr2, *mr3] = mrs;
    reply
}

/// Replies to the last caller, then waits for a message on `src`.
///
/// # Safety
///
/// The IPC buffer must be registered, writable and hold the reply.
#[inline]
pub unsafe fn seL4_ReplyRecv(
    src: seL4_CPtr,
    info: seL4_MessageInfo,
    sender: Option<&mut seL4_Word>,
) -> seL4_MessageInfo {
    // SAFETY: the caller's contract.
    unsafe { receive_buffered(seL4_SysReplyRecv, src, info, sender) }
}

/// [`seL4_ReplyRecv`] with message registers 0-3 passed and returned directly.
///
/// # Safety
///
/// As for [`seL4_CallWithMRs`].
#[inline]
pub unsafe fn seL4_ReplyRecvWithMRs(
    src: seL4_CPtr,
    info: seL4_MessageInfo,
    sender: Option<&mut seL4_Word>,
    mr0: &mut seL4_Word,
    mr1: &mut seL4_Word,
    mr2: &mut seL4_Word,
    mr3: &mut seL4_Word,
) -> seL4_MessageInfo {
    let mut mrs = [*mr0, *mr1, *mr2, *mr3];
    // SAFETY: the caller's contract.
    let (reply, badge) = unsafe { receive(seL4_SysReplyRecv, src, info, &mut mrs) };
    [*mr0, *mr1, *mr2, *mr3] = mrs;
    if let Some(sender) = sender {
        *sender = badge;
    }
    reply
}

/// Gives up the rest of the time slice.
#[inline]
pub fn seL4_Yield() {
    syscall_rdi(seL4_SysYield, 0);
}

/// Writes one byte to the kernel's debug console.
#[inline]
pub fn seL4_DebugPutChar(c: u8) {
    syscall_rdi(seL4_SysDebugPutChar, c as seL4_Word);
}

/// Prints the kernel's scheduler state.
#[inline]
pub fn seL4_DebugDumpScheduler() {
    syscall_rdi(seL4_SysDebugDumpScheduler, 0);
}

/// Stops the machine: the kernel prints `halting...` and halts.
#[inline]
pub fn seL4_DebugHalt() {
    syscall_rdi(seL4_SysDebugHalt, 0);
}

/// Asks the kernel for a snapshot of capability state.
#[inline]
pub fn seL4_DebugSnapshot() {
    syscall_rdi(seL4_SysDebugSnapshot, 0);
}

/// The kernel's type tag of the capability at `cap` (see `cap_tag`); 0 if empty.
#[inline]
pub fn seL4_DebugCapIdentify(cap: seL4_CPtr) -> seL4_Uint32 {
    syscall_rdi(seL4_SysDebugCapIdentify, cap) as seL4_Uint32
}

/// Names the thread `tcb` in the kernel's messages (the name is cut to fit the IPC buffer).
///
/// # Safety
///
/// The IPC buffer must be registered and writable: the name travels there.
#[inline]
pub unsafe fn seL4_DebugNameThread(tcb: seL4_CPtr, name: &str) {
    let buffer = seL4_GetIPCBuffer();
    // SAFETY: the caller guarantees the buffer is valid and writable; the
    // message registers are plain words, viewed here as bytes.
    unsafe {
        let text = core::ptr::addr_of_mut!((*buffer).msg).cast::<u8>();
        let room = core::mem::size_of_val(&(*buffer).msg) - 1;
        let length = name.len().min(room);
        core::ptr::copy_nonoverlapping(name.as_ptr(), text, length);
        *text.add(length) = 0;
    }
    syscall_rdi(seL4_SysDebugNameThread, tcb);
}

/// Sets the calling thread's TLS base (FS base); takes effect at once.
///
/// # Safety
///
/// Thread-local variables move to the new base: it must point at a valid
/// thread control block laid out as the program's TLS model expects.
#[inline]
pub unsafe fn seL4_SetTLSBase(tls_base: seL4_Word) {
    syscall_rdi(seL4_SysSetTLSBase, tls_base);
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Second threads for the thread, IPC, notification and fault cases: a TCB
// configured into the root task's own CSpace and VSpace, started at a plain
// `extern "C"` function on a stack of its own, plus the raw system calls
// such a thread makes. A child thread has no TLS (its FS base is 0), so its
// code must not touch `std`, panic, or read `__sel4_ipc_buffer`: it uses only
// `raw_syscall` and memory it is given. Its IPC buffer, when it needs one,
// is a page of the root task's image (see `child_ipc_buffer`).

use crate::alloc::{Env, DEPTH, ROOT};
use crate::framework::{expect, Want};
use crate::invoke::call;
use sel4_sys::invocation_label as label;
use sel4_sys::*;

// The syscall numbers (ABI section 2).
/// seL4_SysCall.
pub const SYS_CALL: i64 = -1;
/// seL4_SysReplyRecv.
pub const SYS_REPLY_RECV: i64 = -2;
/// seL4_SysSend (also Signal).
pub const SYS_SEND: i64 = -3;
/// seL4_SysNBSend.
pub const SYS_NB_SEND: i64 = -4;
/// seL4_SysRecv (also Wait).
pub const SYS_RECV: i64 = -5;
/// seL4_SysReply.
pub const SYS_REPLY: i64 = -6;
/// seL4_SysYield.
pub const SYS_YIELD: i64 = -7;
/// seL4_SysNBRecv (also Poll).
pub const SYS_NB_RECV: i64 = -8;

/// What a system call returned: badge (RDI), message info (RSI), MR0-3.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Msg {
    /// RDI after the call.
    pub badge: seL4_Word,
    /// RSI after the call (the message info word).
    pub info: seL4_Word,
    /// R10, R8, R9, R15 after the call.
    pub mrs: [seL4_Word; 4],
}

impl Msg {
    /// The label of the message info word.
    pub fn label(&self) -> seL4_Word {
        self.info >> 12
    }
    /// The length of the message info word.
    pub fn length(&self) -> seL4_Word {
        self.info & 0x7f
    }
    /// The extraCaps field.
    pub fn extra_caps(&self) -> seL4_Word {
        (self.info >> 7) & 3
    }
    /// The capsUnwrapped field.
    pub fn unwrapped(&self) -> seL4_Word {
        (self.info >> 9) & 7
    }
}

/// A message info word (label, capsUnwrapped 0, extra caps, length).
pub const fn info(label: seL4_Word, extra_caps: seL4_Word, length: seL4_Word) -> seL4_Word {
    (label << 12) | ((extra_caps & 3) << 7) | (length & 0x7f)
}

/// One system call with the ABI's registers, touching no memory: usable
/// from threads without TLS. RSP is kept in R13 (the kernel zeroes RSP).
#[inline(always)]
pub fn raw_syscall(number: i64, dest: seL4_Word, info: seL4_Word, mrs: [seL4_Word; 4]) -> Msg {
    let (mut rdi, mut rsi) = (dest, info);
    let [mut r10, mut r8, mut r9, mut r15] = mrs;
    // SAFETY: the syscall instruction with seL4's convention: the kernel
    // preserves every register but RCX/R11 (clobbered by the instruction)
    // and the outputs named here; RSP is restored from R13. No memory of
    // this program is read or written by the kernel on these calls except
    // IPC buffers, which the callers set up.
    unsafe {
        core::arch::asm!(
            "mov r13, rsp",
            "syscall",
            "mov rsp, r13",
            inout("rdi") rdi,
            inout("rsi") rsi,
            inout("r10") r10,
            inout("r8") r8,
            inout("r9") r9,
            inout("r15") r15,
            in("rdx") number,
            out("rcx") _,
            out("r11") _,
            out("r13") _,
        );
    }
    Msg { badge: rdi, info: rsi, mrs: [r10, r8, r9, r15] }
}

/// A word of memory shared between the root task and its children,
/// accessed with volatile reads and writes only.
pub struct Shared(core::cell::UnsafeCell<seL4_Word>);
// SAFETY: one core; the cases order accesses through IPC and priorities.
unsafe impl Sync for Shared {}
impl Shared {
    /// A shared word holding 0.
    pub const fn new() -> Self {
        Shared(core::cell::UnsafeCell::new(0))
    }
    /// Reads it.
    pub fn get(&self) -> seL4_Word {
        // SAFETY: an aligned word of a static.
        unsafe { core::ptr::read_volatile(self.0.get()) }
    }
    /// Writes it.
    pub fn set(&self, v: seL4_Word) {
        // SAFETY: as for get.
        unsafe { core::ptr::write_volatile(self.0.get(), v) }
    }
    /// Its address, to hand to a child.
    pub fn addr(&self) -> seL4_Word {
        self.0.get() as seL4_Word
    }
}

/// Reads a word at an address a child was given.
pub fn peek(addr: seL4_Word) -> seL4_Word {
    // SAFETY: callers pass addresses of `Shared` words or IPC buffer words.
    unsafe { core::ptr::read_volatile(addr as *const seL4_Word) }
}

/// Writes a word at an address a child was given.
pub fn poke(addr: seL4_Word, v: seL4_Word) {
    // SAFETY: as for peek.
    unsafe { core::ptr::write_volatile(addr as *mut seL4_Word, v) }
}

/// Page-aligned pages inside the root task's image: IPC buffers for children.
#[repr(C, align(4096))]
struct Pages([u8; 4096 * CHILD_BUFFERS]);
const CHILD_BUFFERS: usize = 4;
static mut CHILD_PAGES: Pages = Pages([0; 4096 * CHILD_BUFFERS]);

extern "C" {
    static __executable_start: u8;
}

/// A child IPC buffer (index below 4): its address and the root task's
/// frame cap for its page (from the boot info's userImageFrames).
pub fn child_ipc_buffer(index: usize) -> (seL4_Word, seL4_CPtr) {
    assert!(index < CHILD_BUFFERS);
    let base = core::ptr::addr_of!(CHILD_PAGES) as seL4_Word + (index * 4096) as seL4_Word;
    let image = core::ptr::addr_of!(__executable_start) as seL4_Word & !0xfff;
    let frames = sel4::bootinfo().raw().userImageFrames;
    let cap = frames.start + (base - image) / 4096;
    (base, cap)
}

/// A child thread made by `spawn`.
pub struct Child {
    /// Its TCB cap.
    pub tcb: seL4_CPtr,
}

/// Entry point of a child: two arguments in RDI and RSI.
pub type Entry = extern "C" fn(seL4_Word, seL4_Word) -> !;

/// Options of `spawn`.
pub struct Spawn {
    /// Priority (the root task runs at 255).
    pub priority: seL4_Word,
    /// The fault endpoint cptr (0: none).
    pub fault_ep: seL4_CPtr,
    /// Index of the child IPC buffer to give it, if any.
    pub ipc_buffer: Option<usize>,
    /// Whether to resume it at once.
    pub resume: bool,
}

impl Default for Spawn {
    fn default() -> Self {
        Spawn { priority: 254, fault_ep: 0, ipc_buffer: None, resume: true }
    }
}

/// Makes a thread in the root task's spaces that runs `entry(a0, a1)`.
pub fn spawn(
    env: &mut Env,
    entry: Entry,
    a0: seL4_Word,
    a1: seL4_Word,
    opts: Spawn,
) -> Result<Child, String> {
    let tcb = env.make(seL4_TCBObject, 0)?;
    let (buffer, frame) = match opts.ipc_buffer {
        Some(i) => child_ipc_buffer(i),
        None => (0, seL4_CapNull),
    };
    expect(
        "configure the child",
        call(
            tcb,
            label::TCBConfigure as seL4_Word,
            &[opts.fault_ep, 0, 0, buffer],
            &[ROOT, seL4_CapInitThreadVSpace, frame],
        ),
        Want::Ok,
    )?;
    expect(
        "child priority",
        call(tcb, label::TCBSetPriority as seL4_Word, &[opts.priority], &[seL4_CapInitThreadTCB]),
        Want::Ok,
    )?;
    let stack: &'static mut [u8] = Box::leak(vec![0u8; 16 * 1024].into_boxed_slice());
    let top = ((stack.as_ptr() as seL4_Word + stack.len() as seL4_Word) & !15) - 8;
    // rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi
    let regs = [entry as usize as seL4_Word, top, 0x202, 0, 0, 0, 0, a1, a0];
    let mut mrs = vec![opts.resume as seL4_Word, regs.len() as seL4_Word];
    mrs.extend_from_slice(&regs);
    expect("start the child", call(tcb, label::TCBWriteRegisters as seL4_Word, &mrs, &[]), Want::Ok)?;
    Ok(Child { tcb })
}

/// Makes an endpoint and a notification for a case.
pub fn endpoint(env: &mut Env) -> Result<seL4_CPtr, String> {
    env.make(seL4_EndpointObject, 0)
}

/// A notification.
pub fn notification(env: &mut Env) -> Result<seL4_CPtr, String> {
    env.make(seL4_NotificationObject, 0)
}

/// Mints a copy of `src` with `rights` and `badge` into a fresh slot.
pub fn mint(env: &mut Env, src: seL4_CPtr, rights: seL4_Word, badge: seL4_Word) -> Result<seL4_CPtr, String> {
    let slot = env.slot();
    expect(
        "mint",
        call(ROOT, label::CNodeMint as seL4_Word, &[slot, DEPTH, src, DEPTH, rights, badge], &[ROOT]),
        Want::Ok,
    )?;
    Ok(slot)
}

/// Blocks the calling child forever (waiting on a notification nobody signals).
pub fn park(ntfn: seL4_CPtr) -> ! {
    loop {
        raw_syscall(SYS_RECV, ntfn, 0, [0; 4]);
    }
}

/// Reads `n` registers of `tcb` with TCB_ReadRegisters (the whole reply:
/// MR0-3 from registers, the rest from the IPC buffer).
pub fn read_registers(tcb: seL4_CPtr, n: seL4_Word) -> Result<Vec<seL4_Word>, String> {
    let reply = call(tcb, label::TCBReadRegisters as seL4_Word, &[0, n], &[]);
    crate::framework::expect_value(&format!("read {n} registers"), reply, n)?;
    Ok((0..n as usize).map(|i| if i < 4 { reply.mrs[i] } else { ipc_mr(i) }).collect())
}

/// Message register `i` (4 or more) in the root task's IPC buffer.
pub fn ipc_mr(i: usize) -> seL4_Word {
    // SAFETY: the root task's IPC buffer is registered; i is below 120.
    unsafe { sel4_sys::seL4_GetMR(i) }
}

/// Sets message register `i` (4 or more) in the root task's IPC buffer.
pub fn set_ipc_mr(i: usize, v: seL4_Word) {
    // SAFETY: as for ipc_mr.
    unsafe { sel4_sys::seL4_SetMR(i, v) }
}

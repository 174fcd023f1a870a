// SPDX-License-Identifier: MIT OR Apache-2.0
//
// Safe access to the calling thread's IPC buffer: its message registers,
// the capabilities of a message, received badges and the receive path.
// `sel4-sys` keeps the buffer's address; this file reads and writes single
// words through it, never forming a reference the kernel could invalidate.
// It also reads an error reply's details right after a failed invocation.
#![allow(unsafe_code)]

use core::ptr::NonNull;

use crate::cap::{Cap, CapType};
use crate::error::ERROR_DETAIL_WORDS;
use crate::{sys, Badge, CPtr, Error, Result, Slot};

/// The number of message registers (`seL4_MsgMaxLength`).
pub const MESSAGE_REGISTERS: usize = sys::seL4_MsgMaxLength as usize;

/// The number of capabilities one message can carry (`seL4_MsgMaxExtraCaps`).
pub const MESSAGE_CAPABILITIES: usize = sys::seL4_MsgMaxExtraCaps as usize;

/// Panics unless the calling thread has registered an IPC buffer. In the
/// host build nothing ever does, so every kernel call panics there.
#[inline(always)]
pub(crate) fn ensure_registered() {
    if sys::seL4_GetIPCBuffer().is_null() {
        no_ipc_buffer()
    }
}

/// Panics in the host build, for system calls that need no IPC buffer
/// (they would execute `syscall` on the host's kernel).
#[inline(always)]
pub(crate) fn ensure_on_sel4() {
    #[cfg(not(sel4))]
    no_ipc_buffer()
}

#[cold]
#[inline(never)]
fn no_ipc_buffer() -> ! {
    panic!(
        "no IPC buffer: seL4 calls work only in the seL4 build of a root task \
         (after `#[sel4::root]`'s start-up) or in a thread that registered one"
    )
}

/// Turns an invocation's error code into `Result`, reading the error's
/// details from the IPC buffer when there is one.
#[inline(always)]
pub(crate) fn check(code: sys::seL4_Error, operation: &'static str) -> Result<()> {
    if code == sys::seL4_NoError {
        Ok(())
    } else {
        Err(reply_error(code, operation))
    }
}

/// The error of a failed invocation: the `sel4-sys` stubs leave the reply's
/// message registers in the IPC buffer.
#[cold]
#[inline(never)]
pub(crate) fn reply_error(code: sys::seL4_Error, operation: &'static str) -> Error {
    let buffer = ipc_buffer();
    let mrs: [usize; ERROR_DETAIL_WORDS] = core::array::from_fn(|i| buffer.mr(i));
    Error::from_reply(operation, code as usize, mrs)
}

/// The calling thread's IPC buffer.
///
/// Every access reads or writes one word; nothing is borrowed across a
/// system call, so the kernel's writes to the buffer cannot break Rust's
/// rules. Indexes past the buffer's arrays panic.
#[derive(Debug, Clone, Copy)]
pub struct IpcBuffer {
    raw: NonNull<sys::seL4_IPCBuffer>,
}

/// The calling thread's IPC buffer.
///
/// # Panics
///
/// If the thread has none (always in the host build).
#[inline]
pub fn ipc_buffer() -> IpcBuffer {
    match NonNull::new(sys::seL4_GetIPCBuffer()) {
        Some(raw) => IpcBuffer { raw },
        None => no_ipc_buffer(),
    }
}

impl IpcBuffer {
    fn buffer(self) -> *mut sys::seL4_IPCBuffer {
        self.raw.as_ptr()
    }

    /// Message register `index` (the first four travel in registers; the
    /// typed calls keep the buffer's copy current).
    #[inline]
    pub fn mr(self, index: usize) -> usize {
        // SAFETY: the pointer is the registered IPC buffer, mapped and
        // writable for the thread's life (see `invoke.rs`); the array index
        // is checked; no reference is formed.
        unsafe { (*self.buffer()).msg[index] as usize }
    }

    /// Sets message register `index`.
    #[inline]
    pub fn set_mr(self, index: usize, value: usize) {
        // SAFETY: as in `mr`.
        unsafe { (*self.buffer()).msg[index] = value as sys::seL4_Word }
    }

    /// Sets message registers `0..values.len()`.
    #[inline]
    pub fn set_mrs(self, values: &[usize]) {
        for (index, value) in values.iter().enumerate() {
            self.set_mr(index, *value);
        }
    }

    /// Sets capability `index` of the message to send.
    #[inline]
    pub fn set_cap<T: CapType>(self, index: usize, cap: Cap<T>) {
        // SAFETY: as in `mr`.
        unsafe { (*self.buffer()).caps_or_badges[index] = cap.bits() as sys::seL4_Word }
    }

    /// Capability `index` of the message to send, as set by [`IpcBuffer::set_cap`].
    #[inline]
    pub fn cap(self, index: usize) -> CPtr {
        // SAFETY: as in `mr`.
        CPtr::from_cptr(unsafe { (*self.buffer()).caps_or_badges[index] } as usize)
    }

    /// The badge of received capability `index` when the kernel unwrapped
    /// it (see [`MessageInfo::caps_unwrapped`](crate::MessageInfo::caps_unwrapped)).
    #[inline]
    pub fn badge(self, index: usize) -> Badge {
        // SAFETY: as in `mr`.
        Badge::new(unsafe { (*self.buffer()).caps_or_badges[index] } as usize)
    }

    /// Where the next capability received goes: `slot` (an empty slot).
    #[inline]
    pub fn set_receive_path(self, slot: Slot) {
        let buffer = self.buffer();
        // SAFETY: as in `mr`.
        unsafe {
            (*buffer).receiveCNode = slot.cnode().bits() as sys::seL4_CPtr;
            (*buffer).receiveIndex = slot.index() as sys::seL4_CPtr;
            (*buffer).receiveDepth = slot.depth() as sys::seL4_Word;
        }
    }

    /// The word of the buffer reserved for the program.
    #[inline]
    pub fn user_data(self) -> usize {
        // SAFETY: as in `mr`.
        unsafe { (*self.buffer()).userData as usize }
    }

    /// Sets the word of the buffer reserved for the program.
    #[inline]
    pub fn set_user_data(self, value: usize) {
        // SAFETY: as in `mr`.
        unsafe { (*self.buffer()).userData = value as sys::seL4_Word }
    }

    /// The buffer's address (for example to configure another thread with
    /// the same buffer).
    #[inline]
    pub fn address(self) -> usize {
        self.buffer() as usize
    }
}

// SPDX-License-Identifier: MIT OR Apache-2.0
//! Where the IPC buffer is, and access to its message registers and
//! capability slots.
//!
//! The pointer is per thread, as libsel4's `__sel4_ipc_buffer` is. In the
//! seL4 build it *is* that variable: the project's C runtime defines it
//! as a thread-local, sets it for the initial thread at start-up and for
//! every thread it creates, so C code, the runtime and Rust agree on each
//! thread's buffer. A thread started by hand needs a TLS block first (its
//! FS base) and then [`seL4_SetIPCBuffer`] on that thread. In the host
//! build (where no seL4 call can run) it is a plain static.

use crate::{seL4_CPtr, seL4_IPCBuffer, seL4_Word};

#[cfg(sel4)]
mod pointer {
    use crate::seL4_IPCBuffer;
    // The runtime defines `__sel4_ipc_buffer`; naming the crate links it.
    use sel4_runtime as _;

    /// The calling thread's `__sel4_ipc_buffer`.
    #[inline(always)]
    pub fn get() -> *mut seL4_IPCBuffer {
        let buffer: *mut seL4_IPCBuffer;
        // SAFETY: reads the calling thread's copy of the runtime's TLS
        // variable at its link-time offset from the FS base (the local-exec
        // model of a static executable); no other memory is touched.
        unsafe {
            core::arch::asm!(
                "mov {}, qword ptr fs:[__sel4_ipc_buffer@TPOFF]",
                out(reg) buffer,
                options(nostack, preserves_flags, readonly)
            );
        }
        buffer
    }

    /// Sets the calling thread's `__sel4_ipc_buffer`.
    #[inline(always)]
    pub fn set(buffer: *mut seL4_IPCBuffer) {
        // SAFETY: writes only the calling thread's copy of the runtime's
        // TLS variable, as `get` reads it.
        unsafe {
            core::arch::asm!(
                "mov qword ptr fs:[__sel4_ipc_buffer@TPOFF], {}",
                in(reg) buffer,
                options(nostack, preserves_flags)
            );
        }
    }
}

#[cfg(not(sel4))]
mod pointer {
    use crate::seL4_IPCBuffer;
    use core::ptr;
    use core::sync::atomic::{AtomicPtr, Ordering};

    static IPC_BUFFER: AtomicPtr<seL4_IPCBuffer> = AtomicPtr::new(ptr::null_mut());

    #[inline(always)]
    pub fn get() -> *mut seL4_IPCBuffer {
        IPC_BUFFER.load(Ordering::Relaxed)
    }

    #[inline(always)]
    pub fn set(buffer: *mut seL4_IPCBuffer) {
        IPC_BUFFER.store(buffer, Ordering::Relaxed);
    }
}

/// The calling thread's IPC buffer, registered with [`seL4_SetIPCBuffer`]
/// (or by the runtime; null before).
#[inline]
pub fn seL4_GetIPCBuffer() -> *mut seL4_IPCBuffer {
    pointer::get()
}

/// Registers the calling thread's IPC buffer (for the root task:
/// `seL4_BootInfo::ipcBuffer`, which the runtime registers at start-up).
///
/// # Safety
///
/// `buffer` must point to the thread's mapped, writable IPC buffer for as
/// long as any function of this crate that touches the buffer is called on
/// this thread. In the seL4 build the thread must have a TLS block (its FS
/// base), as every thread of the runtime has.
#[inline]
pub unsafe fn seL4_SetIPCBuffer(buffer: *mut seL4_IPCBuffer) {
    pointer::set(buffer);
}

fn buffer() -> *mut seL4_IPCBuffer {
    seL4_GetIPCBuffer()
}

/// Message register `i` from the IPC buffer (panics if `i >= seL4_MsgMaxLength`).
///
/// # Safety
///
/// The IPC buffer must be registered (see [`seL4_SetIPCBuffer`]).
#[inline]
pub unsafe fn seL4_GetMR(i: usize) -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid; the
    // index is bounds-checked on the array place, no reference is formed.
    unsafe { (*buffer()).msg[i] }
}

/// Sets message register `i` in the IPC buffer (panics if `i >= seL4_MsgMaxLength`).
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetMR(i: usize, value: seL4_Word) {
    // SAFETY: as for seL4_GetMR; the buffer is writable by the caller's contract.
    unsafe { (*buffer()).msg[i] = value }
}

/// The IPC buffer's word reserved for the user.
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetUserData() -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).userData }
}

/// Sets the IPC buffer's word reserved for the user.
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetUserData(value: seL4_Word) {
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe { (*buffer()).userData = value }
}

/// Extra capability `i` of the message to send (panics if `i >= seL4_MsgMaxExtraCaps`).
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetCap(i: usize) -> seL4_CPtr {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).caps_or_badges[i] }
}

/// Sets extra capability `i` of the message to send (panics if `i >= seL4_MsgMaxExtraCaps`).
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetCap(i: usize, cptr: seL4_CPtr) {
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe { (*buffer()).caps_or_badges[i] = cptr }
}

/// Badge `i` of a received message whose capabilities were unwrapped.
///
/// # Safety
///
/// The IPC buffer must be registered.
#[inline]
pub unsafe fn seL4_GetBadge(i: usize) -> seL4_Word {
    // SAFETY: the caller guarantees the registered pointer is valid.
    unsafe { (*buffer()).caps_or_badges[i] }
}

/// Where a received capability is stored: slot (`index`, `depth`) under `root`.
///
/// # Safety
///
/// The IPC buffer must be registered and writable.
#[inline]
pub unsafe fn seL4_SetCapReceivePath(root: seL4_CPtr, index: seL4_CPtr, depth: seL4_Word) {
    let buffer = buffer();
    // SAFETY: the caller guarantees the registered pointer is valid and writable.
    unsafe {
        (*buffer).receiveCNode = root;
        (*buffer).receiveIndex = index;
        (*buffer).receiveDepth = depth;
    }
}
